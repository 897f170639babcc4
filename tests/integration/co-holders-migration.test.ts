// Migration 0030 turns each project's lead collective into its first holding structure and its
// contact, and names the structure behind every stage change, on a copy of the demo as it stood
// at migration 0029 (tests/fixtures/demo-at-migration-0029.jsonl.gz: the demo seeded then, its
// tables but the territories, which come from the package). Nothing else may change.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, PGLITE_OPTIONS, selectRows, type DbConnection } from "@/db";
import { digestTables } from "@/db/backup";
import { migrate, MIGRATIONS_FOLDER } from "@/db/migrate";
import { loadTerritories } from "@/db/seed/territories";
import { databaseUrl, FIXTURE_TERRITORIES, testServerUrl, uniqueDatabaseName } from "../support/test-database";

const FIXTURE = path.join(process.cwd(), "tests/fixtures/demo-at-migration-0029.jsonl.gz");
/** The tables the migration writes; every other one must come out as it went in. */
const CHANGED = ["project", "project_party", "stage_change", "relationship_summary", "stage_move"];

/** A copy of the migrations folder that stops after `last`. */
async function migrationsUpTo(last: string): Promise<{ folder: string; dispose: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), "maillage-migrations-"));
  await cp(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: { tag: string }[] };
  const stop = journal.entries.findIndex((entry) => entry.tag === last);
  journal.entries = journal.entries.slice(0, stop + 1);
  await writeFile(journalFile, JSON.stringify(journal));
  return { folder, dispose: () => rm(folder, { recursive: true, force: true }) };
}

/** An empty database of the driver the tests run on: PGlite, or a new database on TEST_DATABASE_URL's server. */
async function emptyDatabase(): Promise<DbConnection & { dispose: () => Promise<void> }> {
  const serverUrl = testServerUrl();
  if (!serverUrl) {
    const connection = createDb({ pglite: await PGlite.create(PGLITE_OPTIONS) });
    return { ...connection, dispose: connection.close };
  }
  const name = uniqueDatabaseName("maillage_migration");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const connection = createDb({ url: databaseUrl(serverUrl, name), maxConnections: 1 });
  return {
    ...connection,
    dispose: async () => {
      await connection.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

/** The fixture's rows, table after table, as the backup wrote them (parents first). */
async function loadFixture(connection: DbConnection) {
  await connection.db.transaction(async (tx) => {
    // The job figures come back from their own rows, as in a restore (migration 0029).
    await tx.execute(sql`select set_config('maillage.restore', 'on', true)`);
    const lines = createInterface({ input: createReadStream(FIXTURE).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      const record = JSON.parse(line) as { format?: string; table?: string; rows?: unknown[] };
      if (record.format || !record.table) continue;
      await tx.execute(
        sql`${sql.raw(`insert into "${record.table}" overriding system value select * from json_populate_recordset(null::"${record.table}",`)} ${JSON.stringify(record.rows)}::json)`,
      );
    }
  });
}

describe("migration 0030 on a copy of the demo", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("makes each lead collective the project's holder and contact, names who spoke in each stage change, and loses nothing", async () => {
    const connection = await emptyDatabase();
    cleanups.push(connection.dispose);
    const before0030 = await migrationsUpTo("0029_job_figures");
    cleanups.push(before0030.dispose);
    await migrate(connection, before0030.folder);
    await loadTerritories(connection.db, FIXTURE_TERRITORIES);
    await loadFixture(connection);
    const db = connection.db;

    const leads = await selectRows<{ id: string; lead: string }>(db, sql`select id, lead_collective_id as lead from project order by id`);
    const parties = await selectRows<{ project_id: string; organisation_id: string; role: string; status: string }>(
      db,
      sql`select project_id, organisation_id, role::text, status::text from project_party order by project_id, organisation_id`,
    );
    const changes = await selectRows<{ id: string; side: string; status: string; network: string | null; lead: string; authority: string }>(
      db,
      sql`select sc.id, sc.proposed_side::text as side, sc.status::text, sc.declared_by_network_id as network, p.lead_collective_id as lead, r.authority_id as authority
        from stage_change sc join relationship r on r.id = sc.relationship_id join project p on p.id = r.project_id order by sc.id`,
    );
    const untouched = async () => Object.fromEntries(Object.entries(await digestTables(db)).filter(([table]) => !CHANGED.includes(table)));
    const otherTables = await untouched();
    expect(leads.length).toBeGreaterThanOrEqual(10);
    expect(changes.length).toBeGreaterThan(20);

    const through0030 = await migrationsUpTo("0030_co_holders");
    cleanups.push(through0030.dispose);
    await migrate(connection, through0030.folder);

    // Each lead is now the contact and an active holder; every party row is still there, its role renamed.
    const contacts = await selectRows<{ id: string; contact: string }>(db, sql`select id, contact_holder_id as contact from project order by id`);
    expect(contacts).toEqual(leads.map((lead) => ({ id: lead.id, contact: lead.lead })));
    const partiesAfter = await selectRows<{ project_id: string; organisation_id: string; role: string; status: string }>(
      db,
      sql`select project_id, organisation_id, role::text, status::text from project_party order by project_id, organisation_id`,
    );
    expect(partiesAfter).toEqual(parties.map((party) => ({ ...party, role: party.role === "lead" ? "holder" : party.role })));
    for (const lead of leads) {
      expect(partiesAfter).toContainEqual({ project_id: lead.id, organisation_id: lead.lead, role: "holder", status: "active" });
    }
    // Who spoke for each side: the lead for the collective, the network that declared a stage, the authority.
    const named = await selectRows<{ id: string; proposed: string | null; decided: string | null }>(
      db,
      sql`select id, proposed_by_organisation_id as proposed, decided_by_organisation_id as decided from stage_change order by id`,
    );
    expect(named).toEqual(
      changes.map((change) => {
        const proposer = change.network ?? (change.side === "collective" ? change.lead : change.authority);
        const decidingSide = change.status === "withdrawn" ? change.side : change.side === "collective" ? "authority" : "collective";
        return {
          id: change.id,
          proposed: proposer,
          decided: change.status === "pending" ? null : decidingSide === "collective" ? change.lead : change.authority,
        };
      }),
    );
    expect(await untouched()).toEqual(otherTables);
  });
});
