// GET /api/sante: what a load balancer reads to route to an instance, or not.
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDb, PGLITE_OPTIONS } from "@/db";
import { answerHealthRequest, expectedMigrations } from "@/server/http/health";
import { useTestDatabase } from "../support/db";

describe("health check", () => {
  const database = useTestDatabase();

  it("answers 200 with the database up to date with this build's migrations", async () => {
    const response = await answerHealthRequest(database.db);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { status: string; migrations: { applied: number; expected: number } };
    expect(body.status).toBe("ok");
    expect(body.migrations.applied).toBe(expectedMigrations());
    expect(expectedMigrations()).toBeGreaterThan(10);
  });

  it("answers 503 when the database lacks a migration this build needs, or does not answer", async () => {
    const fresh = createDb({ pglite: await PGlite.create(PGLITE_OPTIONS) });
    await fresh.db.execute(sql`create schema drizzle`);
    await fresh.db.execute(sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text, created_at bigint)`);
    await fresh.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('first', 1)`);
    const behind = await answerHealthRequest(fresh.db);
    expect(behind.status).toBe(503);
    expect(await behind.json()).toMatchObject({ database: "behind", migrations: { applied: 1, expected: expectedMigrations() } });
    await fresh.close();
    const gone = await answerHealthRequest(fresh.db);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ status: "unavailable", database: "unreachable" });
  });
});
