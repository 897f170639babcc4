// Builds the tRPC context of a request — a server component or an HTTP call — from the Auth.js session.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { NextRequest } from "next/server";
import { auth } from "@/server/auth";
import { actorOfApiRequest } from "@/server/auth/api-session";
import { getDb } from "@/server/db";
import { LOCALE_COOKIE, toLocale } from "@/server/i18n/config";
import type { Actor } from "@/server/services/access";
import type { Context } from "./trpc";

/** The signed-in person of this request, or null; read once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { userId: session.user.id, isPlatformAdmin: session.user.isPlatformAdmin };
});

/** For server components: the session as auth() reads it. */
export async function createRequestContext(): Promise<Context> {
  return { db: getDb(), actor: await currentActor(), locale: toLocale((await cookies()).get(LOCALE_COOKIE)?.value) };
}

/** For tRPC over HTTP: the same session, read by one prepared statement (server/auth/api-session.ts). */
export async function createApiContext(request: NextRequest): Promise<Context> {
  const db = getDb();
  return { db, actor: await actorOfApiRequest(db, request), locale: toLocale(request.cookies.get(LOCALE_COOKIE)?.value) };
}
