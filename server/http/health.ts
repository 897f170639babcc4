// What a load balancer asks each instance: does it answer, does its database, and does the
// database hold every migration this build expects (a rolling deploy must not route to an
// instance newer than its schema)?
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { answeredWithin, selectRows, type DbOrTx } from "@/db";
import { MIGRATIONS_FOLDER } from "@/db/migrate";

export const HEALTH_TIMEOUT_MS = 2_000;

let expected: number | undefined;

/** How many migrations this build ships (db/migrations/meta/_journal.json). */
export function expectedMigrations(): number {
  expected ??= (JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  return expected;
}

/** 200 when the database answers within the timeout with the build's migrations, 503 otherwise; never cached. */
export async function answerHealthRequest(db: DbOrTx, timeoutMs = HEALTH_TIMEOUT_MS): Promise<Response> {
  const started = performance.now();
  const headers = { "cache-control": "no-store" };
  try {
    const [row] = await answeredWithin(
      selectRows<{ migrations: number }>(db, sql`select count(*)::int as migrations from drizzle.__drizzle_migrations`),
      timeoutMs,
    );
    const migrations = { applied: row?.migrations ?? 0, expected: expectedMigrations() };
    const milliseconds = Math.round(performance.now() - started);
    if (migrations.applied < migrations.expected) {
      return Response.json({ status: "unavailable", database: "behind", migrations, milliseconds }, { status: 503, headers });
    }
    return Response.json({ status: "ok", database: "ok", migrations, milliseconds }, { headers });
  } catch {
    return Response.json({ status: "unavailable", database: "unreachable" }, { status: 503, headers });
  }
}
