// Builds the tRPC context of a request — HTTP or server component — from the Auth.js session.
import "server-only";
import { cache } from "react";
import { auth } from "@/server/auth";
import { getDb } from "@/server/db";
import type { Actor } from "@/server/services/access";
import type { Context } from "./trpc";

/** The signed-in person of this request, or null; read once per request. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  return { userId: session.user.id, isPlatformAdmin: session.user.isPlatformAdmin };
});

export async function createRequestContext(): Promise<Context> {
  return { db: getDb(), actor: await currentActor() };
}
