// `npm run db:setup`: migrations, territories, and — in demo mode — the demo data. Safe to run again.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { env } from "@/server/env";
import { createDb } from "./index";
import { migrate } from "./migrate";
import { seedDemo } from "./seed/demo";
import { loadTerritories } from "./seed/territories";

async function step<T>(label: string, work: () => Promise<T>): Promise<T> {
  process.stdout.write(`• ${label}…`);
  const started = performance.now();
  const result = await work();
  process.stdout.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

/** Any number the app uses for nothing else: the advisory lock taken while setting up. */
const SETUP_LOCK = 7_420_101;

async function main() {
  const connection = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL, maxConnections: 1 } : { dataDir: env.PGLITE_DIR });
  const where = env.DATABASE_URL ? new URL(env.DATABASE_URL).host + new URL(env.DATABASE_URL).pathname : env.PGLITE_DIR;
  console.log(`Maillage database (${connection.driver}, ${where})`);
  try {
    // Instances starting together (several `npm start` behind a load balancer) take turns: the
    // first migrates and loads, the others find it done. The lock goes with the connection.
    if (connection.driver === "postgres") await connection.db.execute(sql`select pg_advisory_lock(${SETUP_LOCK})`);
    await step("migrations", () => migrate(connection));
    const territories = await step("territoires officiels", () => loadTerritories(connection.db));
    console.log(territories.skipped ? "  déjà chargés" : `  ${territories.loaded.toLocaleString("fr-FR")} territoires chargés`);
    if (env.DEMO_MODE) {
      await step("données de démonstration", () => seedDemo(connection.db));
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
