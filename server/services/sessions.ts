// Opening a database session for a person, as Auth.js would after a sign-in.
import { randomBytes } from "node:crypto";
import type { DbOrTx } from "@/db";
import { sessions } from "@/db/schema";

export const SESSION_DAYS = 30;

export async function openSession(db: DbOrTx, userId: string, days = SESSION_DAYS) {
  const sessionToken = randomBytes(32).toString("hex");
  const expires = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
  await db.insert(sessions).values({ sessionToken, userId, expires });
  return { sessionToken, expires };
}

/** The cookie Auth.js reads for a database session. */
export function sessionCookie(secure: boolean) {
  return secure ? "__Secure-authjs.session-token" : "authjs.session-token";
}
