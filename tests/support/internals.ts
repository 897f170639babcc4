// What an answer to a person must never show: the SQL the server ran, its tables, its parameters.
import { getTableName, is } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { expect } from "vitest";
import * as schema from "@/db/schema";

const TABLES = (Object.values(schema) as unknown[]).flatMap((value) => (is(value, PgTable) ? [getTableName(value)] : []));

const SQL_TEXT = /\b(select|insert into|delete from|returning|where)\b.*\b(from|values|set|and|or|limit)\b|\$\d+\b|\bparams?\s*:|failed query/i;

/** Fails when the text quotes SQL, a table as the driver names it ("comment"), or bound parameters. */
export function expectNoInternals(text: string) {
  expect(text).not.toMatch(SQL_TEXT);
  for (const table of TABLES) expect(text).not.toContain(`"${table}"`);
}
