// « Dossier pour le conseil »: the DOCX a verified official takes to the council holds the
// database's projects, stages and sums — read back with a real DOCX reader — and nothing the
// official may not read.
import { eq, inArray, sql } from "drizzle-orm";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { fundingLines, projects } from "@/db/schema";
import { answerCouncilPackRequest } from "@/server/http/council-pack-file";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makeProject } from "../support/factories";
import { buildWorld, pendingProposal } from "../support/world";

describe("the council pack", () => {
  const database = useTestDatabase();

  it("holds, for the commune's projects, the stage with it, what waits for it, the funding asked of it and the jobs", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    await pendingProposal(db, world);
    // A council deliberation planned next month: in the pack, with its date, as planned.
    await callerFor(db, world.people.partyOfficial).milestone.create({
      projectId: world.project.id,
      as: "authority",
      relationshipIds: [world.relationshipId],
      kind: "council_deliberation",
      title: "Délibération sur la convention d'occupation",
      occursOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      status: "planned",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    await db.update(projects).set({ jobsNow: 3, jobsPotential: 8 }).where(eq(projects.id, world.project.id));
    await db.insert(fundingLines).values([
      { projectId: world.project.id, source: "commune", label: "Subvention de fonctionnement", amountEuros: 12000, status: "requested", position: 0 },
      { projectId: world.project.id, source: "region", label: "Aide régionale", amountEuros: 50000, status: "requested", position: 1 },
    ]);
    // A file kept for its parties, in the same commune, by a collective the commune has no relationship with: not the official's to read.
    const stranger = await makeCollective(db);
    const hidden = await makeProject(db, stranger.id, world.commune.id, "Projet réservé aux parties");
    await db.update(projects).set({ visibility: "parties", jobsNow: 50 }).where(eq(projects.id, hidden.id));
    // A project of another territory: not in this commune's pack.
    const elsewhere = await makeProject(db, stranger.id, (await freeCommune(db, ["42", "63"])).id, "Projet d'ailleurs");
    await db.update(projects).set({ visibility: "territory" }).where(eq(projects.id, elsewhere.id));

    const pack = await callerFor(db, world.people.partyOfficial).territory.councilPack({ authorityId: world.authority.id });
    expect(pack.projects.map((project) => project.title)).toEqual(["Tiers-lieu de la matrice"]);
    const [project] = pack.projects;
    expect(project).toMatchObject({
      stage: "observation",
      jobsNow: 3,
      jobsPotential: 8,
      fundingAsked: 12000,
      awaiting: { proposal: { fromStage: "observation", toStage: "collaboration" }, milestones: ["Première rencontre en mairie"] },
    });
    const [sums] = await db
      .select({ now: sql<number>`sum(${projects.jobsNow})::int`, potential: sql<number>`sum(${projects.jobsPotential})::int` })
      .from(projects)
      .where(inArray(projects.id, [world.project.id]));
    expect({ now: pack.totals.jobsNow, potential: pack.totals.jobsPotential }).toEqual(sums);

    const answer = await answerCouncilPackRequest(db, world.people.partyOfficial, world.authority.id, "fr");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    expect(answer.headers.get("content-disposition")).toMatch(/attachment; filename="dossier-conseil-\d{4}-\d{2}-\d{2}\.docx"/);
    const { value: text } = await mammoth.extractRawText({ buffer: Buffer.from(await answer.arrayBuffer()) });
    expect(text).toContain(`Dossier pour le conseil — ${pack.authority.name}`);
    expect(text).toContain("Tiers-lieu de la matrice");
    expect(text).toContain("Stade de la relation avec la collectivité : Observation.");
    expect(text).toContain("Le collectif propose de passer d'Observation à Collaboration.");
    expect(text).toContain("Jalon à confirmer : « Première rencontre en mairie ».");
    expect(text).toContain("Subvention de fonctionnement");
    expect(text).toMatch(/Délibération sur la convention d'occupation \(Délibération du conseil, prévu\)/);
    expect(text).not.toContain("Aide régionale");
    expect(text).toContain("Emplois : 3 aujourd'hui, 8 en potentiel.");
    expect(text.replace(/\s/g, " ")).toMatch(/12\s000\s€/);
    expect(text).not.toContain("Projet réservé aux parties");
    expect(text).not.toContain("Projet d'ailleurs");
  });

  it("is refused to an unverified member, with the reason, and to anyone outside the authority", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    expect((await answerCouncilPackRequest(db, world.people.unverifiedPartyOfficial, world.authority.id, "fr")).status).toBe(403);
    expect((await answerCouncilPackRequest(db, world.people.territoryOfficial, world.authority.id, "fr")).status).toBe(404);
    expect((await answerCouncilPackRequest(db, null, world.authority.id, "fr")).status).toBe(401);
  });
});
