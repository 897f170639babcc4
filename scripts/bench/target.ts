// Where the benchmarks run: a PostgreSQL database `maillage_bench` on the server BENCH_DATABASE_URL
// names (national scale), else an embedded PGlite in .data/bench (a département's scale).
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

function benchUrl(server: string): string {
  const url = new URL(server);
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

export function benchTarget(): BenchTarget {
  const server = process.env.BENCH_DATABASE_URL;
  // `npm run bench:seed -- --scale 10` (or SCALE=10): ten times the national set.
  const scaleArgument = process.argv.indexOf("--scale");
  const scaleText = scaleArgument >= 0 ? process.argv[scaleArgument + 1] : process.env.SCALE;
  const scaleOverride = scaleText ? Number(scaleText) : null;
  if (scaleOverride !== null && !(scaleOverride > 0)) throw new Error(`--scale: a positive number, not ${scaleText}`);
  if (server) {
    const url = benchUrl(server);
    return {
      label: `PostgreSQL ${new URL(server).host}/${BENCH_DATABASE}`,
      scale: scaleOverride ?? 1,
      url,
      open: (options) => createDb({ url, maxConnections: options?.maxConnections ?? 4, logger: options?.logger }),
      recreate: async () => {
        const admin = postgres(server, { max: 1, onnotice: () => {} });
        try {
          await admin.unsafe(`drop database if exists ${BENCH_DATABASE} with (force)`);
          await admin.unsafe(`create database ${BENCH_DATABASE}`);
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
