// `npm run bench:portfolio`: imports a 10,000-row spreadsheet into a fresh database with the real
// territories, re-imports it, then reads the dashboard and the portfolio table; prints the times.
// PostgreSQL when BENCH_DATABASE_URL names a server (a database `maillage_bench_*` is created and
// dropped), an in-memory PGlite otherwise. ROWS=n changes the size.
import { performance } from "node:perf_hooks";
import { PGlite } from "@electric-sql/pglite";
import Papa from "papaparse";
import postgres from "postgres";
import { createDb, PGLITE_OPTIONS, selectRows, type DbConnection } from "@/db";
import { memberships, organisations, users } from "@/db/schema";
import { migrate } from "@/db/migrate";
import { loadTerritories } from "@/db/seed/territories";
import { getPortfolioDashboard } from "@/server/services/portfolio-dashboard";
import { listPortfolio } from "@/server/services/portfolio-table";
import { planImport, runImport } from "@/server/services/portfolio-import";
import { sql } from "drizzle-orm";

const ROWS = Number(process.env.ROWS ?? 10_000);
const CALLS = 50;
const STAGES = ["Défiance", "Observation", "Collaboration", "Co-portage", "", ""];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(2).padStart(8)} s`);
  return result;
}

async function percentiles(label: string, work: () => Promise<unknown>) {
  const times: number[] = [];
  for (let call = 0; call < CALLS; call += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (share: number) => (times[Math.min(times.length - 1, Math.floor(share * times.length))] ?? 0).toFixed(1);
  console.log(`${label.padEnd(44)} p50 ${at(0.5).padStart(7)} ms   p95 ${at(0.95).padStart(7)} ms   (${CALLS} calls)`);
}

async function open(): Promise<{ connection: DbConnection; drop: () => Promise<void> }> {
  const server = process.env.BENCH_DATABASE_URL;
  if (!server) return { connection: createDb({ pglite: await PGlite.create(PGLITE_OPTIONS) }), drop: async () => {} };
  const name = `maillage_bench_${Date.now().toString(36)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const connection = createDb({ url: url.toString(), maxConnections: 4 });
  return {
    connection,
    drop: async () => {
      if (process.env.KEEP) console.log(`kept database ${name}`);
      else await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function main() {
  const { connection, drop } = await open();
  const db = connection.db;
  console.log(`Portfolio benchmark — ${connection.driver}, ${ROWS.toLocaleString("fr-FR")} rows, Node ${process.version}`);
  try {
    await timed("migrations + official territories", async () => {
      await migrate(connection);
      await loadTerritories(db);
    });
    const communes = await selectRows<{ code: string }>(
      db,
      sql`select code from territory where kind = 'commune' and departement_code in ('26', '07', '38', '05') order by code`,
    );
    const [person] = await db.insert(users).values({ email: "bench@maillage.test", name: "Banc d'essai" }).returning();
    const [network] = await db.insert(organisations).values({ kind: "network", name: "Réseau du banc d'essai" }).returning();
    if (!person || !network) throw new Error("setup failed");
    await db.insert(memberships).values({ organisationId: network.id, userId: person.id, role: "moderator" });
    const actor = { userId: person.id, isPlatformAdmin: false };

    const lines = [
      ["identifiant", "titre", "collectif", "forme_juridique", "commune", "secteur", "emplois", "stade"],
      ...Array.from({ length: ROWS }, (_, index) => [
        `BENCH-${String(index).padStart(6, "0")}`,
        `Projet coopératif n° ${index}`,
        `Collectif ${index % 1500}`,
        ["Association", "SCIC", "SCOP", "PTCE"][index % 4] as string,
        communes[(index * 7) % communes.length]?.code ?? "26113",
        ["Alimentation", "Mobilité", "Habitat", "Culture", "Énergie"][index % 5] as string,
        String(index % 12),
        STAGES[index % STAGES.length] as string,
      ]),
    ];
    const bytes = new TextEncoder().encode(Papa.unparse(lines, { delimiter: ";" }));
    console.log(`file: ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${communes.length} communes`);

    const plan = await timed("dry run (read, check, preview)", () => planImport(db, actor, { networkId: network.id, bytes }));
    if (plan.errors.length > 0) throw new Error(`unexpected errors: ${JSON.stringify(plan.errors.slice(0, 3))}`);
    const first = await timed("import (one transaction)", () => runImport(db, actor, { networkId: network.id, bytes }));
    console.log(`  ${JSON.stringify(first)}`);
    const again = await timed("re-import of the same file", () => runImport(db, actor, { networkId: network.id, bytes }));
    console.log(`  ${JSON.stringify(again)}`);

    await percentiles("dashboard, whole portfolio", () => getPortfolioDashboard(db, actor, { networkId: network.id }));
    await percentiles("dashboard, one département", () => getPortfolioDashboard(db, actor, { networkId: network.id, territoryId: "departement-26" }));
    await percentiles("table, first page by title", () => listPortfolio(db, actor, { networkId: network.id }));
    await percentiles("table, page 100 by last activity", () =>
      listPortfolio(db, actor, { networkId: network.id, sort: "lastActivity", direction: "desc", page: 100 }),
    );
    await percentiles("table, search by identifier", () => listPortfolio(db, actor, { networkId: network.id, search: "BENCH-004242" }));
    const memory = process.memoryUsage();
    console.log(`memory: rss ${(memory.rss / 1024 / 1024).toFixed(0)} MB, heap ${(memory.heapUsed / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await connection.close();
    await drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
