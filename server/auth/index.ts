// Auth.js in the app: sign-in routes, auth() for pages, signIn/signOut. Its configuration is in ./config.
import NextAuth, { type DefaultSession } from "next-auth";
import { getDb } from "@/server/db";
import { authConfig } from "./config";

declare module "next-auth" {
  interface Session {
    user: { id: string; isPlatformAdmin: boolean } & DefaultSession["user"];
  }
  interface User {
    isPlatformAdmin?: boolean;
  }
}

// A lazy config: the database is opened on the first request, never while `next build` loads modules.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig(getDb()));
