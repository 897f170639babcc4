// When PostgreSQL drops the app's connections mid-request (a restart, a failover), the person is
// told the service is briefly unavailable, nothing stays half-written, and the app recovers by
// itself once the database answers again.
import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db";
import { changeLog, projects } from "@/db/schema";
import { isDatabaseUnavailable } from "@/server/errors";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makePerson } from "../support/factories";
import { testServerUrl } from "../support/test-database";

const serverUrl = testServerUrl();

async function databaseName(db: Database) {
  const [row] = await selectRows<{ name: string }>(db, sql`select current_database() as name`);
  return row?.name ?? "";
}

describe("recovery", () => {
  const database = useTestDatabase();

  it("recognises a database that went away, through the wrappers around the error", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }))).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("Failed query", { cause: Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }) })),
    ).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnavailable(new Error("anything else"))).toBe(false);
  });

  it.runIf(serverUrl)("a save cut off mid-transaction: a clear error, nothing half-written, and the next save goes through (PostgreSQL only)", async () => {
    const db = database.db;
    const writer = await makePerson(db);
    const collective = await makeCollective(db, { admin: writer });
    const commune = await freeCommune(db, ["42", "73"]);
    const api = callerFor(db, writer);
    const { id: projectId } = await api.project.create({ title: "Coupure", summary: "", contactHolderId: collective.id, communeId: commune.id });
    const name = await databaseName(db);

    const killer = postgres(serverUrl ?? "", { max: 1, onnotice: () => {} });
    let cutOff: unknown = null;
    try {
      const lockerUrl = new URL(serverUrl ?? "");
      lockerUrl.pathname = `/${name}`;
      const sameDatabase = postgres(lockerUrl.toString(), { max: 1, onnotice: () => {} });
      await sameDatabase.begin(async (tx) => {
        // Someone else holds the project's row: the app's save waits inside its transaction…
        await tx`select id from project where id = ${projectId} for update`;
        const save = api.project.update({ projectId, version: 1, changes: { title: "Pendant la coupure" } }).then(
          () => null,
          (error: unknown) => error,
        );
        let waiting: { pid: number }[] = [];
        for (let attempt = 0; attempt < 200 && waiting.length === 0; attempt += 1) {
          waiting = await killer<
            { pid: number }[]
          >`select pid from pg_stat_activity where datname = ${name} and wait_event_type = 'Lock' and pid <> pg_backend_pid()`;
          if (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        expect(waiting.length).toBe(1);
        // …and the database drops its connection right there.
        await killer`select pg_terminate_backend(${waiting[0]?.pid ?? 0})`;
        cutOff = await save;
      });
      await sameDatabase.end();
    } finally {
      await killer.end();
    }

    expect(cutOff).toBeInstanceOf(TRPCError);
    expect(cutOff).toMatchObject({ code: "SERVICE_UNAVAILABLE", message: expect.stringContaining("Service momentanément indisponible") });
    const [untouched] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(untouched).toMatchObject({ title: "Coupure", version: 1 });
    expect(
      await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, projectId), eq(changeLog.action, "update"))),
    ).toEqual([]);

    await api.project.update({ projectId, version: 1, changes: { title: "Après la coupure" } });
    const [saved] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(saved).toMatchObject({ title: "Après la coupure", version: 2 });
  });

  it.runIf(serverUrl)("every connection of the app dropped at once: it reconnects by itself (PostgreSQL only)", async () => {
    const db = database.db;
    const person = await makePerson(db);
    const api = callerFor(db, person);
    await Promise.all(Array.from({ length: 10 }, () => api.account.get()));
    const name = await databaseName(db);
    const killer = postgres(serverUrl ?? "", { max: 1, onnotice: () => {} });
    const [{ killed } = { killed: 0 }] = await killer<
      { killed: number }[]
    >`select count(pg_terminate_backend(pid))::int as killed from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`;
    await killer.end();
    expect(killed).toBeGreaterThan(0);
    // A restart takes longer than this: the dropped sockets are seen closed before the next
    // request. (A query written in the very tick a socket closes hits postgres.js issue #1208.)
    await new Promise((resolve) => setTimeout(resolve, 200));
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      try {
        await api.account.updateProfile({ name: `Nom ${attempt}` });
        outcomes.push("ok");
        break;
      } catch (error) {
        if (!(error instanceof TRPCError) || error.code !== "SERVICE_UNAVAILABLE") throw error;
        outcomes.push("unavailable");
      }
    }
    expect(outcomes.at(-1)).toBe("ok");
    expect(await api.account.get()).toMatchObject({ id: person.userId });
  });
});
