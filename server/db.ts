// The application's single database connection, kept on globalThis.
import { createDb, type Database, type DbConnection } from "@/db";
import { ReadReplicas } from "@/db/replicas";
import { env } from "@/server/env";

// PGlite does not lock its folder: a second copy opened by another module graph (proxy, route
// handlers, pages) would silently lose writes. One instance per process, on globalThis.
const globalForDb = globalThis as unknown as { maillageDb?: DbConnection; maillageReplicas?: ReadReplicas | null };

export function getDbConnection(): DbConnection {
  globalForDb.maillageDb ??= createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: env.PGLITE_DIR });
  return globalForDb.maillageDb;
}

export function getDb(): Database {
  return getDbConnection().db;
}

/** The read replicas of DATABASE_REPLICA_URLS, checked in the background; null without any. */
export function getReadReplicas(): ReadReplicas | null {
  if (globalForDb.maillageReplicas === undefined) {
    globalForDb.maillageReplicas = env.DATABASE_REPLICA_URLS.length > 0 ? new ReadReplicas(getDb(), env.DATABASE_REPLICA_URLS).start() : null;
  }
  return globalForDb.maillageReplicas;
}
