// `npm run bench:seed`: fills a fresh benchmark database with the real territories and the national
// data set (PostgreSQL when BENCH_DATABASE_URL names a server; else PGlite at a tenth of the size).
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { selectRows } from "@/db";
import { migrate } from "@/db/migrate";
import { loadTerritories } from "@/db/seed/territories";
import { benchTarget } from "./bench/target";
import { seedPersonas, seedSteps, sizeAt } from "./bench/seed";

const COUNTED = [
  "user",
  "organisation",
  "membership",
  "project",
  "relationship",
  "milestone",
  "milestone_relationship",
  "stage_change",
  "barometer_answer_set",
  "comment",
  "notification",
  "follow",
  "change_log",
];

async function main() {
  const target = benchTarget();
  const size = sizeAt(target.scale);
  // At a département's scale the projects stay in two neighbouring départements (Drôme, Ardèche).
  const departements = target.scale < 0.5 ? ["26", "07"] : null;
  console.log(`Benchmark data set — ${target.label}, scale ${target.scale}, Node ${process.version}`);
  const started = performance.now();
  await target.recreate();
  const connection = target.open({ maxConnections: 1 });
  const db = connection.db;
  const step = async (label: string, work: () => Promise<unknown>) => {
    const at = performance.now();
    await work();
    console.log(`  ${label.padEnd(40)} ${((performance.now() - at) / 1000).toFixed(1).padStart(6)} s`);
  };
  try {
    await step("migrations + territoires officiels", async () => {
      await migrate(connection);
      await loadTerritories(db);
    });
    for (const { label, statements } of seedSteps(size, departements)) {
      await step(label, async () => {
        for (const statement of statements) await db.execute(sql.raw(statement));
      });
    }
    let situation: Awaited<ReturnType<typeof seedPersonas>> | undefined;
    await step("personas", async () => {
      situation = await seedPersonas(db);
    });
    // As autovacuum would have by the time anyone reads: statistics, and visibility maps for index-only scans.
    await step("vacuum analyze", () => db.execute(sql`vacuum analyze`));
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nrows:`);
    for (const table of COUNTED) {
      const [row] = await selectRows<{ count: number }>(db, sql.raw(`select count(*)::int as count from "${table}"`));
      console.log(`  ${table.padEnd(24)} ${(row?.count ?? 0).toLocaleString("fr-FR").padStart(10)}`);
    }
    console.log(`\npersonas' département: ${situation?.departementId}`);
    console.log(`seed took ${seconds.toFixed(1)} s`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
