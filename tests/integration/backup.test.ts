// Backups: a round trip puts back every row of every table, proven by counts and checksums; a
// damaged file or a database that already holds data is refused and nothing is half-restored.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, PGLITE_OPTIONS, selectRows, type DbConnection } from "@/db";
import { backupTo, digestTables, restoreFrom } from "@/db/backup";
import { migrate } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import { recordChange } from "@/server/services/history";
import { useTestDatabase } from "../support/db";
import { makePerson } from "../support/factories";
import { databaseUrl, testServerUrl, uniqueDatabaseName } from "../support/test-database";

const folder = mkdtempSync(path.join(tmpdir(), "maillage-backup-"));
const disposals: (() => Promise<void>)[] = [];

/** A migrated database with nothing in it, of the same kind as the test database. */
async function emptyDatabase(): Promise<DbConnection> {
  const serverUrl = testServerUrl();
  let connection: DbConnection;
  if (serverUrl) {
    const name = uniqueDatabaseName("maillage_restore");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    connection = createDb({ url: databaseUrl(serverUrl, name), maxConnections: 2 });
    disposals.push(async () => {
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    });
  } else {
    connection = createDb({ pglite: await PGlite.create(PGLITE_OPTIONS) });
    disposals.push(() => connection.close());
  }
  await migrate(connection);
  return connection;
}

describe("backup and restore", () => {
  const database = useTestDatabase();
  afterAll(async () => {
    for (const dispose of disposals) await dispose();
  });

  it("round trip: every table comes back with the same row count and checksum, identities continue", async () => {
    const db = database.db;
    await seedDemo(db);
    const source = await digestTables(db);
    expect(Object.values(source).filter((table) => table.rows > 0).length).toBeGreaterThan(15);
    const file = path.join(folder, "round-trip.jsonl.gz");
    const header = await backupTo(db, file);
    expect(header.tables).toEqual(source);

    const target = await emptyDatabase();
    await restoreFrom(target.db, file);
    expect(await digestTables(target.db)).toEqual(source);
    // The dashboard's summaries, derived by triggers and not saved, are rebuilt: the same moves and levers.
    const moves = (connection: typeof db) =>
      selectRows<{ stage_change_id: string }>(connection, sql`select stage_change_id, previous_at, next_at, levers from stage_move order by stage_change_id`);
    const summarised = await moves(db);
    expect(summarised.length).toBeGreaterThan(0);
    expect(await moves(target.db)).toEqual(summarised);
    // The change log's ids go on after the restored ones.
    const person = await makePerson(target.db);
    await recordChange(target.db, { actorId: person.userId, entity: "project", entityId: "après", action: "create" });
  });

  it("refuses a database that already holds data, unless told to replace it", async () => {
    const db = database.db;
    const file = path.join(folder, "again.jsonl.gz");
    await backupTo(db, file);
    const target = await emptyDatabase();
    await restoreFrom(target.db, file);
    await expect(restoreFrom(target.db, file)).rejects.toThrow(/contient déjà des données/);
    await restoreFrom(target.db, file, { replace: true });
    expect(await digestTables(target.db)).toEqual(await digestTables(db));
  });

  it("a damaged file is refused and leaves the target as it was", async () => {
    const db = database.db;
    const file = path.join(folder, "damaged.jsonl.gz");
    await backupTo(db, file);
    const lines = gunzipSync(readFileSync(file)).toString().split("\n");
    const index = lines.findIndex((line) => line.includes('"table":"organisation"'));
    expect(index).toBeGreaterThan(0);
    lines[index] = (lines[index] ?? "").replace('"name":"', '"name":"Falsifié ');
    const damaged = path.join(folder, "damaged-2.jsonl.gz");
    writeFileSync(damaged, gzipSync(lines.join("\n")));
    const target = await emptyDatabase();
    const before = await digestTables(target.db);
    await expect(restoreFrom(target.db, damaged)).rejects.toThrow(/diffèrent de la sauvegarde pour : organisation/);
    expect(await digestTables(target.db)).toEqual(before);
  });
});
