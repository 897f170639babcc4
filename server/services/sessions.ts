// Opening a database session for a person, as Auth.js would after a sign-in; what ProConnect left on one.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { sessions } from "@/db/schema";
import { SESSION_DAYS } from "@/server/auth/session-cookie";

export async function openSession(db: DbOrTx, userId: string, days = SESSION_DAYS) {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  await db.insert(sessions).values({ sessionToken, userId, expires });
  return { sessionToken, expires };
}

/** The ID token ProConnect gave when it opened this session, or null (an emailed link, no session). */
export async function proConnectIdTokenOfSession(db: DbOrTx, sessionToken: string): Promise<string | null> {
  const [session] = await db.select({ idToken: sessions.proconnectIdToken }).from(sessions).where(eq(sessions.sessionToken, sessionToken));
  return session?.idToken ?? null;
}
