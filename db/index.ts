// Opens the database: postgres.js when a connection URL is given, else an embedded PGlite in a folder.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql, type Logger, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** What a service receives: the database or a transaction inside it. */
export type DbOrTx = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The rows of a raw SQL query, whichever driver ran it (postgres.js answers an array, PGlite `{ rows }`). */
export async function selectRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** `work`'s answer, or an error once `ms` have passed without one (the query itself is not cancelled). */
export async function answeredWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export type DbConnection =
  | { driver: "postgres"; db: Database; client: postgres.Sql; close: () => Promise<void> }
  | { driver: "pglite"; db: Database; client: PGlite; close: () => Promise<void> };

/** `logger` sees every statement drizzle sends (the benchmark counts them). */
export type DbTarget = ({ url: string; maxConnections?: number } | { dataDir?: string; pglite?: PGlite }) & { logger?: Logger };

/** PGlite settings that keep its write-ahead log small: cloning and opening get faster. */
export const PGLITE_OPTIONS = {
  extensions: { pg_trgm },
  initDbStartParams: ["--wal-segsize=1"],
  postgresqlconf: ["min_wal_size=2MB", "max_wal_size=8MB"],
} satisfies PGliteOptions;

/**
 * PGlite does not lock its folder, and two processes writing to it corrupt it. This lock file
 * beside the folder turns that into a clear error; a lock left by a dead process is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${path.resolve(dataDir)}.lock`;
  const mine = String(process.pid);
  // On a fresh clone the parent (.data/) does not exist yet.
  mkdirSync(path.dirname(lockPath), { recursive: true });
  try {
    writeFileSync(lockPath, mine, { flag: "wx" });
  } catch {
    const holder = Number(readFileSync(lockPath, "utf8"));
    if (holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database ${dataDir} is already open in process ${holder}. ` +
          "PGlite cannot share its folder between processes: stop that process first (or set DATABASE_URL).",
      );
    }
    writeFileSync(lockPath, mine);
  }
  const release = () => {
    try {
      if (readFileSync(lockPath, "utf8") === mine) unlinkSync(lockPath);
    } catch {
      // Already gone.
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const PLANNED_PER_CALL = "/* planned per call */";

/**
 * A statement PostgreSQL plans for its parameters at every call instead of reusing a generic plan:
 * for reads over a set whose size the parameters decide (a network of 85 projects or of 5,000).
 * A generic plan cannot see which network it is given and guesses a handful of rows: the
 * dashboard's statements ran two to three times slower on such plans (docs/performance.md).
 */
export function plannedPerCall(query: SQL): SQL {
  return sql`${sql.raw(PLANNED_PER_CALL)} ${query}`;
}

/**
 * Drizzle sends every query unnamed (`prepare: false`), so PostgreSQL parses and plans it at each
 * call, most of "Mes projets" on the national data set (docs/performance.md). Named statements, kept per
 * connection by postgres.js, are parsed once and, after a few runs, use a cached generic plan —
 * except those marked `plannedPerCall`, which stay unnamed.
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  const wrap = (sql: postgres.Sql | postgres.TransactionSql): typeof sql =>
    new Proxy(sql, {
      get(target, property, receiver) {
        if (property === "unsafe") {
          return (query: string, parameters?: unknown[], options?: postgres.UnsafeQueryOptions) =>
            target.unsafe(query, parameters as postgres.ParameterOrJSON<never>[], { ...options, prepare: !query.startsWith(PLANNED_PER_CALL) });
        }
        if (property === "begin" || property === "savepoint") {
          // Drizzle opens transactions and savepoints with the callback alone.
          const open = Reflect.get(target, property, receiver) as (work: (transaction: postgres.TransactionSql) => unknown) => unknown;
          return (work: (transaction: postgres.TransactionSql) => unknown) =>
            open.call(target, (transaction: postgres.TransactionSql) => work(wrap(transaction) as postgres.TransactionSql));
        }
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  return wrap(client) as postgres.Sql;
}

export function createDb(target: DbTarget): DbConnection {
  if ("url" in target) {
    // fetch_types off: its start-up query, if the server drops the connection during it, rejects
    // with nobody listening (an unhandled rejection). The app's arrays are text[], known already.
    // JIT off: past jit_above_cost (a département's view at ten times the national set), compiling
    // the plan took 25–30 ms of a 35 ms statement that then ran a few thousand rows.
    const client = postgres(target.url, { max: target.maxConnections ?? 10, onnotice: () => {}, fetch_types: false, connection: { jit: "off" } });
    const db = drizzlePostgres({ client: preparingStatements(client), schema, casing: "snake_case", logger: target.logger }) as unknown as Database;
    return { driver: "postgres", db, client, close: () => client.end({ timeout: 5 }) };
  }
  const release = target.dataDir && !target.pglite ? lockDataDir(target.dataDir) : () => {};
  if (target.dataDir && !target.pglite) mkdirSync(target.dataDir, { recursive: true });
  const client = target.pglite ?? new PGlite(target.dataDir, PGLITE_OPTIONS);
  const db = drizzlePglite({ client, schema, casing: "snake_case", logger: target.logger }) as unknown as Database;
  return {
    driver: "pglite",
    db,
    client,
    close: async () => {
      await client.close();
      release();
    },
  };
}

export { schema };
