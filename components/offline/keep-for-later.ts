"use client";
// Keeping a write in the outbox when it cannot be sent: without signal, or when the connection
// dropped on the way (the server may have it already: its idempotency key makes the resend harmless).
import { OUTBOX_SYNC_TAG } from "./offline-rules";
import { queueWrite, signedInPerson, type QueueableProcedure } from "./outbox-store";

/** How a form's write is described in the outbox. */
export type Queueing<TInput> = {
  procedure: QueueableProcedure;
  describe: (input: TInput) => { label: string; typed: string; projectId: string };
};

/** Did the request fail for want of a connection, rather than by the server's answer? */
export function isConnectionLost(error: unknown): boolean {
  if (typeof navigator !== "undefined" && !navigator.onLine) return true;
  if (!(error instanceof Error)) return false;
  // A tRPC error the server answered carries its data; one the network lost carries a fetch TypeError.
  const answered = "data" in error && (error as { data?: unknown }).data != null;
  return !answered && (error.name === "TypeError" || (error.cause instanceof Error && error.cause.name === "TypeError"));
}

export async function keepForLater<TInput extends { idempotencyKey?: string }>(input: TInput, queueing: Queueing<TInput>): Promise<void> {
  const userId = await signedInPerson();
  if (!userId || !input.idempotencyKey) throw new Error("nobody to keep this write for");
  await queueWrite({
    key: input.idempotencyKey,
    userId,
    procedure: queueing.procedure,
    input: input as Record<string, unknown>,
    href: window.location.pathname + window.location.search,
    ...queueing.describe(input),
  });
  void askToSendLater();
}

/** After queuing a write: the browser sends it as soon as it can, even with no page open (Background Sync, where it exists). */
async function askToSendLater() {
  const registration = await navigator.serviceWorker?.ready.catch(() => null);
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register: (tag: string) => Promise<void> } }) | null | undefined)?.sync;
  await sync?.register(OUTBOX_SYNC_TAG).catch(() => {});
}
