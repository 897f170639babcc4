// `npm run db:backup [-- file]` and `npm run db:restore -- file [--replace]`, on the embedded
// PGlite (stop the app first: one process at a time) or on DATABASE_URL.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { env } from "@/server/env";
import { backupTo, restoreFrom } from "./backup";
import { createDb } from "./index";
import { migrate } from "./migrate";

function defaultFile() {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 13);
  return path.join("backups", `maillage-${stamp}.jsonl.gz`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const replace = rest.includes("--replace");
  const file = rest.find((argument) => !argument.startsWith("--"));
  if (command !== "backup" && command !== "restore") throw new Error("usage: db/backup-cli.ts backup [file] | restore <file> [--replace]");
  if (command === "restore" && !file) throw new Error("npm run db:restore -- <file> [--replace]");
  const connection = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL, maxConnections: 1 } : { dataDir: env.PGLITE_DIR });
  const where = env.DATABASE_URL ? new URL(env.DATABASE_URL).host + new URL(env.DATABASE_URL).pathname : env.PGLITE_DIR;
  const started = performance.now();
  let lastReport = 0;
  const onProgress = (table: string, rows: number) => {
    // A progress line rewritten in place: only where a terminal shows it.
    if (!process.stdout.isTTY || performance.now() - lastReport < 500) return;
    lastReport = performance.now();
    process.stdout.write(`\r  ${table}: ${rows.toLocaleString("fr-FR")} lignes…`.padEnd(60));
  };
  try {
    if (command === "backup") {
      const target = file ?? defaultFile();
      mkdirSync(path.dirname(target), { recursive: true });
      console.log(`Sauvegarde de ${where} (${connection.driver}) vers ${target}`);
      const header = await backupTo(connection.db, target, onProgress);
      const rows = Object.values(header.tables).reduce((sum, table) => sum + table.rows, 0);
      console.log(
        `\r✓ ${Object.keys(header.tables).length} tables, ${rows.toLocaleString("fr-FR")} lignes, ${((performance.now() - started) / 1000).toFixed(1)} s`.padEnd(
          60,
        ),
      );
    } else {
      console.log(`Restauration de ${file} dans ${where} (${connection.driver})${replace ? ", en remplaçant ce qui s'y trouve" : ""}`);
      await migrate(connection);
      const header = await restoreFrom(connection.db, file ?? "", { replace, onProgress });
      const rows = Object.values(header.tables).reduce((sum, table) => sum + table.rows, 0);
      console.log(
        `\r✓ ${rows.toLocaleString("fr-FR")} lignes restaurées et vérifiées (nombre et somme de contrôle par table), ${((performance.now() - started) / 1000).toFixed(1)} s`.padEnd(
          60,
        ),
      );
    }
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
