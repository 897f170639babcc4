// A project file is seen by its collective and by the verified officials of the territory around it.
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { projects, territories } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makePerson, makeProject, type TestPerson } from "../support/factories";

async function verifiedOfficialOf(db: Database, territoryId: string): Promise<TestPerson> {
  const official = await makePerson(db);
  await makeAuthority(db, territoryId, [{ person: official, verified: true }]);
  return official;
}

describe("projects", () => {
  const database = useTestDatabase();

  it("are created by a member of a collective, which becomes their holding structure and contact", async () => {
    const db = database.db;
    const member = await makePerson(db);
    const collective = await makeCollective(db, { members: [member] });
    const commune = await freeCommune(db);
    const created = await callerFor(db, member).project.create({
      title: "Fournil partagé",
      summary: "Un four à pain pour le village.",
      contactHolderId: collective.id,
      communeId: commune.id,
    });
    const project = await callerFor(db, member).project.get({ projectId: created.id });
    expect(project).toMatchObject({ title: "Fournil partagé", communeName: commune.name, can: { edit: true }, contactHolderName: collective.name });
    expect(project.parties).toEqual([
      { organisationId: collective.id, name: collective.name, kind: "collective", legalForm: collective.legalForm, role: "holder", status: "active" },
    ]);
    expect(project.holders).toEqual([expect.objectContaining({ organisationId: collective.id, contact: true, status: "active" })]);
    expect((await callerFor(db, member).project.listMine()).map((row) => row.id)).toContain(created.id);
  });

  it("must act in a commune, not in an intercommunality or a département", async () => {
    const db = database.db;
    const member = await makePerson(db);
    const collective = await makeCollective(db, { members: [member] });
    const error = await callerFor(db, member)
      .project.create({ title: "Projet", summary: "", contactHolderId: collective.id, communeId: "departement-26" })
      .catch((caught: unknown) => caught);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
    expect((error as TRPCError).message).toMatch(/commune/);
  });

  it("are listed for the verified officials of the commune, its EPCI, its département and its région — not the neighbours'", async () => {
    const db = database.db;
    const collective = await makeCollective(db);
    const [commune] = await db
      .select()
      .from(territories)
      .where(eq(territories.id, (await freeCommune(db, "07")).id));
    if (!commune?.epciCode) throw new Error("fixture commune without EPCI");
    const project = await makeProject(db, collective.id, commune.id, "Ressourcerie");

    const [neighbour] = await db
      .select()
      .from(territories)
      .where(eq(territories.epciCode, commune.epciCode))
      .then((rows) => rows.filter((row) => row.id !== commune.id && row.kind === "commune"));
    if (!neighbour) throw new Error("fixture EPCI with one commune");

    const seers = {
      commune: await verifiedOfficialOf(db, commune.id),
      epci: await verifiedOfficialOf(db, `epci-${commune.epciCode}`),
      departement: await verifiedOfficialOf(db, "departement-07"),
      region: await verifiedOfficialOf(db, "region-84"),
    };
    for (const [level, official] of Object.entries(seers)) {
      const mine = await callerFor(db, official).account.get();
      const view = await callerFor(db, official).project.listForTerritory({ authorityId: mine.memberships[0]?.organisationId ?? "" });
      expect(
        view.projects.map((row) => row.id),
        level,
      ).toContain(project?.id);
      expect((await callerFor(db, official).project.get({ projectId: project?.id ?? "" })).title).toBe("Ressourcerie");
    }

    const neighbourOfficial = await verifiedOfficialOf(db, neighbour.id);
    const neighbourAuthority = (await callerFor(db, neighbourOfficial).account.get()).memberships[0]?.organisationId ?? "";
    const neighbourView = await callerFor(db, neighbourOfficial).project.listForTerritory({ authorityId: neighbourAuthority });
    expect(neighbourView.projects.map((row) => row.id)).not.toContain(project?.id);
    const denied = await callerFor(db, neighbourOfficial)
      .project.get({ projectId: project?.id ?? "" })
      .catch((caught: unknown) => caught);
    expect((denied as TRPCError).code).toBe("NOT_FOUND");
  });

  it("come fifty to a page in the territory view, latest first, with the territory's total and counts", async () => {
    const db = database.db;
    const collective = await makeCollective(db);
    const commune = await freeCommune(db, "26");
    const created = [];
    for (let index = 0; index < 53; index += 1) created.push(await makeProject(db, collective.id, commune.id, `Projet ${index}`));
    // Later projects were active more recently.
    for (const [index, project] of created.entries()) {
      await db
        .update(projects)
        .set({ updatedAt: new Date(Date.UTC(2026, 0, 1, 0, index)) })
        .where(eq(projects.id, project.id));
    }
    const official = await verifiedOfficialOf(db, commune.id);
    const authorityId = (await callerFor(db, official).account.get()).memberships[0]?.organisationId ?? "";
    const first = await callerFor(db, official).project.listForTerritory({ authorityId });
    expect(first).toMatchObject({ page: 1, pageSize: 50, total: 53, pages: 2 });
    // None has a relationship with the commune: « sans relation », not « sans stade confirmé ».
    expect(first.counts).toMatchObject({ none: 0, notParty: 53 });
    expect(first.projects.map((row) => row.title)).toEqual(
      created
        .slice(3)
        .reverse()
        .map((project) => project.title),
    );
    const second = await callerFor(db, official).project.listForTerritory({ authorityId, page: 2 });
    expect(second.projects.map((row) => row.title)).toEqual(["Projet 2", "Projet 1", "Projet 0"]);
    expect(second.total).toBe(53);
  });
});
