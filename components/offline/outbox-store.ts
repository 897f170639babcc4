// The writes a person made without signal, kept in the browser (IndexedDB, through idb) until they
// are sent: shared by the pages and the service worker, which both send them (send-outbox.ts).
import { openDB, type DBSchema, type IDBPDatabase } from "idb";

/** The writes that work offline: recording and answering a milestone, a comment, the barometer. */
export const QUEUEABLE = ["milestone.create", "milestone.confirm", "milestone.contest", "comment.add", "barometer.answer"] as const;
export type QueueableProcedure = (typeof QUEUEABLE)[number];

export type QueuedWrite = {
  /** The write's idempotency key: sent with it every time, so that it lands once. */
  key: string;
  userId: string;
  procedure: QueueableProcedure;
  /** The procedure's input, as the form made it (the key included). */
  input: Record<string, unknown>;
  /** What the person would call it: « Jalon « Réunion en mairie » — Tiers-lieu de Die ». */
  label: string;
  /** What they typed, to copy if the server refuses it. */
  typed: string;
  projectId: string;
  /** The page it was written on. */
  href: string;
  queuedAt: number;
  state: "waiting" | "refused";
  /** The server's refusal, in the person's language. */
  message?: string;
};

interface OutboxSchema extends DBSchema {
  writes: { key: string; value: QueuedWrite; indexes: { byUser: string } };
  /** "person": who is signed in on this browser, so that the service worker sends only their writes. */
  meta: { key: string; value: string };
}

const DATABASE = "maillage-hors-connexion";
/** Told whenever the outbox changes, to every page and the service worker. */
export const OUTBOX_CHANNEL = "maillage-envois";

let opened: Promise<IDBPDatabase<OutboxSchema>> | null = null;

function database() {
  opened ??= openDB<OutboxSchema>(DATABASE, 1, {
    upgrade(db) {
      db.createObjectStore("writes", { keyPath: "key" }).createIndex("byUser", "userId");
      db.createObjectStore("meta");
    },
  });
  return opened;
}

function announce() {
  if (typeof BroadcastChannel === "undefined") return;
  const channel = new BroadcastChannel(OUTBOX_CHANNEL);
  channel.postMessage("changed");
  channel.close();
}

/** The person's queued writes, oldest first: the order they are sent in. */
export async function queuedWrites(userId: string): Promise<QueuedWrite[]> {
  const writes = await (await database()).getAllFromIndex("writes", "byUser", userId);
  return writes.sort((a, b) => a.queuedAt - b.queuedAt);
}

export async function queueWrite(write: Omit<QueuedWrite, "queuedAt" | "state">): Promise<void> {
  await (await database()).put("writes", { ...write, queuedAt: Date.now(), state: "waiting" });
  announce();
}

export async function markRefused(key: string, message: string): Promise<void> {
  const db = await database();
  const write = await db.get("writes", key);
  if (write) await db.put("writes", { ...write, state: "refused", message });
  announce();
}

export async function dropWrite(key: string): Promise<void> {
  await (await database()).delete("writes", key);
  announce();
}

/** Every queued write of everyone on this browser, and who was signed in: at sign-out. */
export async function dropEveryWrite(): Promise<void> {
  const db = await database();
  await db.clear("writes");
  await db.clear("meta");
  announce();
}

/** Who is signed in on this browser, as the pages last said. */
export async function signedInPerson(): Promise<string | null> {
  return (await (await database()).get("meta", "person")) ?? null;
}

export async function rememberPerson(userId: string): Promise<void> {
  await (await database()).put("meta", userId, "person");
}

/** Nobody is signed in any more (the session ended without signing out): the worker keeps and shows nothing. */
export async function forgetPerson(): Promise<void> {
  await (await database()).delete("meta", "person");
}
