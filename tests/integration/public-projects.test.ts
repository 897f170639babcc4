// The directory of public projects: only public files, searched and paged by the database, and the
// network's moderator invites from it.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, projectParties, projects } from "@/db/schema";
import { PUBLIC_PAGE_SIZE } from "@/server/services/public-projects";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makeNetwork, makePerson, makeProject } from "../support/factories";

describe("the directory of public projects", () => {
  const database = useTestDatabase();

  async function publicProject(title: string, communeId: string, collectiveId: string, changes: Partial<typeof projects.$inferInsert> = {}) {
    const project = await makeProject(database.db, collectiveId, communeId, title);
    await database.db
      .update(projects)
      .set({ visibility: "public", ...changes })
      .where(eq(projects.id, project.id));
    return project;
  }

  it("lists public files only, found by title, collective, département and sector", async () => {
    const db = database.db;
    const holder = await makePerson(db);
    const collective = await makeCollective(db, { admin: holder });
    const drome = await freeCommune(db, ["26"]);
    const isere = await freeCommune(db, ["38"]);
    const bakery = await publicProject("Fournil 100 % coopératif", drome.id, collective.id, { sector: "alimentation" });
    const garage = await publicProject("Garage solidaire", isere.id, collective.id, { sector: "mobilite" });
    const hidden = await makeProject(db, collective.id, drome.id, "Fournil discret");
    const api = callerFor(db, null);
    const ids = async (input: Parameters<typeof api.project.listPublic>[0]) => (await api.project.listPublic(input)).projects.map((project) => project.id);

    expect(await ids({ query: "fournil" })).toEqual([bakery.id]);
    expect(await ids({ query: collective.name })).toEqual(expect.arrayContaining([bakery.id, garage.id]));
    expect(await ids({ query: collective.name })).not.toContain(hidden.id);
    expect(await ids({ query: collective.name, departementCode: "38" })).toEqual([garage.id]);
    expect(await ids({ query: collective.name, sector: "mobilite" })).toEqual([garage.id]);
    expect(await ids({ query: collective.name, sector: "alimentation" })).toEqual([bakery.id]);
    // A percent sign is a percent sign, not a wildcard.
    expect(await ids({ query: "100 %" })).toEqual([bakery.id]);
    expect(await ids({ query: "%garage" })).toEqual([]);
  });

  it("finds names as people type them: no case, accents, hyphens or apostrophes needed", async () => {
    const db = database.db;
    const [collective] = await db.insert(organisations).values({ kind: "collective", name: "École des Œuvres d'Été", legalForm: "association" }).returning();
    const commune = await freeCommune(db, ["26"]);
    const tiersLieu = await publicProject("Tiers-Lieu de la DRÔME", commune.id, collective?.id ?? "", { sector: "social" });
    const api = callerFor(db, null);
    const ids = async (input: Parameters<typeof api.project.listPublic>[0]) => (await api.project.listPublic(input)).projects.map((project) => project.id);
    for (const query of ["tiers lieu", "drome", "TIERS-LIEU DE LA drôme", "ecole des oeuvres", "oeuvres d ete", "Œuvres d’été"]) {
      expect(await ids({ query }), query).toEqual([tiersLieu.id]);
    }
    expect(await ids({ query: "tiers lieu", sector: "social" })).toEqual([tiersLieu.id]);
    // The portfolio's search compares the same way.
    const moderator = await makePerson(db);
    const network = await makeNetwork(db, [moderator]);
    await db.insert(projectParties).values({ projectId: tiersLieu.id, organisationId: network.id, role: "network" });
    const portfolio = await callerFor(db, moderator).portfolio.list({ networkId: network.id, search: "lieu de la drome" });
    expect(portfolio.rows.map((row) => row.projectId)).toEqual([tiersLieu.id]);
  });

  it("pages by the database, with the total", async () => {
    const db = database.db;
    const collective = await makeCollective(db);
    const commune = await freeCommune(db, ["07"]);
    for (let index = 0; index < PUBLIC_PAGE_SIZE + 3; index += 1) await publicProject(`Projet paginé ${index}`, commune.id, collective.id);
    const api = callerFor(db, null);
    const first = await api.project.listPublic({ query: collective.name });
    const second = await api.project.listPublic({ query: collective.name, page: 2 });
    expect(first).toMatchObject({ total: PUBLIC_PAGE_SIZE + 3, pages: 2, page: 1 });
    expect(first.projects).toHaveLength(PUBLIC_PAGE_SIZE);
    expect(second.projects).toHaveLength(3);
    expect(new Set([...first.projects, ...second.projects].map((project) => project.id)).size).toBe(PUBLIC_PAGE_SIZE + 3);
  });

  it("offers a moderator to invite a project into their network, then says it is invited", async () => {
    const db = database.db;
    const moderator = await makePerson(db);
    const network = await makeNetwork(db, [moderator]);
    const collective = await makeCollective(db, { admin: await makePerson(db) });
    const commune = await freeCommune(db, ["05"]);
    const project = await publicProject("Épicerie de village", commune.id, collective.id);
    const api = callerFor(db, moderator);
    const standing = async () => (await api.project.listPublic({ query: collective.name })).projects.find((row) => row.id === project.id)?.withMyNetworks;

    expect(await standing()).toEqual([{ networkId: network.id, networkName: network.name, status: null }]);
    await api.portfolio.invite({ projectId: project.id, networkId: network.id });
    expect(await standing()).toEqual([{ networkId: network.id, networkName: network.name, status: "invited" }]);
    // Anyone else reads the directory without learning of the invitation.
    expect((await callerFor(db, await makePerson(db)).project.listPublic({ query: collective.name })).projects[0]?.withMyNetworks).toEqual([]);
  });
});
