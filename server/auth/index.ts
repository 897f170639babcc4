// Auth.js in the app: its /api/auth routes, auth() for pages, signIn/signOut. Its configuration is in ./config.
import { Auth } from "@auth/core";
import NextAuth, { type DefaultSession } from "next-auth";
import { getDb } from "@/server/db";
import type { NextRequest } from "next/server";
import { authJsEnvironment, env } from "@/server/env";
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

/**
 * Auth.js's /api/auth routes, for the request moved to AUTH_URL. next-auth's own handlers pass a
 * NextRequest, whose URL Next rewrites from 127.0.0.1 to localhost: an OpenID provider then sees
 * a token request whose redirect_uri is not the one the sign-in action (at AUTH_URL) sent it to.
 * Without AUTH_URL (Auth.js then goes by the proxy's headers), next-auth's handlers as they are.
 */
export async function authRoutes(request: NextRequest): Promise<Response> {
  if (!authJsEnvironment.AUTH_URL) return request.method === "POST" ? handlers.POST(request) : handlers.GET(request);
  const url = new URL(request.url);
  const atAppUrl = new Request(`${env.APP_URL}${url.pathname}${url.search}`, {
    method: request.method,
    headers: request.headers,
    body: request.method === "POST" ? await request.arrayBuffer() : undefined,
  });
  return Auth(atAppUrl, { ...authConfig(getDb()), basePath: "/api/auth" });
}
