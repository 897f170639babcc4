// The network's dashboard on a fixed data set whose figures were worked out by hand (see each
// expectation's comment); and its portfolio table, paged and sorted by the database.
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import {
  barometerAnswerSets,
  milestoneLevers,
  milestoneRelationships,
  milestones,
  organisations,
  portfolioIdentifiers,
  projectParties,
  projects,
  relationships,
  stageChanges,
} from "@/db/schema";
import type { Stage } from "@/server/domain/gradient";
import { getPortfolioDashboard } from "@/server/services/portfolio-dashboard";
import { periodOf } from "@/server/services/portfolio-scope";
import { listPortfolio } from "@/server/services/portfolio-table";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makeNetwork, makePerson, makeProject, type TestPerson } from "../support/factories";
import { codeOf } from "../support/trpc-code";

const NOW = new Date("2026-06-30T10:00:00Z");
const at = (day: string) => new Date(`${day}T10:00:00Z`);

async function relationshipWith(db: Database, projectId: string, departement: string, history: { from: Stage | null; to: Stage; on: string }[]) {
  const authority = await makeAuthority(db, (await freeCommune(db, departement)).id);
  const current = history.at(-1)?.to ?? null;
  const opened = at(history[0]?.on ?? "2024-02-01");
  const [relationship] = await db.insert(relationships).values({ projectId, authorityId: authority.id, stage: current, createdAt: opened }).returning();
  if (!relationship) throw new Error("no relationship");
  for (const change of history) {
    await db.insert(stageChanges).values({
      relationshipId: relationship.id,
      fromStage: change.from,
      toStage: change.to,
      proposedSide: "collective",
      proposedAt: at(change.on),
      status: "confirmed",
      decidedAt: at(change.on),
    });
  }
  return relationship.id;
}

async function milestoneOn(
  db: Database,
  projectId: string,
  relationshipId: string,
  occursOn: string,
  levers: string[],
  extra: { status?: "done" | "cancelled"; hidden?: boolean } = {},
) {
  const [milestone] = await db
    .insert(milestones)
    .values({
      projectId,
      kind: "information_exchange",
      title: `Jalon du ${occursOn}`,
      occursOn,
      status: extra.status ?? "done",
      recordedSide: "collective",
      hiddenAt: extra.hidden ? NOW : null,
    })
    .returning();
  if (!milestone) throw new Error("no milestone");
  await db.insert(milestoneRelationships).values({ milestoneId: milestone.id, relationshipId, confirmation: "confirmed" });
  if (levers.length > 0) await db.insert(milestoneLevers).values(levers.map((leverId) => ({ milestoneId: milestone.id, leverId })));
}

describe("the portfolio dashboard", () => {
  const database = useTestDatabase();
  let moderator: TestPerson;
  let networkId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const db = database.db;
    moderator = await makePerson(db);
    const network = await makeNetwork(db, [moderator]);
    networkId = network.id;
    const scic = await makeCollective(db, {}, "scic");
    const association = await makeCollective(db, {}, "association");
    const inPortfolio = async (key: string, collectiveId: string, departement: string, sector: string, createdOn: string) => {
      const project = await makeProject(db, collectiveId, (await freeCommune(db, departement)).id, `Projet ${key}`);
      await db
        .update(projects)
        .set({ sector, createdAt: at(createdOn) })
        .where(eq(projects.id, project.id));
      await db.insert(projectParties).values({ projectId: project.id, organisationId: networkId, role: "network" });
      ids[key] = project.id;
      return project.id;
    };
    const p1 = await inPortfolio("P1", scic.id, "26", "alimentation", "2025-02-01");
    const p2 = await inPortfolio("P2", association.id, "38", "mobilite", "2025-07-15");
    const p3 = await inPortfolio("P3", scic.id, "26", "alimentation", "2023-12-01");
    const p4 = await makeProject(db, association.id, (await freeCommune(db, "38")).id, "Projet hors portefeuille");
    await db
      .update(projects)
      .set({ createdAt: at("2026-01-15") })
      .where(eq(projects.id, p4.id));

    const r1 = await relationshipWith(db, p1, "26", [
      { from: null, to: "observation", on: "2025-03-01" },
      { from: "observation", to: "collaboration", on: "2025-09-01" },
      { from: "collaboration", to: "coportage", on: "2026-03-01" },
    ]);
    const r2 = await relationshipWith(db, p2, "38", [
      { from: null, to: "defiance", on: "2025-08-01" },
      { from: "defiance", to: "observation", on: "2026-01-01" },
      { from: "observation", to: "defiance", on: "2026-04-02" },
    ]);
    const r3 = await relationshipWith(db, p3, "26", [{ from: null, to: "observation", on: "2024-01-01" }]);
    // A starting stage still waiting for the authority: no confirmed stage.
    const r4 = await relationshipWith(db, p3, "26", []);
    await db
      .insert(stageChanges)
      .values({ relationshipId: r4, fromStage: null, toStage: "collaboration", proposedSide: "collective", proposedAt: at("2024-02-01") });
    const r5 = await relationshipWith(db, p4.id, "38", [
      { from: null, to: "collaboration", on: "2026-02-01" },
      { from: "collaboration", to: "coportage", on: "2026-05-01" },
    ]);

    await milestoneOn(db, p1, r1, "2025-08-15", ["land-tools", "expertise"]);
    await milestoneOn(db, p1, r1, "2025-12-10", ["expertise", "hybrid-funding"]);
    await milestoneOn(db, p1, r1, "2026-06-01", ["coordination"]);
    await milestoneOn(db, p2, r2, "2025-10-05", ["expertise", "jobs"]);
    await milestoneOn(db, p2, r2, "2025-11-01", ["representations"], { status: "cancelled" });
    await milestoneOn(db, p2, r2, "2025-11-02", ["long-time"], { hidden: true });
    await milestoneOn(db, p3, r3, "2024-06-01", ["jobs"]);
    await milestoneOn(db, p4.id, r5, "2026-04-01", ["coordination"]);

    const answers = async (relationshipId: string, side: "collective" | "authority", given: Record<string, number>) =>
      db
        .insert(barometerAnswerSets)
        .values({ relationshipId, side, respondentId: (await makePerson(db)).userId, answeredAt: at("2026-06-01"), answers: given });
    await answers(r1, "collective", { trust: 5, skills: 5 });
    await answers(r1, "authority", { trust: 1, skills: 2 });
    await answers(r2, "collective", { curiosity: 4 });
    await answers(r2, "authority", { curiosity: 3 });
    await answers(r5, "collective", { trust: 5 });
    await answers(r5, "authority", { trust: 1 });
    ids.r1 = r1;
    ids.r2 = r2;

    await db.insert(portfolioIdentifiers).values([
      { networkId, identifier: "DR-003", projectId: p1 },
      { networkId, identifier: "IS-001", projectId: p2 },
    ]);
  });

  it("counts the relationships per stage at the period's end, and the portfolio's projects", async () => {
    const dashboard = await getPortfolioDashboard(database.db, moderator, { networkId }, NOW);
    expect(dashboard.period).toEqual({ from: "2025-07-01", to: "2026-06-30" });
    expect(dashboard.projects).toBe(3);
    // R1 co-portage, R2 back to défiance, R3 observation, R4 still to confirm; R5 is outside.
    // « À confirmer » is what waits for an answer now: R4's starting stage (R1–R3 have nothing pending).
    expect(dashboard.relationships).toEqual({
      byStage: { defiance: 1, observation: 1, collaboration: 0, coportage: 1 },
      unconfirmed: 1,
      awaitingAnswer: 1,
      total: 4,
    });
  });

  it("sums the portfolio's jobs now and potential as SQL sums them", async () => {
    const db = database.db;
    await db.update(projects).set({ jobsNow: 3, jobsPotential: 7 }).where(eq(projects.title, "Projet P1"));
    await db.update(projects).set({ jobsNow: 1, jobsPotential: 4 }).where(eq(projects.title, "Projet P2"));
    // Outside the portfolio: not counted.
    await db.update(projects).set({ jobsNow: 100, jobsPotential: 100 }).where(eq(projects.title, "Projet hors portefeuille"));
    const dashboard = await getPortfolioDashboard(db, moderator, { networkId }, NOW);
    expect(dashboard.jobs).toEqual({ now: 4, potential: 11 });
    const [sums] = await db
      .select({ now: sql<number>`coalesce(sum(${projects.jobsNow}), 0)::int`, potential: sql<number>`coalesce(sum(${projects.jobsPotential}), 0)::int` })
      .from(projects)
      .innerJoin(projectParties, eq(projectParties.projectId, projects.id))
      .where(and(eq(projectParties.organisationId, networkId), eq(projectParties.role, "network"), eq(projectParties.status, "active")));
    expect(dashboard.jobs).toEqual(sums);
  });

  it("counts as « à confirmer » a proposed change on a relationship that has a stage, not only a starting stage", async () => {
    const db = database.db;
    const [proposal] = await db
      .insert(stageChanges)
      .values({ relationshipId: ids.r1 ?? "", fromStage: "coportage", toStage: "collaboration", proposedSide: "authority", proposedAt: at("2026-06-10") })
      .returning();
    try {
      const dashboard = await getPortfolioDashboard(db, moderator, { networkId }, NOW);
      expect(dashboard.relationships).toMatchObject({ unconfirmed: 1, awaitingAnswer: 2 });
    } finally {
      await db.delete(stageChanges).where(eq(stageChanges.id, proposal?.id ?? ""));
    }
    const endOf2025 = await getPortfolioDashboard(database.db, moderator, { networkId, from: "2025-01-01", to: "2025-12-31" }, NOW);
    expect(endOf2025.relationships.byStage).toEqual({ defiance: 1, observation: 1, collaboration: 1, coportage: 0 });
  });

  it("counts moves forward and backward per month, and the median stay in each stage", async () => {
    const dashboard = await getPortfolioDashboard(database.db, moderator, { networkId }, NOW);
    expect(dashboard.movement.forward).toBe(3);
    expect(dashboard.movement.backward).toBe(1);
    expect(dashboard.movement.months).toHaveLength(12);
    expect(dashboard.movement.months.filter((month) => month.forward + month.backward > 0)).toEqual([
      { month: "2025-09", forward: 1, backward: 0 },
      { month: "2026-01", forward: 1, backward: 0 },
      { month: "2026-03", forward: 1, backward: 0 },
      { month: "2026-04", forward: 0, backward: 1 },
    ]);
    // Observation: R1 184 days (1 March → 1 September), R2 91 days (1 January → 2 April): 137.5.
    // Collaboration: R1 181 days; Défiance: R2 153 days; Co-portage: nobody left it.
    expect(dashboard.medianDays).toEqual({
      defiance: { days: 153, stays: 1 },
      observation: { days: 137.5, stays: 2 },
      collaboration: { days: 181, stays: 1 },
      coportage: null,
    });
  });

  it("lists the projects with nothing new for N days, N chosen by the network", async () => {
    const db = database.db;
    const dashboard = await getPortfolioDashboard(db, moderator, { networkId }, NOW);
    // P1: milestone on 1 June (29 days); P2: stage change on 2 April (89 days); P3: milestone on
    // 1 June 2024, i.e. from midnight in Paris (31 May, 22:00 UTC) to 30 June 2026, 10:00 UTC: 759.5 days.
    expect(dashboard.stuckAfterDays).toBe(90);
    expect(dashboard.stuck.total).toBe(1);
    expect(dashboard.stuck.projects.map((project) => [project.title, project.days])).toEqual([["Projet P3", 759]]);
    await callerFor(db, moderator).portfolio.setStuckAfter({ networkId, days: 30 });
    const stricter = await getPortfolioDashboard(db, moderator, { networkId }, NOW);
    expect(stricter.stuck.projects.map((project) => project.title)).toEqual(["Projet P3", "Projet P2"]);
    await callerFor(db, moderator).portfolio.setStuckAfter({ networkId, days: 90 });
  });

  it("ranks the levers of the milestones that came before each forward move", async () => {
    const dashboard = await getPortfolioDashboard(database.db, moderator, { networkId }, NOW);
    // Three forward moves: R1 obs→collab (land-tools, expertise), R1 collab→co-portage (expertise,
    // hybrid-funding), R2 défiance→obs (expertise, jobs); the cancelled and the hidden milestones,
    // the one after the last move, and the project outside the portfolio do not count.
    expect(dashboard.levers).toEqual([
      { lever: "expertise", moves: 3, share: 1 },
      { lever: "hybrid-funding", moves: 1, share: 1 / 3 },
      { lever: "jobs", moves: 1, share: 1 / 3 },
      { lever: "land-tools", moves: 1, share: 1 / 3 },
    ]);
  });

  it("puts first the relationships whose two sides' barometers diverge most, from the project page's threshold on", async () => {
    const dashboard = await getPortfolioDashboard(database.db, moderator, { networkId }, NOW);
    // R1: co-portage 5 against 1.5 (3.5 apart); R2: observation 4 against 3, under DIVERGENCE_THRESHOLD (1.5),
    // which the project page does not mark either; R5 is outside the portfolio.
    expect(dashboard.divergent).toEqual([expect.objectContaining({ relationshipId: ids.r1, stage: "coportage", gap: 3.5, title: "Projet P1" })]);
  });

  it("filters by territory, legal form, sector and period", async () => {
    const db = database.db;
    const drome = await getPortfolioDashboard(db, moderator, { networkId, territoryId: "departement-26" }, NOW);
    expect(drome.projects).toBe(2);
    expect(drome.relationships).toMatchObject({ byStage: { defiance: 0, observation: 1, collaboration: 0, coportage: 1 }, unconfirmed: 1 });
    const associations = await getPortfolioDashboard(db, moderator, { networkId, legalForm: "association" }, NOW);
    expect(associations.projects).toBe(1);
    expect(associations.movement).toMatchObject({ forward: 1, backward: 1 });
    const food = await getPortfolioDashboard(db, moderator, { networkId, sector: "alimentation" }, NOW);
    expect(food.projects).toBe(2);
    const spring = await getPortfolioDashboard(db, moderator, { networkId, from: "2026-01-01", to: "2026-06-30" }, NOW);
    expect(spring.movement).toMatchObject({ forward: 2, backward: 1 });
    expect(spring.movement.months.map((month) => month.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]);
    expect(() => periodOf({ from: "2026-07-01", to: "2026-06-30" })).toThrow(/commence après/);
  });

  it("is the network's own: other people get NOT_FOUND", async () => {
    const db = database.db;
    const stranger = await makePerson(db);
    expect(await codeOf(callerFor(db, stranger).portfolio.dashboard({ networkId }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, stranger).portfolio.list({ networkId }))).toBe("NOT_FOUND");
    const [other] = await db.insert(organisations).values({ kind: "collective", name: "Pas un réseau", legalForm: "scic" }).returning();
    expect(await codeOf(callerFor(db, await makePerson(db, { platformAdmin: true })).portfolio.dashboard({ networkId: other?.id ?? "" }))).toBe("NOT_FOUND");
  });

  it("pages, sorts and filters the portfolio table in the database", async () => {
    const db = database.db;
    const byTitle = await listPortfolio(db, moderator, { networkId });
    expect(byTitle.total).toBe(3);
    expect(byTitle.rows.map((row) => [row.title, row.identifier, row.stage, row.relationships, row.unconfirmed])).toEqual([
      ["Projet P1", "DR-003", "coportage", 1, 0],
      ["Projet P2", "IS-001", "defiance", 1, 0],
      ["Projet P3", null, "observation", 2, 1],
    ]);
    const byStage = await listPortfolio(db, moderator, { networkId, sort: "stage", direction: "desc" });
    expect(byStage.rows.map((row) => row.title)).toEqual(["Projet P1", "Projet P3", "Projet P2"]);
    const byActivity = await listPortfolio(db, moderator, { networkId, sort: "lastActivity" });
    expect(byActivity.rows.map((row) => row.title)).toEqual(["Projet P3", "Projet P2", "Projet P1"]);
    const byIdentifier = await listPortfolio(db, moderator, { networkId, sort: "identifier", direction: "desc" });
    expect(byIdentifier.rows.map((row) => row.identifier)).toEqual(["IS-001", "DR-003", null]);
    expect((await listPortfolio(db, moderator, { networkId, stage: "observation" })).rows.map((row) => row.title)).toEqual(["Projet P3"]);
    expect((await listPortfolio(db, moderator, { networkId, search: "IS-001" })).rows.map((row) => row.title)).toEqual(["Projet P2"]);
    expect((await listPortfolio(db, moderator, { networkId, search: "p3" })).rows.map((row) => row.title)).toEqual(["Projet P3"]);
    expect((await listPortfolio(db, moderator, { networkId, search: "_" })).rows).toEqual([]);
    expect((await listPortfolio(db, moderator, { networkId, territoryId: "departement-38" })).rows.map((row) => row.title)).toEqual(["Projet P2"]);
    const secondPage = await listPortfolio(db, moderator, { networkId, page: 2 });
    expect(secondPage).toMatchObject({ page: 2, total: 3, pages: 1, rows: [] });
  });
});
