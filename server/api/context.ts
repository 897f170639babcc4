// Builds the tRPC context of a request — a server component or an HTTP call — from the Auth.js session.
import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import type { NextRequest } from "next/server";
import { auth } from "@/server/auth";
import { actorOfApiRequest } from "@/server/auth/api-session";
import { formatLsn, lsnOrNull } from "@/db/replicas";
import { getDb, getReadReplicas } from "@/server/db";
import { WRITTEN_AT_COOKIE, writtenAtCookie, writtenAtCookieOptions } from "./write-position";
import { LOCALE_COOKIE, toLocale } from "@/server/i18n/config";
import type { Actor } from "@/server/services/access";
import type { Context } from "./trpc";

/** The signed-in person of this request, or null; read once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { userId: session.user.id, isPlatformAdmin: session.user.isPlatformAdmin };
});

/** For server components and actions: the session as auth() reads it. */
export async function createRequestContext(): Promise<Context> {
  const jar = await cookies();
  const replicas = getReadReplicas();
  return {
    db: getDb(),
    actor: await currentActor(),
    locale: toLocale(jar.get(LOCALE_COOKIE)?.value),
    replicas,
    writtenAt: replicas ? lsnOrNull(jar.get(WRITTEN_AT_COOKIE)?.value) : null,
    onWrite: (position) => {
      try {
        jar.set(WRITTEN_AT_COOKIE, formatLsn(position), writtenAtCookieOptions());
      } catch {
        // Rendering a page cannot set cookies; this instance remembers the write by its author.
      }
    },
  };
}

/** For tRPC over HTTP: the same session, read by one prepared statement (server/auth/api-session.ts). */
export async function createApiContext(request: NextRequest, responseHeaders?: Headers): Promise<Context> {
  const db = getDb();
  const replicas = getReadReplicas();
  return {
    db,
    actor: await actorOfApiRequest(db, request),
    locale: toLocale(request.cookies.get(LOCALE_COOKIE)?.value),
    replicas,
    writtenAt: replicas ? lsnOrNull(request.cookies.get(WRITTEN_AT_COOKIE)?.value) : null,
    onWrite: (position) => responseHeaders?.append("set-cookie", writtenAtCookie(position)),
  };
}
