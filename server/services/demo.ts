// Demo sign-in: in demo mode only, open a database session for one of the demo people.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { sessions, users } from "@/db/schema";
import { DEMO_PEOPLE } from "@/server/domain/demo";

export const DEMO_SESSION_DAYS = 7;

export type DemoSessionAnswer = { status: 404 } | { status: 200; sessionToken: string; expires: Date };

export async function startDemoSession(
  db: DbOrTx,
  request: { demoMode: boolean; email: string },
): Promise<DemoSessionAnswer> {
  if (!request.demoMode) return { status: 404 };
  if (!DEMO_PEOPLE.some((person) => person.email === request.email)) return { status: 404 };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, request.email));
  if (!user) return { status: 404 };
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + DEMO_SESSION_DAYS * 24 * 60 * 60 * 1000);
  await db.insert(sessions).values({ sessionToken, userId: user.id, expires });
  return { status: 200, sessionToken, expires };
}
