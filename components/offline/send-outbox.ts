// Sends the queued writes, oldest first, each with its idempotency key: a write the server already
// has (sent before the connection dropped, or by the service worker meanwhile) is answered again,
// not written twice. A refusal stays in the outbox with the server's message; a lost connection
// stops the round, to be tried again on the next one.
import { dropWrite, markRefused, queuedWrites, type QueuedWrite } from "./outbox-store";

export type SendRound = { sent: number; refused: number; waiting: number };

type TrpcAnswer = { error?: { json?: { message?: string } } };

async function send(write: QueuedWrite): Promise<"sent" | "refused" | "offline"> {
  let answer: Response;
  try {
    answer = await fetch(`/api/trpc/${write.procedure}`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      // tRPC's superjson input: plain JSON, nothing to annotate.
      body: JSON.stringify({ json: write.input }),
    });
  } catch {
    return "offline";
  }
  if (answer.ok) {
    await dropWrite(write.key);
    return "sent";
  }
  // The server is away or failing (a proxy's 502, a restart): try again later.
  if (answer.status >= 500 || answer.status === 429 || answer.status === 408) return "offline";
  const body = (await answer.json().catch(() => null)) as TrpcAnswer | null;
  await markRefused(write.key, body?.error?.json?.message ?? `HTTP ${answer.status}`);
  return "refused";
}

let round: Promise<SendRound> | null = null;

/** One round over the person's waiting writes (one round at a time per page or worker). */
export function sendQueuedWrites(userId: string): Promise<SendRound> {
  round ??= (async () => {
    const result: SendRound = { sent: 0, refused: 0, waiting: 0 };
    const writes = (await queuedWrites(userId)).filter((write) => write.state === "waiting");
    for (const [index, write] of writes.entries()) {
      const outcome = await send(write);
      if (outcome === "offline") {
        result.waiting = writes.length - index;
        break;
      }
      result[outcome] += 1;
    }
    return result;
  })().finally(() => {
    round = null;
  });
  return round;
}
