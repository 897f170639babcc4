// Where the benchmarks run: a PostgreSQL database `maillage_bench` on the server BENCH_DATABASE_URL
// names (national scale; `maillage_bench_x10` at ten times it, so both scales stay seeded side by
// side), else an embedded PGlite in .data/bench (a département's scale).
import type { Logger } from "drizzle-orm";
import postgres from "postgres";
import { createDb, type DbConnection } from "@/db";

export const BENCH_DATABASE = "maillage_bench";
export const BENCH_PGLITE_DIR = ".data/bench";

export type BenchTarget = {
  label: string;
  /** 1 = the national data set; PGlite defaults to 0.1 (1,000 projects). */
  scale: number;
  open: (options?: { logger?: Logger; maxConnections?: number }) => DbConnection;
  /** Empties the target: drops and creates the PostgreSQL database, or removes the PGlite folder. */
  recreate: () => Promise<void>;
  /** The connection URL of the bench database, for processes started beside the script. */
  url: string | null;
};

/** The database of a scale: `maillage_bench` for the national set, `maillage_bench_x10` at ten times. */
export function benchDatabaseAt(scale: number): string {
  return scale === 1 ? BENCH_DATABASE : `${BENCH_DATABASE}_x${String(scale).replace(".", "_")}`;
}

function benchUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The scale named by `--scale N` on the command line, else SCALE, else null. */
export function scaleAsked(): number | null {
  const scaleArgument = process.argv.indexOf("--scale");
  const scaleText = scaleArgument >= 0 ? process.argv[scaleArgument + 1] : process.env.SCALE;
  const scale = scaleText ? Number(scaleText) : null;
  if (scale !== null && !(scale > 0)) throw new Error(`--scale: a positive number, not ${scaleText}`);
  return scale;
}

/** `npm run bench:seed -- --scale 10` (or SCALE=10): ten times the national set, in its own database. */
export function benchTarget(scaleOverride: number | null = scaleAsked()): BenchTarget {
  const server = process.env.BENCH_DATABASE_URL;
  if (server) {
    const scale = scaleOverride ?? 1;
    const database = benchDatabaseAt(scale);
    const url = benchUrl(server, database);
    return {
      label: `PostgreSQL ${new URL(server).host}/${database}`,
      scale,
      url,
      open: (options) => createDb({ url, maxConnections: options?.maxConnections ?? 4, logger: options?.logger }),
      recreate: async () => {
        const admin = postgres(server, { max: 1, onnotice: () => {} });
        try {
          await admin.unsafe(`drop database if exists ${database} with (force)`);
          await admin.unsafe(`create database ${database}`);
        } finally {
          await admin.end();
        }
      },
    };
  }
  return {
    label: `PGlite ${BENCH_PGLITE_DIR}`,
    scale: scaleOverride ?? 0.1,
    url: null,
    open: (options) => createDb({ dataDir: BENCH_PGLITE_DIR, logger: options?.logger }),
    recreate: async () => {
      const { rm } = await import("node:fs/promises");
      await rm(BENCH_PGLITE_DIR, { recursive: true, force: true });
    },
  };
}
