// Each integration test file gets its own freshly migrated database, cloned from a template:
// PGlite by default, or PostgreSQL databases created on the server named by TEST_DATABASE_URL.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { createDb, PGLITE_OPTIONS, type DbConnection } from "@/db";
import { migrate } from "@/db/migrate";
import { loadTerritories, type TerritoryScope } from "@/db/seed/territories";

/**
 * Real territories, small enough for every test: the Drôme (Die, the Diois), the Loire
 * (Saint-Étienne), the Ardèche, and enough neighbours that every test world gets communes of its
 * own (the authorization families build some 700 worlds of three communes each).
 */
export const FIXTURE_TERRITORIES: TerritoryScope = { departements: ["26", "42", "07", "38", "05", "73", "01", "69", "43", "63", "15", "48"] };

export function testServerUrl(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

/** Migrates and fills a template: a PGlite dump file, or a template database on the test server. */
export async function prepareTemplate(target: { dumpFile?: string; serverUrl?: string; database?: string }) {
  const connection = target.serverUrl
    ? createDb({ url: databaseUrl(target.serverUrl, target.database ?? "template"), maxConnections: 1 })
    : createDb({ pglite: await PGlite.create(PGLITE_OPTIONS) });
  try {
    await migrate(connection);
    await loadTerritories(connection.db, FIXTURE_TERRITORIES);
    if (connection.driver === "pglite" && target.dumpFile) {
      const dump = await connection.client.dumpDataDir("none");
      const { writeFile } = await import("node:fs/promises");
      await writeFile(target.dumpFile, Buffer.from(await dump.arrayBuffer()));
    }
  } finally {
    await connection.close();
  }
}

export type TestDatabase = DbConnection & { dispose: () => Promise<void> };

/** A fresh database from the template, and the means to throw it away. */
export async function openTestDatabase(template: { dumpFile?: string; templateDatabase?: string }): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  if (serverUrl && template.templateDatabase) {
    const name = uniqueDatabaseName("maillage_test");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}" template "${template.templateDatabase}" strategy file_copy`);
    const connection = createDb({ url: databaseUrl(serverUrl, name), maxConnections: 10 });
    return {
      ...connection,
      dispose: async () => {
        await connection.close();
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
        await admin.end();
      },
    };
  }
  if (!template.dumpFile) throw new Error("no PGlite template: is the vitest globalSetup running?");
  const dump = await readFile(template.dumpFile);
  const client = await PGlite.create({ ...PGLITE_OPTIONS, loadDataDir: new Blob([dump]) });
  const connection = createDb({ pglite: client });
  return { ...connection, dispose: connection.close };
}
