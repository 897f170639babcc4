// Writes that happen once, however often they are sent. A creating mutation may carry a key the
// browser made (the offline outbox sends each queued write with its own): the first request with a
// key claims it, inside the mutation's transaction, and stores its answer there; a request with the
// same key gets that answer back and writes nothing. A second request arriving while the first is
// still running waits on the key's row until the first commits (then replays) or rolls back (then
// writes). Keys are the person's own and kept IDEMPOTENCY_DAYS (purgeExpiredData).
import { and, eq, lt } from "drizzle-orm";
import superjson from "superjson";
import type { DbOrTx } from "@/db";
import { idempotentWrites } from "@/db/schema";
import { DomainError } from "@/server/errors";
import type { Actor } from "./access";

/** How long a key is remembered: longer than any write waits in an outbox. */
export const IDEMPOTENCY_DAYS = 30;

/**
 * Runs `write` once for (`actor`, `key`): its answer, or the answer the first request with this key
 * got. Must run inside the mutation's transaction (every tRPC mutation does), so that the key is
 * kept if and only if the write is. Without a key, simply writes.
 */
export async function writeOnce<T>(db: DbOrTx, actor: Actor, procedure: string, key: string | undefined, write: () => Promise<T>): Promise<T> {
  if (!key) return write();
  const claimed = await db
    .insert(idempotentWrites)
    .values({ userId: actor.userId, key, procedure })
    .onConflictDoNothing()
    .returning({ key: idempotentWrites.key });
  if (claimed.length === 0) {
    const [first] = await db
      .select()
      .from(idempotentWrites)
      .where(and(eq(idempotentWrites.userId, actor.userId), eq(idempotentWrites.key, key)));
    if (!first || first.procedure !== procedure) throw new DomainError("BAD_REQUEST", "idempotencyKeyReused");
    return superjson.deserialize(first.result as Parameters<typeof superjson.deserialize>[0]);
  }
  const result = await write();
  await db
    .update(idempotentWrites)
    .set({ result: superjson.serialize(result) })
    .where(and(eq(idempotentWrites.userId, actor.userId), eq(idempotentWrites.key, key)));
  return result;
}

/** Forgets the keys older than IDEMPOTENCY_DAYS. */
export async function purgeIdempotencyKeys(db: DbOrTx, now: Date) {
  const removed = await db
    .delete(idempotentWrites)
    .where(lt(idempotentWrites.createdAt, new Date(now.getTime() - IDEMPOTENCY_DAYS * 86_400_000)))
    .returning({ key: idempotentWrites.key });
  return removed.length;
}
