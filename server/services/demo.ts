// Demo sign-in: in demo mode only, open a database session for one of the demo people; null otherwise.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { DEMO_PEOPLE } from "@/server/domain/demo";
import { openSession } from "./sessions";

export const DEMO_SESSION_DAYS = 7;

export async function startDemoSession(db: DbOrTx, request: { demoMode: boolean; email: string }): Promise<{ sessionToken: string; expires: Date } | null> {
  if (!request.demoMode) return null;
  if (!DEMO_PEOPLE.some((person) => person.email === request.email)) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, request.email));
  if (!user) return null;
  return openSession(db, user.id, DEMO_SESSION_DAYS);
}
