// L'Observatoire counts what the database holds, publishes no figure made of fewer than five
// projects, names only public projects, and its open data files follow their own schema.
import fc from "fast-check";
import Papa from "papaparse";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { selectRows, type Database } from "@/db";
import { projectCommunes, projects, relationships, territories } from "@/db/schema";
import { FIELDS, type tableSchema } from "@/server/domain/observatory-files";
import { publishedFigures, RURAL_POPULATION, type RawFigures } from "@/server/domain/observatory";
import { SECTORS } from "@/server/domain/sectors";
import { STAGES } from "@/server/domain/gradient";
import { answerObservatoryFile } from "@/server/http/observatory-files";
import { communesOf, countFiguresBy, recountObservatory } from "@/server/services/observatory-count";
import { useTestDatabase } from "../support/db";
import { callerFor, makeAuthority, makeCollective, makeProject } from "../support/factories";

/** Communes of one département nobody uses yet, for a test's own projects. */
async function communesIn(db: Database, departement: string, count: number) {
  return db
    .select({ id: territories.id, population: territories.population })
    .from(territories)
    .where(
      sql`${territories.kind} = 'commune' and ${territories.departementCode} = ${departement}
        and not exists (select 1 from project_commune pc where pc.commune_id = ${territories.id})
        and not exists (select 1 from organisation o where o.territory_id = ${territories.id})`,
    )
    .orderBy(territories.code)
    .limit(count);
}

/** The same figures counted the plain way, one query each, for comparison. */
async function recount(db: Database, departement: string) {
  const inside = sql`(select distinct pc.project_id from project_commune pc join territory c on c.id = pc.commune_id where c.departement_code = ${departement})`;
  const [totals] = await selectRows<{ projects: number; public_projects: number; rural: number; jobs_now: number; jobs_potential: number }>(
    db,
    sql`select count(*)::int as projects, (count(*) filter (where p.visibility = 'public'))::int as public_projects,
          (count(*) filter (where coalesce(base.population, 0) < ${RURAL_POPULATION}))::int as rural,
          coalesce(sum(p.jobs_now), 0)::int as jobs_now, coalesce(sum(p.jobs_potential), 0)::int as jobs_potential
        from project p join territory base on base.id = p.commune_id where p.id in ${inside}`,
  );
  const stages = await selectRows<{ stage: string; n: number }>(
    db,
    sql`select stage::text, count(*)::int as n from relationship where project_id in ${inside} and stage is not null and ended_at is null group by stage`,
  );
  const sectors = await selectRows<{ sector: string; n: number }>(
    db,
    sql`select sector, count(*)::int as n from project where id in ${inside} group by sector`,
  );
  return {
    totals,
    stages: Object.fromEntries(stages.map((row) => [row.stage, row.n])),
    sectors: Object.fromEntries(sectors.map((row) => [row.sector, row.n])),
  };
}

describe("l'Observatoire", () => {
  const database = useTestDatabase();

  it("counts, on random portfolios, what plain SQL counts: projects, jobs, rural ones, relationships by stage, sectors", async () => {
    const db = database.db;
    const collective = await makeCollective(db);
    const communes = await communesIn(db, "15", 12);
    const authorities = await Promise.all(communes.slice(0, 3).map((commune) => makeAuthority(db, commune.id)));
    const projectArbitrary = fc.record({
      commune: fc.nat({ max: communes.length - 1 }),
      also: fc.option(fc.nat({ max: communes.length - 1 }), { nil: undefined }),
      jobsNow: fc.nat({ max: 40 }),
      jobsPotential: fc.nat({ max: 80 }),
      sector: fc.constantFrom("", ...SECTORS),
      visibility: fc.constantFrom("parties" as const, "territory" as const, "public" as const),
      stages: fc.array(fc.option(fc.constantFrom(...STAGES), { nil: null }), { maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(projectArbitrary, { minLength: 1, maxLength: 8 }), async (drawn) => {
        for (const item of drawn) {
          const commune = communes[item.commune];
          if (!commune) continue;
          const project = await makeProject(db, collective.id, commune.id);
          await db
            .update(projects)
            .set({ jobsNow: item.jobsNow, jobsPotential: item.jobsPotential, sector: item.sector, visibility: item.visibility })
            .where(eq(projects.id, project.id));
          const also = item.also === undefined ? undefined : communes[item.also];
          if (also) await db.insert(projectCommunes).values({ projectId: project.id, communeId: also.id }).onConflictDoNothing();
          for (const [index, stage] of item.stages.entries()) {
            const authority = authorities[index];
            if (authority) await db.insert(relationships).values({ projectId: project.id, authorityId: authority.id, stage });
          }
        }
        const counted = (await countFiguresBy(db, "departement", communesOf("departement", "15"))).get("15") as RawFigures;
        const plain = await recount(db, "15");
        expect({
          projects: counted.projects,
          public_projects: counted.publicProjects,
          rural: counted.ruralProjects,
          jobs_now: counted.jobsNow,
          jobs_potential: counted.jobsPotential,
        }).toEqual(plain.totals);
        expect(Object.fromEntries(counted.stages.map((row) => [row.stage, row.relationships]))).toEqual(plain.stages);
        expect(Object.fromEntries(counted.sectors.map((row) => [row.sector, row.projects]))).toEqual(plain.sectors);
      }),
      { numRuns: 25 },
    );
  });

  it("says « moins de 5 » for a territory of 1 or 4 projects, counts it from 5, and names only the public ones", async () => {
    const db = database.db;
    const collective = await makeCollective(db);
    const [one, four, five] = await communesIn(db, "48", 3);
    if (!one || !four || !five) throw new Error("communes");
    const made: Record<string, string[]> = {};
    for (const [commune, count] of [
      [one, 1],
      [four, 4],
      [five, 5],
    ] as const) {
      made[commune.id] = [];
      for (let index = 0; index < count; index += 1) {
        const project = await makeProject(db, collective.id, commune.id, `Projet ${commune.id} ${index}`);
        await db
          .update(projects)
          .set({ jobsNow: 2, visibility: index === 0 ? "public" : "parties" })
          .where(eq(projects.id, project.id));
        made[commune.id]?.push(project.id);
      }
    }
    await recountObservatory(db);
    const anyone = callerFor(db, null);
    for (const [commune, expected] of [
      [one, null],
      [four, null],
      [five, 5],
    ] as const) {
      const page = await anyone.observatory.page({ level: "commune", code: commune.id.replace("commune-", "") });
      expect(page.figures.projects).toBe(expected);
      expect(page.figures.jobsNow).toBe(expected === null ? null : 10);
      // The public project is named; the others are counted, never named.
      expect(page.publicProjects.map((project) => project.id)).toEqual([made[commune.id]?.[0]]);
      expect(page.figures.publicProjects).toBe(1);
    }
    // The published figures never say a count between 1 and 4.
    const figures = publishedFigures({
      ...((await countFiguresBy(db, "departement", communesOf("departement", "48"))).get("48") as RawFigures),
    });
    for (const value of [figures.projects, figures.jobsNow, ...Object.values(figures.relationships), ...figures.sectors.map((row) => row.projects)]) {
      if (value !== null) expect(value === 0 || value >= 5).toBe(true);
    }
  });

  it("shows the figures counted ahead of readers, and has them counted again once older than five minutes", async () => {
    const db = database.db;
    const anyone = callerFor(db, null);
    const collective = await makeCollective(db);
    const communes = await communesIn(db, "43", 6);
    for (const [index, commune] of communes.entries()) await makeProject(db, collective.id, commune.id, `Projet de Haute-Loire ${index}`);
    // Read on a database where nothing was counted yet: counted at once.
    await db.execute(sql`delete from observatory_figure`);
    const first = await anyone.observatory.page({ level: "departement", code: "43" });
    const counted = publishedFigures((await countFiguresBy(db, "departement", communesOf("departement", "43"))).get("43") as RawFigures);
    expect(first.figures).toEqual(counted);
    expect(first.figures.projects).toBe(6);
    // A seventh project: not seen while the count is recent…
    const [seventh] = await communesIn(db, "43", 1);
    if (!seventh) throw new Error("commune");
    await makeProject(db, collective.id, seventh.id, "Projet de Haute-Loire 6");
    expect((await anyone.observatory.page({ level: "departement", code: "43" })).figures.projects).toBe(6);
    // …seen once a reader finds the count older than five minutes and it is counted again behind it.
    await db.execute(sql`update observatory_figure set counted_at = counted_at - interval '6 minutes'`);
    const stale = await anyone.observatory.page({ level: "departement", code: "43" });
    expect(stale.figures.projects).toBe(6);
    await vi.waitFor(async () => expect((await anyone.observatory.page({ level: "departement", code: "43" })).figures.projects).toBe(7), {
      timeout: 10_000,
    });
    const page = await anyone.observatory.page({ level: "france", code: "FR" });
    expect(page.countedAt.getTime()).toBeGreaterThan(stale.countedAt.getTime());
    expect(page.departements.find((area) => area.code === "43")?.figures.projects).toBe(7);
  });

  it("answers NOT_FOUND for a code that names no territory", async () => {
    const db = database.db;
    const anyone = callerFor(db, null);
    await expect(anyone.observatory.page({ level: "departement", code: "999" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("writes CSV and JSON files that follow their Table Schema, and say the same", async () => {
    const db = database.db;
    const schemaAnswer = await answerObservatoryFile(db, "schema.json");
    const schema = (await schemaAnswer.json()) as ReturnType<typeof tableSchema>;
    expect(schema.licenses).toEqual([expect.objectContaining({ title: "Licence Ouverte 2.0" })]);
    expect(schema.fields.map((field) => field.name)).toEqual(FIELDS.map((field) => field.name));
    const valid = (field: (typeof FIELDS)[number], value: unknown) =>
      schema.missingValues.includes(String(value)) ||
      (field.type === "integer" ? Number.isInteger(typeof value === "string" ? Number(value) : value) : typeof value === "string");
    for (const dataset of ["france", "regions", "departements"]) {
      const csvAnswer = await answerObservatoryFile(db, `${dataset}.csv`);
      const bytes = new Uint8Array(await csvAnswer.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = Papa.parse<string[]>(
        new TextDecoder()
          .decode(bytes)
          .replace(/^\uFEFF/, "")
          .trim(),
        { delimiter: ";" },
      ).data;
      expect(header).toEqual(schema.fields.map((field) => field.name));
      const json = (await (await answerObservatoryFile(db, `${dataset}.json`)).json()) as { licence: string; donnees: Record<string, unknown>[] };
      expect(json.licence).toBe("Licence Ouverte 2.0");
      expect(json.donnees).toHaveLength(rows.length);
      rows.forEach((row, index) => {
        const record = json.donnees[index] ?? {};
        schema.fields.forEach((field, column) => {
          expect({ field: field.name, valid: valid(field, row[column]) }).toEqual({ field: field.name, valid: true });
          expect({ field: field.name, valid: valid(field, record[field.name]) }).toEqual({ field: field.name, valid: true });
          // The CSV and the JSON say the same.
          expect(row[column]).toBe(String(record[field.name]));
        });
      });
      expect(rows.flat()).not.toContain(undefined);
    }
    expect((await answerObservatoryFile(db, "autre.csv")).status).toBe(404);
  });
});
