// Invitations: a link valid 14 days, used once, resendable and revocable; it brings the person in unverified.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { invitations, memberships, outboxEmails, projectParties, sessions, users } from "@/db/schema";
import { acceptInvitation, describeInvitation } from "@/server/services/invitations";
import { useTestDatabase } from "../support/db";
import { codeOf } from "../support/trpc-code";
import { callerFor, freeCommune, makeCollective, makePerson, membershipOf } from "../support/factories";
import { buildWorld } from "../support/world";

async function projectWithCommune(db: Database) {
  const member = await makePerson(db, { name: "Camille" });
  const collective = await makeCollective(db, { members: [member] });
  const commune = await freeCommune(db);
  const api = callerFor(db, member);
  const { id: projectId } = await api.project.create({ title: "Ressourcerie du village", summary: "", contactHolderId: collective.id, communeId: commune.id });
  const { authorityId } = await api.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
  return { api, projectId, authorityId };
}

async function emailedToken(db: Database, email: string) {
  const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.to, email)).orderBy(desc(outboxEmails.createdAt));
  const token = mail?.text.match(/\/invitation\/([\w-]+)/)?.[1];
  if (!token) throw new Error(`no invitation emailed to ${email}`);
  return { token, mail };
}

describe("invitations", () => {
  const database = useTestDatabase();

  it("bring a new official in once: account created, unverified member with the stated office, signed in", async () => {
    const db = database.db;
    const { api, projectId, authorityId } = await projectWithCommune(db);
    await api.invitation.send({ projectId, authorityId, email: "Secretariat@Mairie.test", office: "agent" });
    const { token, mail } = await emailedToken(db, "secretariat@mairie.test");
    expect(mail?.subject).toContain("Ressourcerie du village");
    expect(mail?.text).toContain("Camille");

    expect(await describeInvitation(db, token)).toMatchObject({ state: "valid", projectTitle: "Ressourcerie du village", target: { office: "agent" } });
    const accepted = await acceptInvitation(db, token, null);
    expect(accepted).toMatchObject({ status: 200, projectId });
    if (accepted.status !== 200) return;
    const [session] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.sessionToken, accepted.session?.sessionToken ?? ""));
    const [user] = await db.select().from(users).where(eq(users.email, "secretariat@mairie.test"));
    expect(session?.userId).toBe(user?.id);
    expect(await membershipOf(db, user?.id ?? "", authorityId)).toMatchObject({ role: "member", office: "agent", verifiedAt: null });
    // Unverified, they are a signed-in stranger to the project, kept for its parties, until verified.
    const asInvited = callerFor(db, { userId: user?.id ?? "", isPlatformAdmin: false });
    expect(await codeOf(asInvited.project.get({ projectId }))).toBe("NOT_FOUND");
    expect(await codeOf(asInvited.comment.add({ projectId, body: "Bonjour à tous", mentionIds: [] }))).toBe("NOT_FOUND");

    expect(await acceptInvitation(db, token, null)).toEqual({ status: 410, state: "used" });
    expect((await describeInvitation(db, token)).state).toBe("used");
  });

  it("expire after fourteen days, can be resent (the old link dies) or revoked", async () => {
    const db = database.db;
    const { api, projectId, authorityId } = await projectWithCommune(db);
    const { invitationId } = await api.invitation.send({ projectId, authorityId, email: "elu@village.test", office: "adjoint" });
    const first = (await emailedToken(db, "elu@village.test")).token;

    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, invitationId));
    expect(await acceptInvitation(db, first, null)).toEqual({ status: 410, state: "expired" });

    await api.invitation.resend({ invitationId });
    const second = (await emailedToken(db, "elu@village.test")).token;
    expect(second).not.toBe(first);
    expect((await describeInvitation(db, first)).state).toBe("unknown");
    expect((await describeInvitation(db, second)).state).toBe("valid");

    await api.invitation.revoke({ invitationId });
    expect(await acceptInvitation(db, second, null)).toEqual({ status: 410, state: "revoked" });
    expect((await api.invitation.list({ projectId }))[0]?.state).toBe("revoked");
  });

  it("tell someone who already has an account in the app, and refuse an authority that is not a party", async () => {
    const db = database.db;
    const { api, projectId, authorityId } = await projectWithCommune(db);
    const existing = await makePerson(db);
    await api.invitation.send({ projectId, authorityId, email: existing.email, office: "maire" });
    const notifications = await callerFor(db, existing).notification.list();
    expect(notifications.map((notification) => notification.kind)).toContain("invitation");
    const { mail } = await emailedToken(db, existing.email);
    expect(mail?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // Turned off: the next invitation is still in the app, no longer in the mailbox.
    await callerFor(db, existing).account.setEmailPreference({ kind: "invitation", frequency: "never" });
    await api.invitation.send({ projectId, authorityId, email: existing.email, office: "adjoint" });
    expect(await db.select().from(outboxEmails).where(eq(outboxEmails.to, existing.email))).toHaveLength(1);
    const other = await makeCollective(db);
    const refused = await api.invitation.send({ projectId, authorityId: other.id, email: "x@y.test", office: "maire" }).catch((error: unknown) => error);
    expect((refused as { code?: string }).code).toBe("BAD_REQUEST");
  });

  it("sign in only an address with no account yet: an existing account accepts signed in as itself", async () => {
    const db = database.db;
    const { api, projectId, authorityId } = await projectWithCommune(db);
    const existing = await makePerson(db);
    const somebodyElse = await makePerson(db);
    await api.invitation.send({ projectId, authorityId, email: existing.email, office: "maire" });
    const { token } = await emailedToken(db, existing.email);
    const sessionsBefore = await db.select().from(sessions);

    // Holding the link is not being the account: nobody is signed in, the invitation stays usable.
    for (const holder of [null, somebodyElse]) {
      expect(await acceptInvitation(db, token, holder)).toEqual({ status: 409, state: "sign_in_first", email: existing.email });
    }
    expect((await describeInvitation(db, token)).state).toBe("valid");
    expect(await membershipOf(db, existing.userId, authorityId)).toBeNull();
    expect(await db.select().from(sessions)).toEqual(sessionsBefore);

    // Signed in as itself, the account accepts; no new session is opened for it.
    expect(await acceptInvitation(db, token, existing)).toEqual({ status: 200, projectId, joinedCollective: false, session: null });
    expect(await membershipOf(db, existing.userId, authorityId)).toMatchObject({ role: "member", office: "maire", verifiedAt: null });
    expect(await db.select().from(sessions)).toEqual(sessionsBefore);
  });

  describe("to a project's collective", () => {
    /** The matrix's world held by its collective alone, emptied: a project a network imported, with nobody to keep it yet. */
    async function importedProject(db: Database) {
      const world = await buildWorld(db);
      await db.delete(projectParties).where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.coHolder.id)));
      await db.delete(memberships).where(eq(memberships.organisationId, world.collective.id));
      return world;
    }

    it("hand the dossier over: the network invites, the first to accept becomes the collective's admin and records a milestone", async () => {
      const db = database.db;
      const world = await importedProject(db);
      const asModerator = callerFor(db, world.people.holdingModerator);
      expect((await asModerator.project.get({ projectId: world.project.id })).collectiveHasMembers).toBe(false);

      // Invited as members both; the first to accept is the admin all the same.
      await asModerator.invitation.sendToCollective({ projectId: world.project.id, email: "Lea@Collectif.test", role: "member" });
      await asModerator.invitation.sendToCollective({ projectId: world.project.id, email: "marc@collectif.test", role: "member" });
      const lea = await emailedToken(db, "lea@collectif.test");
      expect(lea.mail?.subject).toContain(world.collective.name);
      expect(await describeInvitation(db, lea.token)).toMatchObject({
        state: "valid",
        organisationName: world.collective.name,
        target: { collectiveRole: "member" },
      });

      const accepted = await acceptInvitation(db, lea.token, null);
      expect(accepted).toMatchObject({ status: 200, projectId: world.project.id, joinedCollective: true });
      const [leaUser] = await db.select().from(users).where(eq(users.email, "lea@collectif.test"));
      expect(await membershipOf(db, leaUser?.id ?? "", world.collective.id)).toMatchObject({ role: "admin" });
      const marc = await emailedToken(db, "marc@collectif.test");
      await acceptInvitation(db, marc.token, null);
      const [marcUser] = await db.select().from(users).where(eq(users.email, "marc@collectif.test"));
      expect(await membershipOf(db, marcUser?.id ?? "", world.collective.id)).toMatchObject({ role: "member" });

      // Léa keeps the file now: the page no longer asks to invite, and she records a milestone.
      const asLea = callerFor(db, { userId: leaUser?.id ?? "", isPlatformAdmin: false });
      expect((await asLea.project.get({ projectId: world.project.id })).collectiveHasMembers).toBe(true);
      const { milestoneId } = await asLea.milestone.create({
        projectId: world.project.id,
        as: "collective",
        relationshipIds: [world.relationshipId],
        kind: "site_visit",
        title: "Visite du chantier avec la mairie",
        occursOn: "2026-11-20",
        status: "done",
        description: "",
        evidenceLinks: [],
        levers: [],
      });
      expect(milestoneId).toEqual(expect.any(String));
    });

    it("let the collective's members invite members, not admins; nobody twice; nobody already in", async () => {
      const db = database.db;
      const world = await buildWorld(db);
      const asMember = callerFor(db, world.people.collectiveMember);
      expect(await codeOf(asMember.invitation.sendToCollective({ projectId: world.project.id, email: "chef@collectif.test", role: "admin" }))).toBe(
        "FORBIDDEN",
      );
      await asMember.invitation.sendToCollective({ projectId: world.project.id, email: "benevole@collectif.test", role: "member" });
      expect(await codeOf(asMember.invitation.sendToCollective({ projectId: world.project.id, email: "benevole@collectif.test", role: "member" }))).toBe(
        "CONFLICT",
      );
      expect(
        await codeOf(asMember.invitation.sendToCollective({ projectId: world.project.id, email: world.people.collectiveMember.email, role: "member" })),
      ).toBe("CONFLICT");
      // An official of the project is no one to invite people into the collective.
      expect(
        await codeOf(
          callerFor(db, world.people.partyOfficial).invitation.sendToCollective({ projectId: world.project.id, email: "x@collectif.test", role: "member" }),
        ),
      ).toBe("FORBIDDEN");
      // Both kinds in one list, each with its organisation.
      const listed = await asMember.invitation.list({ projectId: world.project.id });
      expect(listed).toEqual([
        expect.objectContaining({ email: "benevole@collectif.test", organisationName: world.collective.name, collectiveRole: "member", state: "pending" }),
      ]);
    });
  });
});
