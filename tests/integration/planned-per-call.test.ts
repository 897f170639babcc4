// Statements marked plannedPerCall reach PostgreSQL unnamed, so each call is planned for its own
// parameters; every other statement is kept as a named prepared statement (its plan reused).
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, plannedPerCall, selectRows, type DbConnection } from "@/db";
import { testServerUrl } from "../support/test-database";

const serverUrl = testServerUrl();

describe("statements planned per call", () => {
  let connection: DbConnection | null = null;
  afterAll(async () => connection?.close());

  it.runIf(serverUrl !== null)("are not kept as prepared statements, unlike the others (PostgreSQL only)", async () => {
    connection = createDb({ url: serverUrl ?? "", maxConnections: 1 });
    const { db } = connection;
    for (let call = 0; call < 3; call += 1) {
      await selectRows(db, sql`select ${call}::int as kept_statement`);
      await selectRows(db, plannedPerCall(sql`select ${call}::int as planned_statement`));
    }
    const prepared = await selectRows<{ statement: string }>(db, sql`select statement from pg_prepared_statements`);
    const texts = prepared.map((row) => row.statement);
    expect(texts.filter((text) => text.includes("kept_statement"))).toHaveLength(1);
    expect(texts.filter((text) => text.includes("planned_statement"))).toEqual([]);
  });
});
