// Migration 0027 turns each free-text sector into a key of the fixed list, as the import reads a
// typed one (server/domain/sectors.ts): both readings must agree, or old projects and newly
// imported ones would be counted under different sectors.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { projects } from "@/db/schema";
import { sectorOf } from "@/server/domain/sectors";
import { useTestDatabase } from "../support/db";
import { freeCommune, makeCollective, makeProject } from "../support/factories";

const TYPED = [
  "Tiers-lieu, économie sociale",
  "Alimentation, agriculture",
  "Réemploi, insertion",
  "Commerce de proximité",
  "Habitat",
  "Coopération économique",
  "MOBILITÉ",
  "Santé",
  "Filière bois",
  "Énergies renouvelables",
  "Apiculture collective",
  "Divers",
  "tiers lieu",
];

const ROLLBACK = Symbol("rollback");

describe("migration 0027", () => {
  const database = useTestDatabase();

  it("maps every free-text sector the way the import reads it", async () => {
    const db = database.db;
    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0027_fixed_sector_list.sql"), "utf8");
    const update = migration.split("--> statement-breakpoint").find((statement) => statement.includes('UPDATE "project"'));
    expect(update).toBeDefined();
    const collective = await makeCollective(db);
    const commune = await freeCommune(db, ["26", "38"]);
    const ids: string[] = [];
    for (const _typed of TYPED) ids.push((await makeProject(db, collective.id, commune.id)).id);
    let mapped: { id: string; sector: string; sector_detail: string }[] = [];
    try {
      await db.transaction(async (tx) => {
        await tx.execute(sql`alter table project drop constraint project_sector_listed`);
        for (const [index, typed] of TYPED.entries()) await tx.execute(sql`update project set sector = ${typed} where id = ${ids[index]}`);
        await tx.execute(sql.raw(update ?? ""));
        mapped = await tx
          .select({ id: projects.id, sector: projects.sector, sector_detail: projects.sectorDetail })
          .from(projects)
          .then((rows) => rows.map((row) => ({ id: row.id, sector: row.sector, sector_detail: row.sector_detail })));
        throw ROLLBACK;
      });
    } catch (error) {
      if (error !== ROLLBACK) throw error;
    }
    const byId = new Map(mapped.map((row) => [row.id, row]));
    for (const [index, typed] of TYPED.entries()) {
      const expected = sectorOf(typed);
      expect({ typed, sector: byId.get(ids[index] ?? "")?.sector, detail: byId.get(ids[index] ?? "")?.sector_detail }).toEqual({
        typed,
        sector: expected.sector,
        detail: expected.detail,
      });
    }
  });
});
