// Reads on a real streaming replica (TEST_DATABASE_REPLICA_URL: a hot standby of TEST_DATABASE_URL's
// server, as `npm run db:replica` makes one): they land there when the reader has written nothing,
// never miss the reader's own write, skip a replica that lags or goes away, and still answer.
import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { selectRows, type Database } from "@/db";
import { comments } from "@/db/schema";
import { lsnOrNull, ReadReplicas } from "@/db/replicas";
import { createCaller } from "@/server/api/root";
import { withWritePosition } from "@/server/api/write-position";
import { createCallerFactory, createTRPCRouter, publicProcedure, type Context } from "@/server/api/trpc";
import type { Actor } from "@/server/services/access";
import { useTestDatabase } from "../support/db";
import { databaseUrl } from "../support/test-database";
import { buildWorld, type World } from "../support/world";

const replicaServer = process.env.TEST_DATABASE_REPLICA_URL;

/** Which server a procedure's statements ran on, asked in the procedure's own session. */
const probe = createTRPCRouter({
  read: publicProcedure.query(async ({ ctx }) => (await selectRows<{ standby: boolean }>(ctx.db, sql`select pg_is_in_recovery() as standby`))[0]?.standby),
  write: publicProcedure.mutation(async ({ ctx }) => (await selectRows<{ standby: boolean }>(ctx.db, sql`select pg_is_in_recovery() as standby`))[0]?.standby),
});
const probeCaller = createCallerFactory(probe);

function replicaScript(action: "start" | "stop") {
  execFileSync("bash", ["scripts/db-replica.sh", action], {
    env: { ...process.env, REPLICA_PORT: new URL(replicaServer ?? "").port || "5433" },
    stdio: "pipe",
  });
}

describe.skipIf(!replicaServer || !process.env.TEST_DATABASE_URL)("read replicas", () => {
  const database = useTestDatabase();
  let replicaUrl = "";
  let world: World;
  let replicaAdmin: postgres.Sql;
  const opened: ReadReplicas[] = [];
  const logged: string[] = [];

  function replicasFor(db: Database, options: { maxLagBytes?: bigint } = {}) {
    const replicas = new ReadReplicas(db, [replicaUrl], { maxLagBytes: options.maxLagBytes ?? 1n << 34n, log: (line) => logged.push(line), maxConnections: 2 });
    opened.push(replicas);
    return replicas;
  }

  async function readyToRead(replicas: ReadReplicas) {
    await vi.waitFor(
      async () => {
        await replicas.check();
        expect(replicas.replicas[0]?.skipped).toBeNull();
      },
      { timeout: 30_000, interval: 200 },
    );
  }

  const context = (replicas: ReadReplicas, actor: Actor | null, extra: Partial<Context> = {}): Context => ({
    db: database.db,
    actor,
    locale: "fr",
    replicas,
    ...extra,
  });

  beforeAll(async () => {
    const db = database.db;
    const [row] = await selectRows<{ name: string }>(db, sql`select current_database() as name`);
    replicaUrl = databaseUrl(replicaServer ?? "", row?.name ?? "");
    replicaAdmin = postgres(replicaUrl, { max: 1, onnotice: () => {} });
    world = await buildWorld(db);
  }, 60_000);

  afterEach(async () => {
    await replicaAdmin`select pg_wal_replay_resume()`.catch(() => {});
  });

  afterAll(async () => {
    await Promise.all(opened.map((replicas) => replicas.close()));
    await replicaAdmin?.end();
  });

  it("reads on the replica when the reader has written nothing, writes on the primary", async () => {
    const replicas = replicasFor(database.db);
    await readyToRead(replicas);
    const api = probeCaller(context(replicas, world.people.partyOfficial));
    expect(await api.read()).toBe(true);
    expect(await api.write()).toBe(false);
    // Without replicas, everything on the primary.
    expect(await probeCaller({ db: database.db, actor: null, locale: "fr" }).read()).toBe(false);
  });

  it("shows a person their own write at once while the replica has not replayed it, and others the replica's state", async () => {
    const replicas = replicasFor(database.db);
    await readyToRead(replicas);
    await replicaAdmin`select pg_wal_replay_pause()`;
    await vi.waitFor(async () => expect((await replicaAdmin`select pg_get_wal_replay_pause_state() as state`)[0]?.state).toBe("paused"));
    await replicas.check();

    const carried: bigint[] = [];
    const author = world.people.collectiveMember;
    await createCaller(context(replicas, author, { onWrite: (position) => carried.push(position) })).comment.add({
      projectId: world.project.id,
      body: "Écrit pendant que le réplica attend.",
      mentionIds: [],
    });
    expect(carried).toHaveLength(1);
    const bodies = async (ctx: Context) => (await createCaller(ctx).comment.list({ projectId: world.project.id })).map((comment) => comment.body);

    // The author, on this instance: on the primary.
    expect(await bodies(context(replicas, author))).toContain("Écrit pendant que le réplica attend.");
    expect(await probeCaller(context(replicas, author)).read()).toBe(false);
    // Someone else reads the replica, which has not replayed the comment: proof it is behind.
    expect(await probeCaller(context(replicas, world.people.partyOfficial)).read()).toBe(true);
    expect(await bodies(context(replicas, world.people.partyOfficial))).not.toContain("Écrit pendant que le réplica attend.");
    // Another instance, which never saw the write, goes by the position the author's browser carries.
    const elsewhere = replicasFor(database.db);
    await elsewhere.check();
    expect(await bodies(context(elsewhere, author, { writtenAt: carried[0] ?? null }))).toContain("Écrit pendant que le réplica attend.");
    expect(await bodies(context(elsewhere, author))).not.toContain("Écrit pendant que le réplica attend.");

    // Replayed: the author reads the replica again, and sees the comment there.
    await replicaAdmin`select pg_wal_replay_resume()`;
    await vi.waitFor(
      async () => {
        await replicas.check();
        expect(await probeCaller(context(replicas, author)).read()).toBe(true);
      },
      { timeout: 20_000, interval: 100 },
    );
    expect(await bodies(context(replicas, author))).toContain("Écrit pendant que le réplica attend.");
  });

  it("hands a route handler's write on to its author's reads, here and through the cookie", async () => {
    const replicas = replicasFor(database.db);
    await readyToRead(replicas);
    const shared = globalThis as unknown as { maillageReplicas?: ReadReplicas | null };
    shared.maillageReplicas = replicas;
    try {
      await replicaAdmin`select pg_wal_replay_pause()`;
      await vi.waitFor(async () => expect((await replicaAdmin`select pg_get_wal_replay_pause_state() as state`)[0]?.state).toBe("paused"));
      await replicas.check();
      const author = world.people.coHolderMember;
      // As a route handler writes: straight to the primary, outside any tRPC mutation.
      await database.db.insert(comments).values({ projectId: world.project.id, authorId: author.userId, body: "Écrit par une route." });
      const answer = await withWritePosition(new Response(null, { status: 303 }), author.userId);
      const cookie = answer.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^maillage-ecrit=[0-9A-F]+\/[0-9A-F]+; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax/);
      const bodies = async (ctx: Context) => (await createCaller(ctx).comment.list({ projectId: world.project.id })).map((comment) => comment.body);
      expect(await bodies(context(replicas, author))).toContain("Écrit par une route.");
      const carried = lsnOrNull(/^maillage-ecrit=([^;]+)/.exec(cookie)?.[1]);
      const elsewhere = replicasFor(database.db);
      await elsewhere.check();
      expect(await bodies(context(elsewhere, author, { writtenAt: carried }))).toContain("Écrit par une route.");
      expect(await bodies(context(elsewhere, author))).not.toContain("Écrit par une route.");
    } finally {
      shared.maillageReplicas = undefined;
    }
  });

  it("skips a replica further behind than the bound, says so, and takes it back once caught up", async () => {
    const replicas = replicasFor(database.db, { maxLagBytes: 0n });
    await readyToRead(replicas);
    await replicaAdmin`select pg_wal_replay_pause()`;
    await vi.waitFor(async () => expect((await replicaAdmin`select pg_get_wal_replay_pause_state() as state`)[0]?.state).toBe("paused"));
    await createCaller(context(replicas, world.people.collectiveMember)).comment.add({ projectId: world.project.id, body: "Un de plus.", mentionIds: [] });
    await replicas.check();
    expect(replicas.replicas[0]?.skipped).toMatch(/bytes behind the primary/);
    expect(logged.some((line) => /skipped: \d+ bytes behind the primary; reads go to the primary/.test(line))).toBe(true);
    expect(await probeCaller(context(replicas, world.people.partyOfficial)).read()).toBe(false);
    await replicaAdmin`select pg_wal_replay_resume()`;
    await readyToRead(replicas);
    expect(logged.some((line) => line.endsWith("takes reads again"))).toBe(true);
  });

  it("answers from the primary when the replica stops between two checks, then uses it again", async () => {
    const replicas = replicasFor(database.db);
    await readyToRead(replicas);
    logged.length = 0;
    try {
      replicaScript("stop");
      // Not checked since: the read is sent to the replica, fails, and is asked of the primary.
      expect(replicas.replicas[0]?.skipped).toBeNull();
      const list = await createCaller(context(replicas, world.people.partyOfficial)).comment.list({ projectId: world.project.id });
      expect(list.length).toBeGreaterThan(0);
      expect(logged.some((line) => /skipped: unreachable/.test(line))).toBe(true);
      expect(await probeCaller(context(replicas, world.people.partyOfficial)).read()).toBe(false);
      await replicas.check();
      expect(replicas.replicas[0]?.skipped).toMatch(/unreachable/);
    } finally {
      replicaScript("start");
    }
    await readyToRead(replicas);
    expect(await probeCaller(context(replicas, world.people.partyOfficial)).read()).toBe(true);
  }, 60_000);
});
