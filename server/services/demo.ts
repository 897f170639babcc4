// Demo sign-in: in demo mode only, open a database session for one of the demo people.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { DEMO_PEOPLE } from "@/server/domain/demo";
import { openSession } from "./sessions";

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
  return { status: 200, ...(await openSession(db, user.id, DEMO_SESSION_DAYS)) };
}
