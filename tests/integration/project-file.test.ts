// The shared project file: every field kept, every change in the history, no silent overwrite.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makePerson, type TestPerson } from "../support/factories";

async function projectWithMember(db: Database) {
  const member = await makePerson(db, { name: "Camille" });
  const collective = await makeCollective(db, { members: [member] });
  const commune = await freeCommune(db);
  const { id } = await callerFor(db, member).project.create({
    title: "Atelier vélo",
    summary: "Réparer ensemble.",
    contactHolderId: collective.id,
    communeId: commune.id,
  });
  return { member, collective, commune, projectId: id };
}

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("the project file", () => {
  const database = useTestDatabase();

  it("keeps every field a collective and its partners discuss", async () => {
    const db = database.db;
    const { member, commune, projectId } = await projectWithMember(db);
    const otherCommune = await freeCommune(db, "07");
    const api = callerFor(db, member);
    await api.project.update({
      projectId,
      version: 1,
      changes: {
        sector: "mobilite",
        collectiveStage: "creation",
        jobsNow: 2,
        jobsPotential: 6,
        needs: ["land", "funding"],
        links: [{ label: "Site", url: "https://atelier-velo.example" }],
        contacts: [{ name: "Camille Roux", role: "Co-gérante", email: "camille@atelier.example" }],
        communeIds: [commune.id, otherCommune.id],
        fundingLines: [
          { source: "region", label: "Appel à projets", amountEuros: 15000, status: "requested" },
          { source: "citizens", label: "Financement participatif", amountEuros: 4200, status: "paid" },
        ],
        visibility: "parties",
      },
    });
    const project = await api.project.get({ projectId });
    expect(project).toMatchObject({
      version: 2,
      sector: "mobilite",
      collectiveStage: "creation",
      jobsNow: 2,
      jobsPotential: 6,
      needs: ["land", "funding"],
      links: [{ label: "Site", url: "https://atelier-velo.example" }],
      contacts: [{ name: "Camille Roux", role: "Co-gérante", email: "camille@atelier.example" }],
      visibility: "parties",
      fundingLines: [
        { source: "region", label: "Appel à projets", amountEuros: 15000, status: "requested" },
        { source: "citizens", label: "Financement participatif", amountEuros: 4200, status: "paid" },
      ],
    });
    expect(project.communes.map((row) => row.id).sort()).toEqual([commune.id, otherCommune.id].sort());
  });

  it("records who changed which fields, before and after, in the history", async () => {
    const db = database.db;
    const { member, projectId } = await projectWithMember(db);
    const api = callerFor(db, member);
    await api.project.update({ projectId, version: 1, changes: { title: "Atelier vélo solidaire", jobsNow: 1 } });
    await api.project.update({ projectId, version: 2, changes: { jobsNow: 3 } });
    const history = await api.project.history({ projectId });
    expect(history.map((entry) => entry.action)).toEqual(["update", "update", "create"]);
    expect(history[0]).toMatchObject({ version: 3, actorName: "Camille", changes: [{ field: "jobsNow", before: 1, after: 3 }] });
    expect(history[1]?.changes).toEqual([
      { field: "title", before: "Atelier vélo", after: "Atelier vélo solidaire" },
      { field: "jobsNow", before: 0, after: 1 },
    ]);
  });

  it("does not bump the version when nothing changes", async () => {
    const db = database.db;
    const { member, projectId } = await projectWithMember(db);
    const saved = await callerFor(db, member).project.update({ projectId, version: 1, changes: { title: "Atelier vélo" } });
    expect(saved).toEqual({ id: projectId, version: 1, changedFields: [] });
  });

  it("refuses a save over a newer version, saying who changed what in between, and keeps both edits apart", async () => {
    const db = database.db;
    const { member, collective, projectId } = await projectWithMember(db);
    const colleague = await makePerson(db, { name: "Thomas" });
    const { memberships } = await import("@/db/schema");
    await db.insert(memberships).values({ organisationId: collective.id, userId: colleague.userId, role: "member" });

    await callerFor(db, colleague).project.update({ projectId, version: 1, changes: { summary: "Réparer et réemployer." } });
    const conflict = await errorOf(callerFor(db, member).project.update({ projectId, version: 1, changes: { summary: "Autre texte" } }));
    expect(conflict.code).toBe("CONFLICT");
    expect(conflict.message).toContain("Thomas");
    const details = (conflict.cause as { details?: { currentVersion: number; fields: string[] } }).details;
    expect(details).toMatchObject({ currentVersion: 2, fields: ["summary"] });
    expect((await callerFor(db, member).project.get({ projectId })).summary).toBe("Réparer et réemployer.");
  });

  it("refuses links that are not web addresses, and unknown fields", async () => {
    const db = database.db;
    const { member, projectId } = await projectWithMember(db);
    const api = callerFor(db, member);
    const badLink = await errorOf(api.project.update({ projectId, version: 1, changes: { links: [{ label: "x", url: "javascript:alert(1)" }] } }));
    expect(badLink.code).toBe("BAD_REQUEST");
    const sneaky = await errorOf(api.project.update({ projectId, version: 1, changes: { contactHolderId: "x" } as never }));
    expect(sneaky.code).toBe("BAD_REQUEST");
    const publicAtOnce = await errorOf(api.project.update({ projectId, version: 1, changes: { visibility: "public" as never } }));
    expect(publicAtOnce.code).toBe("BAD_REQUEST");
  });

  it("is read by the officials of every commune where it acts, unless visible to its parties only", async () => {
    const db = database.db;
    const { member, projectId } = await projectWithMember(db);
    const farCommune = await freeCommune(db, "42");
    const official: TestPerson = await makePerson(db);
    await makeAuthority(db, farCommune.id, [{ person: official, verified: true }]);
    const api = callerFor(db, member);
    const asOfficial = callerFor(db, official);

    expect((await errorOf(asOfficial.project.get({ projectId }))).code).toBe("NOT_FOUND");
    const current = await api.project.get({ projectId });
    await api.project.update({
      projectId,
      version: current.version,
      changes: { communeIds: [...current.communes.map((row) => row.id), farCommune.id] },
    });
    expect((await asOfficial.project.get({ projectId })).title).toBe("Atelier vélo");

    await api.project.update({ projectId, version: current.version + 1, changes: { visibility: "parties" } });
    expect((await errorOf(asOfficial.project.get({ projectId }))).code).toBe("NOT_FOUND");
  });
});
