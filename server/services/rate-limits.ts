// Limits on what costs others something (emails sent, people invited), counted in the database
// over a sliding window, with the moment one may try again. Every procedure that sends email
// counts against one of them.
import { and, asc, count, eq, gte, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { rateLimitHits } from "@/db/schema";
import { DomainError, type ErrorKey } from "@/server/errors";

export type RateLimit = { bucket: string; limit: number; windowSeconds: number };

export const LIMITS = {
  signInPerAddress: { bucket: "sign-in-email", limit: 3, windowSeconds: 3600 },
  signInPerIp: { bucket: "sign-in-ip", limit: 20, windowSeconds: 3600 },
  /** Invitation emails, first sent or sent again. */
  invitationsPerPerson: { bucket: "invitation", limit: 30, windowSeconds: 3600 },
  /** "You were added to…" emails: people added to an organisation, networks created. */
  membersAddedPerPerson: { bucket: "member-added", limit: 30, windowSeconds: 3600 },
  /** Comments that mention someone: each mention is an email at once. */
  mentionsPerPerson: { bucket: "mention", limit: 30, windowSeconds: 3600 },
  reportsPerPerson: { bucket: "report", limit: 20, windowSeconds: 3600 },
  /** A waiting claim reminds those who can verify it once a day at most. */
  remindersPerClaim: { bucket: "verification-reminder", limit: 1, windowSeconds: 86_400 },
} as const satisfies Record<string, RateLimit>;

export type RateLimitAnswer = { ok: true } | { ok: false; retryAt: Date };

async function check(db: DbOrTx, rule: RateLimit, key: string, now: Date): Promise<RateLimitAnswer> {
  const since = new Date(now.getTime() - rule.windowSeconds * 1000);
  const inWindow = and(eq(rateLimitHits.bucket, rule.bucket), eq(rateLimitHits.key, key), gte(rateLimitHits.at, since));
  const [used] = await db.select({ n: count() }).from(rateLimitHits).where(inWindow);
  if ((used?.n ?? 0) < rule.limit) return { ok: true };
  // Full: a place frees up when the oldest hit that still counts leaves the window.
  const oldest = await db
    .select({ at: rateLimitHits.at })
    .from(rateLimitHits)
    .where(inWindow)
    .orderBy(asc(rateLimitHits.at))
    .limit((used?.n ?? 0) - rule.limit + 1);
  const freeing = oldest.at(-1)?.at ?? now;
  return { ok: false, retryAt: new Date(freeing.getTime() + rule.windowSeconds * 1000) };
}

/** Whether one more would be allowed, without counting it (to warn before trying). */
export function peekRateLimit(db: DbOrTx, rule: RateLimit, key: string, now = new Date()) {
  return check(db, rule, key, now);
}

/** Counts one more if the limit allows it; concurrent calls for one key are taken one at a time. */
export async function consumeRateLimit(db: Database, rule: RateLimit, key: string, now = new Date()): Promise<RateLimitAnswer> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${rule.bucket}:${key}`}))`);
    const answer = await check(tx, rule, key, now);
    if (answer.ok) await tx.insert(rateLimitHits).values({ bucket: rule.bucket, key, at: now });
    return answer;
  });
}

/** For services: throws TOO_MANY_REQUESTS; `what`'s message says what was limited and when to retry. */
export async function enforceRateLimit(db: Database, rule: RateLimit, key: string, what: ErrorKey) {
  const answer = await consumeRateLimit(db, rule, key);
  if (!answer.ok) throw new DomainError("TOO_MANY_REQUESTS", what, { values: { retryAt: answer.retryAt }, details: { retryAt: answer.retryAt } });
}
