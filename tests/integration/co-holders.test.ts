// Projects held by several structures (a PTCE): any holder's member keeps the file and speaks for
// the collective side, the history names which structure did, and the holders come and go by
// invitation, never leaving the project without one.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberships, notifications, organisations, projectParties, projects, stageChanges, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { DEMO_AUTHORITIES, DEMO_COLLECTIVES } from "@/db/seed/demo-gradient";
import { demoPerson } from "@/server/domain/demo";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makeNetwork, makePerson } from "../support/factories";
import { codeOf } from "../support/trpc-code";

async function userByEmail(db: Database, email: string) {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`no user ${email}`);
  return { userId: user.id, isPlatformAdmin: false };
}

/** A project of a collective with its commune as a party at Observation, and the people around it. */
async function coHeldProject(db: Database) {
  const [contactAdmin, coAdmin, coMember, mayor, publicOfficial, unverifiedOfficial, stranger] = await Promise.all(
    Array.from({ length: 7 }, () => makePerson(db)),
  );
  if (!contactAdmin || !coAdmin || !coMember || !mayor || !publicOfficial || !unverifiedOfficial || !stranger) throw new Error("people");
  const contact = await makeCollective(db, { admin: contactAdmin }, "scic");
  const coHolder = await makeCollective(db, { admin: coAdmin, members: [coMember] }, "association");
  const commune = await freeCommune(db, "26");
  const communeAuthority = await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
  const holdingCommune = await freeCommune(db, "26");
  const publicBody = await makeAuthority(db, holdingCommune.id, [
    { person: publicOfficial, verified: true },
    { person: unverifiedOfficial, role: "member", verified: false },
  ]);
  const asContact = callerFor(db, contactAdmin);
  const { id: projectId } = await asContact.project.create({ title: "Pôle de coopération", summary: "", contactHolderId: contact.id, communeId: commune.id });
  const added = await asContact.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
  await callerFor(db, mayor).stage.confirm({ stageChangeId: added.proposalId ?? "", comment: "" });
  return {
    projectId,
    relationshipId: added.relationshipId,
    communeAuthority,
    contact,
    coHolder,
    publicBody,
    holdingCommune,
    people: { contactAdmin, coAdmin, coMember, mayor, publicOfficial, unverifiedOfficial, stranger },
  };
}

async function partyOf(db: Database, projectId: string, organisationId: string) {
  const [party] = await db
    .select()
    .from(projectParties)
    .where(and(eq(projectParties.projectId, projectId), eq(projectParties.organisationId, organisationId)));
  return party ?? null;
}

describe("co-held projects", () => {
  const database = useTestDatabase();

  it("the demo's PTCE is held by three structures, one public, each of whose people speak for the collective side", async () => {
    const db = database.db;
    await seedDemo(db);
    const [ptce] = await db.select().from(projects).where(eq(projects.title, "Pôle de coopération du Diois"));
    if (!ptce) throw new Error("no demo PTCE");
    const camille = await userByEmail(db, demoPerson("collectiveAdmin").email);
    const project = await callerFor(db, camille).project.get({ projectId: ptce.id });
    const active = project.holders.filter((holder) => holder.status === "active");
    expect(active[0]).toMatchObject({ name: DEMO_COLLECTIVES.fabrique.name, contact: true });
    expect(active.map((holder) => [holder.name, holder.kind]).sort()).toEqual([
      ["Association Les Jardins partagés de Châtillon", "collective"],
      ["Commune de Luc-en-Diois", "authority"],
      [DEMO_COLLECTIVES.fabrique.name, "collective"],
    ]);
    const overview = await callerFor(db, camille).project.overview({ projectId: ptce.id });
    const territories = overview.relationships.map((relationship) => relationship.territoryKind).sort();
    expect(territories).toEqual(["commune", "epci"]);
    // The stage history names the structure that spoke on the collective side.
    const started = overview.relationships
      .flatMap((relationship) => relationship.changes)
      .find((change) => change.fromStage === null && change.proposedSide === "collective");
    expect([DEMO_COLLECTIVES.jardins.name, "Commune de Luc-en-Diois"]).toContain(started?.proposedByStructure);

    // Each holder's person keeps the file and answers for the collective side: Camille Roux (the
    // SCIC), Thomas Blanc (the association), the mayor of Luc-en-Diois (the public co-holder).
    const people = [camille, await userByEmail(db, demoPerson("collectiveMember").email)];
    const [lucAuthority] = await db.select().from(organisations).where(eq(organisations.territoryId, DEMO_AUTHORITIES.luc.territoryId));
    const [lucMayor] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organisationId, lucAuthority?.id ?? ""), eq(memberships.role, "admin")));
    people.push({ userId: lucMayor?.userId ?? "", isPlatformAdmin: false });
    for (const [index, person] of people.entries()) {
      const api = callerFor(db, person);
      const file = await api.project.get({ projectId: ptce.id });
      expect(file.can.edit).toBe(true);
      await api.project.update({ projectId: ptce.id, version: file.version, changes: { jobsNow: 3 + index } });
      const relationship = (await api.project.overview({ projectId: ptce.id })).relationships.find((candidate) => candidate.territoryKind === "commune");
      expect(relationship?.can.sides).toEqual(["collective"]);
      await api.milestone.create({
        projectId: ptce.id,
        as: "collective",
        relationshipIds: [relationship?.id ?? ""],
        kind: "information_exchange",
        title: `Point d'étape ${index + 1}`,
        occursOn: "2026-11-30",
        status: "done",
        description: "",
        evidenceLinks: [],
        levers: [],
      });
    }
  });

  it("invites a collective to co-hold: its admin accepts from the desk, and its members then keep the file", async () => {
    const db = database.db;
    const world = await coHeldProject(db);
    const { coAdmin, coMember, contactAdmin } = world.people;
    expect(await codeOf(callerFor(db, coMember).project.get({ projectId: world.projectId }))).toBe("NOT_FOUND");
    // Found as people type its name: without its capitals, in part.
    const found = await callerFor(db, contactAdmin).holder.searchCollectives({ projectId: world.projectId, query: world.coHolder.name.toLowerCase().slice(3) });
    expect(found.map((collective) => collective.id)).toContain(world.coHolder.id);
    await callerFor(db, contactAdmin).holder.invite({ projectId: world.projectId, structure: { collectiveId: world.coHolder.id } });
    expect(await partyOf(db, world.projectId, world.coHolder.id)).toMatchObject({ role: "holder", status: "invited" });
    // Invited is not holding: nothing to read yet, nothing to act on.
    expect(await codeOf(callerFor(db, coMember).project.get({ projectId: world.projectId }))).toBe("NOT_FOUND");
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, coAdmin.userId), eq(notifications.kind, "co_holding")));
    expect(told).toEqual([
      expect.objectContaining({ projectId: null, payload: expect.objectContaining({ event: "invited", organisationId: world.coHolder.id }) }),
    ]);
    // A member who is not its admin does not answer for the structure.
    expect(await codeOf(callerFor(db, coMember).holder.answer({ projectId: world.projectId, organisationId: world.coHolder.id, accept: true }))).toBe(
      "FORBIDDEN",
    );
    const desk = await callerFor(db, coAdmin).desk.awaiting();
    expect(desk.items).toEqual([expect.objectContaining({ kind: "coHolding", projectId: world.projectId, organisationId: world.coHolder.id })]);
    await callerFor(db, coAdmin).holder.answer({ projectId: world.projectId, organisationId: world.coHolder.id, accept: true });
    expect((await callerFor(db, coAdmin).desk.awaiting()).items).toEqual([]);

    const asMember = callerFor(db, coMember);
    const file = await asMember.project.get({ projectId: world.projectId });
    expect(file.can.edit).toBe(true);
    expect(file.holders.map((holder) => [holder.name, holder.contact])).toEqual([
      [world.contact.name, true],
      [world.coHolder.name, false],
    ]);
    await asMember.project.update({ projectId: world.projectId, version: file.version, changes: { summary: "Porté à deux." } });
    // Speaking for the collective side, the co-holder's member proposes; the stage history names their structure.
    const { stageChangeId } = await asMember.stage.propose({
      relationshipId: world.relationshipId,
      as: "collective",
      toStage: "collaboration",
      reason: "La convention est signée.",
    });
    const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.id, stageChangeId));
    expect(proposal?.proposedByOrganisationId).toBe(world.coHolder.id);
    await callerFor(db, world.people.mayor).stage.confirm({ stageChangeId, comment: "" });
    const overview = await asMember.project.overview({ projectId: world.projectId });
    expect(overview.relationships[0]?.changes.at(-1)).toMatchObject({ proposedByStructure: world.coHolder.name, status: "confirmed" });
    // The authority's answer is told to every holder's people.
    const confirmations = await db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, "stage_confirmed"));
    expect(confirmations.map((row) => row.userId)).toEqual(expect.arrayContaining([contactAdmin.userId, coAdmin.userId, coMember.userId]));
    // Now a holder, the co-holder's project is among its members' own.
    expect((await asMember.project.listMine()).map((project) => project.id)).toContain(world.projectId);
  });

  it("a public body co-holds through its verified people only, and cannot also be a party to a relationship", async () => {
    const db = database.db;
    const world = await coHeldProject(db);
    const { contactAdmin, publicOfficial, unverifiedOfficial } = world.people;
    await callerFor(db, contactAdmin).holder.invite({ projectId: world.projectId, structure: { territoryId: world.holdingCommune.id } });
    // Its unverified member cannot answer for it.
    expect(
      await codeOf(callerFor(db, unverifiedOfficial).holder.answer({ projectId: world.projectId, organisationId: world.publicBody.id, accept: true })),
    ).toBe("FORBIDDEN");
    await callerFor(db, publicOfficial).holder.answer({ projectId: world.projectId, organisationId: world.publicBody.id, accept: true });
    expect((await callerFor(db, publicOfficial).project.get({ projectId: world.projectId })).can.edit).toBe(true);
    expect(await codeOf(callerFor(db, unverifiedOfficial).project.get({ projectId: world.projectId }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        callerFor(db, unverifiedOfficial).milestone.create({
          projectId: world.projectId,
          as: "collective",
          relationshipIds: [world.relationshipId],
          kind: "other",
          title: "Essai",
          occursOn: "2026-11-30",
          status: "done",
          description: "",
          evidenceLinks: [],
          levers: [],
        }),
      ),
    ).toBe("NOT_FOUND");
    // Holding the project, it is not also an authority it has a relationship with.
    const refusal = await codeOf(
      callerFor(db, contactAdmin).party.addAuthority({
        projectId: world.projectId,
        territoryId: world.holdingCommune.id,
        startingStage: "observation",
        reason: "",
      }),
    );
    expect(refusal).toBe("CONFLICT");
  });

  it("a holder leaves but never the last; the contact passes on; an invitation can be declined or withdrawn", async () => {
    const db = database.db;
    const world = await coHeldProject(db);
    const { contactAdmin, coAdmin, stranger } = world.people;
    const asContact = callerFor(db, contactAdmin);
    expect(await codeOf(asContact.holder.leave({ projectId: world.projectId, organisationId: world.contact.id }))).toBe("CONFLICT");
    await asContact.holder.invite({ projectId: world.projectId, structure: { collectiveId: world.coHolder.id } });
    expect(await codeOf(asContact.holder.invite({ projectId: world.projectId, structure: { collectiveId: world.coHolder.id } }))).toBe("CONFLICT");
    await callerFor(db, coAdmin).holder.answer({ projectId: world.projectId, organisationId: world.coHolder.id, accept: false });
    expect(await partyOf(db, world.projectId, world.coHolder.id)).toBeNull();
    await asContact.holder.invite({ projectId: world.projectId, structure: { collectiveId: world.coHolder.id } });
    await asContact.holder.withdrawInvitation({ projectId: world.projectId, organisationId: world.coHolder.id });
    expect(await codeOf(callerFor(db, coAdmin).holder.answer({ projectId: world.projectId, organisationId: world.coHolder.id, accept: true }))).toBe(
      "NOT_FOUND",
    );
    await asContact.holder.invite({ projectId: world.projectId, structure: { collectiveId: world.coHolder.id } });
    await callerFor(db, coAdmin).holder.answer({ projectId: world.projectId, organisationId: world.coHolder.id, accept: true });
    // Someone outside neither sees nor changes who holds it.
    expect(await codeOf(callerFor(db, stranger).holder.leave({ projectId: world.projectId, organisationId: world.contact.id }))).toBe("NOT_FOUND");
    // The contact's admin may not withdraw the other structure; they withdraw their own, and the contact passes on.
    expect(await codeOf(asContact.holder.leave({ projectId: world.projectId, organisationId: world.coHolder.id }))).toBe("FORBIDDEN");
    await asContact.holder.leave({ projectId: world.projectId, organisationId: world.contact.id });
    const [project] = await db.select().from(projects).where(eq(projects.id, world.projectId));
    expect(project?.contactHolderId).toBe(world.coHolder.id);
    expect(await codeOf(asContact.project.get({ projectId: world.projectId }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, coAdmin).holder.leave({ projectId: world.projectId, organisationId: world.coHolder.id }))).toBe("CONFLICT");
  });

  it("lists, filters and searches by any holding structure, not the contact alone", async () => {
    const db = database.db;
    const world = await coHeldProject(db);
    const moderator = await makePerson(db);
    const network = await makeNetwork(db, [moderator]);
    await db.insert(projectParties).values({ projectId: world.projectId, organisationId: network.id, role: "network" });
    await db.update(projects).set({ visibility: "public" }).where(eq(projects.id, world.projectId));
    await callerFor(db, world.people.contactAdmin).holder.invite({ projectId: world.projectId, structure: { collectiveId: world.coHolder.id } });
    await callerFor(db, world.people.coAdmin).holder.answer({ projectId: world.projectId, organisationId: world.coHolder.id, accept: true });

    const anyone = callerFor(db, null);
    const found = await anyone.project.listPublic({ query: world.coHolder.name });
    expect(found.projects.map((project) => [project.id, project.contactHolderName, project.coHolderNames])).toEqual([
      [world.projectId, world.contact.name, [world.coHolder.name]],
    ]);
    const asModerator = callerFor(db, moderator);
    // The contact is a SCIC, the co-holder an association: filtered by either form, the project is there.
    for (const legalForm of ["scic", "association"] as const) {
      const page = await asModerator.portfolio.list({ networkId: network.id, legalForm });
      expect(page.rows.map((row) => row.projectId)).toEqual([world.projectId]);
    }
    expect((await asModerator.portfolio.list({ networkId: network.id, legalForm: "scop" })).rows).toEqual([]);
    const searched = await asModerator.portfolio.list({ networkId: network.id, search: world.coHolder.name });
    expect(searched.rows).toEqual([expect.objectContaining({ projectId: world.projectId, collective: world.contact.name, coHolders: [world.coHolder.name] })]);
    const territory = await callerFor(db, world.people.mayor).project.listForTerritory({ authorityId: world.communeAuthority.id, legalForm: "association" });
    expect(territory.projects.map((project) => project.id)).toEqual([world.projectId]);
  });
});
