// Who speaks for an authority is verified; collectives and networks gain people through their admins.
import { TRPCError } from "@trpc/server";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, outboxEmails, organisations, projects } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { codeOf } from "../support/trpc-code";
import { callerFor, freeCommune, makeCollective, makePerson, membershipOf } from "../support/factories";
import { buildWorld } from "../support/world";

describe("organisations", () => {
  const database = useTestDatabase();

  it("opens an authority's page on demand: nobody is its admin, nor sees its people, before being verified", async () => {
    const db = database.db;
    const commune = await freeCommune(db);
    const mayor = await makePerson(db);
    const councillor = await makePerson(db);
    const admin = await makePerson(db, { platformAdmin: true });

    const opened = await callerFor(db, mayor).organisation.joinAuthority({ territoryId: commune.id, office: "maire" });
    expect(opened).toMatchObject({ name: `Commune de ${commune.name}`, role: "member" });
    const joined = await callerFor(db, councillor).organisation.joinAuthority({
      territoryId: commune.id,
      office: "conseiller_municipal",
    });
    expect(joined).toMatchObject({ organisationId: opened.organisationId, role: "member" });
    const councillorMembership = await membershipOf(db, councillor.userId, opened.organisationId);

    // Unverified, the first to join sees that their request waits — not the others' names and
    // addresses — and may not vouch for anyone nor add people.
    const seen = await callerFor(db, mayor).organisation.get({ organisationId: opened.organisationId });
    expect(seen).toMatchObject({ awaitingVerification: true, canManage: false });
    expect(seen.members.map((member) => member.email)).toEqual([mayor.email]);
    expect(JSON.stringify(seen)).not.toContain(councillor.email);
    expect(await codeOf(callerFor(db, mayor).organisation.verifyMembership({ membershipId: councillorMembership?.id ?? "" }))).toBe("FORBIDDEN");
    expect(
      await codeOf(
        callerFor(db, mayor).organisation.addMember({
          organisationId: opened.organisationId,
          email: "agent@mairie.test",
          role: "member",
          office: "agent",
        }),
      ),
    ).toBe("FORBIDDEN");

    // A platform admin verifies the first of them, who becomes the authority's admin and verifies the others.
    const mayorMembership = await membershipOf(db, mayor.userId, opened.organisationId);
    expect(await callerFor(db, admin).organisation.verifyMembership({ membershipId: mayorMembership?.id ?? "" })).toMatchObject({ role: "admin" });
    expect(await membershipOf(db, mayor.userId, opened.organisationId)).toMatchObject({ role: "admin" });
    expect((await callerFor(db, mayor).organisation.get({ organisationId: opened.organisationId })).members).toHaveLength(2);
    await callerFor(db, mayor).organisation.verifyMembership({ membershipId: councillorMembership?.id ?? "" });
    const verified = await membershipOf(db, councillor.userId, opened.organisationId);
    expect(verified?.verifiedById).toBe(mayor.userId);
    expect(verified?.verifiedAt).toBeInstanceOf(Date);
    expect(verified?.role).toBe("member");

    const again = await callerFor(db, mayor).organisation.verifyMembership({ membershipId: councillorMembership?.id ?? "" });
    expect(again.alreadyVerified).toBe(true);
  });

  it("makes an unverified member of a party authority a signed-in stranger to its projects", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asUnverified = callerFor(db, world.people.unverifiedPartyOfficial);
    const projectId = world.project.id;
    // Kept for the territory: as for anyone outside it, the project does not exist.
    expect(await codeOf(asUnverified.project.get({ projectId }))).toBe("NOT_FOUND");
    expect((await asUnverified.project.listMine()).map((project) => project.id)).not.toContain(projectId);

    // Public: they read what the public reads, and are told why they may not act yet.
    await db.update(projects).set({ visibility: "public" }).where(eq(projects.id, projectId));
    const file = await asUnverified.project.get({ projectId });
    expect(file).toMatchObject({ publicOnly: true, can: { edit: false, comment: false, readComments: false, invite: false } });
    expect(await codeOf(asUnverified.comment.list({ projectId }))).toBe("FORBIDDEN");
    expect(await codeOf(asUnverified.comment.add({ projectId, body: "Bonjour", mentionIds: [] }))).toBe("FORBIDDEN");
    const answer = await asUnverified.milestone
      .confirm({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "" })
      .catch((error: unknown) => error);
    expect(answer).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("vérifié") });
    // Nobody mentions them, nobody's address reaches them through the discussion.
    const mentionable = await callerFor(db, world.people.collectiveMember).comment.mentionable({ projectId });
    expect(mentionable.map((person) => person.id)).not.toContain(world.people.unverifiedPartyOfficial.userId);
  });

  it("keeps one authority per territory, and refuses joining it twice", async () => {
    const db = database.db;
    const commune = await freeCommune(db);
    const person = await makePerson(db);
    await callerFor(db, person).organisation.joinAuthority({ territoryId: commune.id, office: "adjoint" });
    expect(await codeOf(callerFor(db, person).organisation.joinAuthority({ territoryId: commune.id, office: "maire" }))).toBe("CONFLICT");
    const rows = await db.select().from(organisations).where(eq(organisations.territoryId, commune.id));
    expect(rows).toHaveLength(1);
  });

  it("lets a verified authority admin add an agent, verified at once, and tells them by email", async () => {
    const db = database.db;
    const commune = await freeCommune(db);
    const mayor = await makePerson(db);
    const admin = await makePerson(db, { platformAdmin: true });
    const { organisationId } = await callerFor(db, mayor).organisation.joinAuthority({ territoryId: commune.id, office: "maire" });
    const mayorMembership = await membershipOf(db, mayor.userId, organisationId);
    await callerFor(db, admin).organisation.verifyMembership({ membershipId: mayorMembership?.id ?? "" });

    const email = `agent.${commune.code}@mairie.test`;
    const added = await callerFor(db, mayor).organisation.addMember({ organisationId, email, role: "member", office: "agent" });
    const membership = await membershipOf(db, added.userId, organisationId);
    expect(membership).toMatchObject({ office: "agent", verifiedById: mayor.userId });
    const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).orderBy(desc(outboxEmails.createdAt));
    expect(mail?.subject).toContain(`Commune de ${commune.name}`);
    expect(mail?.text).toContain("/connexion");
  });

  it("lets a collective's admin add co-members, but not a plain member", async () => {
    const db = database.db;
    const admin = await makePerson(db);
    const member = await makePerson(db);
    const collective = await makeCollective(db, { admin, members: [member] });

    const added = await callerFor(db, admin).organisation.addMember({
      organisationId: collective.id,
      email: "Nouvelle.Recrue@Exemple.TEST",
      role: "member",
    });
    expect((await membershipOf(db, added.userId, collective.id))?.role).toBe("member");
    const account = await callerFor(db, { userId: added.userId, isPlatformAdmin: false }).account.get();
    expect(account.email).toBe("nouvelle.recrue@exemple.test");

    expect(await codeOf(callerFor(db, member).organisation.addMember({ organisationId: collective.id, email: "x@exemple.test", role: "member" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(callerFor(db, admin).organisation.addMember({ organisationId: collective.id, email: "nouvelle.recrue@exemple.test", role: "admin" })),
    ).toBe("CONFLICT");
    expect(await codeOf(callerFor(db, admin).organisation.addMember({ organisationId: collective.id, email: "y@exemple.test", role: "moderator" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await codeOf(callerFor(db, admin).organisation.addMember({ organisationId: collective.id, email: "z@exemple.test", role: "member", office: "maire" })),
    ).toBe("BAD_REQUEST");
  });

  it("creates a collective with its creator as admin, and a network only for platform admins", async () => {
    const db = database.db;
    const founder = await makePerson(db);
    const collective = await callerFor(db, founder).organisation.createCollective({ name: "SCIC Bois du Vercors", legalForm: "scic" });
    const view = await callerFor(db, founder).organisation.get({ organisationId: collective.id });
    expect(view).toMatchObject({ kind: "collective", legalForm: "scic", canManage: true });
    expect(view.members).toEqual([expect.objectContaining({ userId: founder.userId, role: "admin" })]);
    expect(await codeOf(callerFor(db, founder).organisation.createNetwork({ name: "Réseau", adminEmail: "r@exemple.test" }))).toBe("FORBIDDEN");
  });

  it("refuses a blank collective name with the field named", async () => {
    const db = database.db;
    const founder = await makePerson(db);
    const error = await callerFor(db, founder)
      .organisation.createCollective({ name: "   ", legalForm: "association" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("removes a member at once, sessions included, but never the last admin", async () => {
    const db = database.db;
    const admin = await makePerson(db);
    const member = await makePerson(db);
    const collective = await makeCollective(db, { admin, members: [member] });
    const commune = await freeCommune(db);
    const { id: projectId } = await callerFor(db, admin).project.create({
      title: "Potager",
      summary: "",
      contactHolderId: collective.id,
      communeId: commune.id,
    });
    expect((await callerFor(db, member).project.get({ projectId })).title).toBe("Potager");
    const { sessions } = await import("@/db/schema");
    await db.insert(sessions).values({ sessionToken: `s-${member.userId}`, userId: member.userId, expires: new Date(Date.now() + 86_400_000) });

    const membership = await membershipOf(db, member.userId, collective.id);
    await callerFor(db, admin).organisation.removeMember({ membershipId: membership?.id ?? "" });
    expect(await codeOf(callerFor(db, member).project.get({ projectId }))).toBe("NOT_FOUND");
    expect(await db.select().from(sessions).where(eq(sessions.userId, member.userId))).toEqual([]);

    const adminMembership = await membershipOf(db, admin.userId, collective.id);
    expect(await codeOf(callerFor(db, admin).organisation.removeMember({ membershipId: adminMembership?.id ?? "" }))).toBe("CONFLICT");
  });

  it("a role change takes effect on the very next call: nothing about rights is kept from before", async () => {
    const db = database.db;
    const admin = await makePerson(db);
    const newcomer = await makePerson(db);
    const collective = await makeCollective(db, { admin, members: [newcomer] });
    const api = callerFor(db, admin);
    expect(await codeOf(api.organisation.addMember({ organisationId: collective.id, email: "une@exemple.test", role: "member" }))).toBe("ok");
    // Another admin steps in and the first one becomes a plain member.
    await db.update(memberships).set({ role: "admin" }).where(eq(memberships.userId, newcomer.userId));
    await db.update(memberships).set({ role: "member" }).where(eq(memberships.userId, admin.userId));
    expect(await codeOf(api.organisation.addMember({ organisationId: collective.id, email: "deux@exemple.test", role: "member" }))).toBe("FORBIDDEN");
    // Removed from it, they no longer even see it.
    const membership = await membershipOf(db, admin.userId, collective.id);
    await callerFor(db, newcomer).organisation.removeMember({ membershipId: membership?.id ?? "" });
    expect(await codeOf(api.organisation.get({ organisationId: collective.id }))).toBe("NOT_FOUND");
  });
});
