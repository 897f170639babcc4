// The study's first lever at Défiance: reveal the jobs collective projects bring. Each change of a
// file's jobs is kept with its date; a territory sums them by the stage of its relationships.
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobFigures, projects } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, makeProject } from "../support/factories";
import { buildWorld } from "../support/world";

describe("jobs", () => {
  const database = useTestDatabase();

  it("keep a dated history: each save that changes them, both figures, and no row for a save that does not", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const api = callerFor(db, world.people.collectiveMember);
    const save = async (changes: Record<string, unknown>) => {
      const file = await api.project.get({ projectId: world.project.id });
      await api.project.update({ projectId: world.project.id, version: file.version, changes });
    };
    await save({ jobsNow: 2, jobsPotential: 5 });
    await save({ summary: "Un tiers-lieu dans l'ancienne gare." });
    await save({ jobsNow: 3 });
    const history = (await api.project.get({ projectId: world.project.id })).jobsHistory;
    expect(history.map((figure) => [figure.jobsNow, figure.jobsPotential])).toEqual([
      [2, 5],
      [3, 5],
    ]);
    expect(history[0]?.at).toBeInstanceOf(Date);
    expect(history[0]!.at.getTime()).toBeLessThanOrEqual(history[1]!.at.getTime());
    // A reader of the project sees the same history.
    expect((await callerFor(db, world.people.partyOfficial).project.get({ projectId: world.project.id })).jobsHistory).toHaveLength(2);
  });

  it("are summed on a territory's view by the stage of each project's relationship with that authority, as SQL sums them", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const other = await makeProject(db, world.collective.id, world.commune.id, "Atelier partagé");
    await db.update(projects).set({ jobsNow: 4, jobsPotential: 9, visibility: "territory" }).where(eq(projects.id, other.id));
    await db.update(projects).set({ jobsNow: 2, jobsPotential: 6 }).where(eq(projects.id, world.project.id));
    const view = await callerFor(db, world.people.partyOfficial).project.listForTerritory({ authorityId: world.authority.id });
    // The world's project is at Observation with the commune; the other has no relationship with it.
    expect(view.jobs.observation).toEqual({ now: 2, potential: 6 });
    expect(view.jobs.notParty).toEqual({ now: 4, potential: 9 });
    const listed = view.projects.map((project) => project.id);
    const [sums] = await db
      .select({ now: sql<number>`sum(${projects.jobsNow})::int`, potential: sql<number>`sum(${projects.jobsPotential})::int` })
      .from(projects)
      .where(inArray(projects.id, listed));
    const totals = Object.values(view.jobs).reduce((sum, jobs) => ({ now: sum.now + jobs.now, potential: sum.potential + jobs.potential }), {
      now: 0,
      potential: 0,
    });
    expect(totals).toEqual(sums);
    // Written by a trigger, whatever writes the figures: here an update outside the app's forms.
    const rows = await db.select().from(jobFigures).where(eq(jobFigures.projectId, other.id));
    expect(rows.map((row) => [row.jobsNow, row.jobsPotential])).toEqual([[4, 9]]);
  });
});
