// The application's single database connection, kept on globalThis.
import { createDb, type Database, type DbConnection } from "@/db";
import { env } from "@/server/env";

// PGlite does not lock its folder: a second copy opened by another module graph (proxy, route
// handlers, pages) would silently lose writes. One instance per process, on globalThis.
const globalForDb = globalThis as unknown as { maillageDb?: DbConnection };

export function getDbConnection(): DbConnection {
  globalForDb.maillageDb ??= createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR });
  return globalForDb.maillageDb;
}

export function getDb(): Database {
  return getDbConnection().db;
}
