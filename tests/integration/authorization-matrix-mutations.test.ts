// The authorization matrix for the mutations of the app router: each entry states, as literal outcomes,
// what each kind of caller gets; allowed calls have their effect asserted, denied calls leave the
// database unchanged (the harness: tests/support/authorization-matrix.ts).
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Database } from "@/db";
import {
  barometerAnswerSets,
  changeLog,
  comments,
  contentReports,
  follows,
  handovers,
  invitations,
  mediationNotes,
  memberships,
  networkSettings,
  milestoneRelationships,
  milestones,
  notifications,
  organisations,
  projectParties,
  projects,
  relationships,
  sessions,
  stageChanges,
  users,
} from "@/db/schema";
import { describeAuthorizationMatrix, everyone, projectAction, READERS, type Entry } from "../support/authorization-matrix";
import { useTestDatabase } from "../support/db";
import { callerFor, makePerson, membershipOf } from "../support/factories";
import { pendingHandover, pendingInvitation, pendingProposal, personOf, sideOf, type World } from "../support/world";

/** The world's project's party row for the network that is not yet its party, if any. */
async function otherNetworkParty(db: Database, world: World) {
  const [party] = await db
    .select()
    .from(projectParties)
    .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherNetwork.id)));
  return party;
}

const MUTATIONS: Record<string, Entry> = {
  "account.updateProfile": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.updateProfile({ name: "Nom changé" }),
    effect: async ({ db, world, caller }) => {
      const [user] = await db
        .select()
        .from(users)
        .where(eq(users.id, personOf(world, caller)?.userId ?? ""));
      expect(user?.name).toBe("Nom changé");
    },
  },
  "account.setName": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.setName({ givenName: " Jeanne ", familyName: "Dupont-Martin" }),
    effect: async ({ db, world, caller }) => {
      const [user] = await db
        .select()
        .from(users)
        .where(eq(users.id, personOf(world, caller)?.userId ?? ""));
      expect(user?.name).toBe("Jeanne Dupont-Martin");
    },
  },
  "account.skipName": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.skipName(),
    effect: async ({ db, world, caller }) => {
      const [user] = await db
        .select()
        .from(users)
        .where(eq(users.id, personOf(world, caller)?.userId ?? ""));
      expect(user?.nameSkippedAt).toBeInstanceOf(Date);
    },
  },
  "account.setEmailPreference": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.setEmailPreference({ kind: "milestone_recorded", frequency: "never" }),
    effect: async ({ db, world, caller }) => {
      const preferences = await callerFor(db, personOf(world, caller)).account.emailPreferences();
      expect(preferences.find((preference) => preference.kind === "milestone_recorded")?.frequency).toBe("never");
    },
  },
  "account.delete": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    // Everyone here administers something: a second admin everywhere lets each of them leave.
    prepare: async (db) => {
      const administered = await db.selectDistinct({ organisationId: memberships.organisationId }).from(memberships).where(eq(memberships.role, "admin"));
      for (const { organisationId } of administered) {
        const deputy = await makePerson(db);
        await db.insert(memberships).values({ organisationId, userId: deputy.userId, role: "admin", verifiedAt: new Date() });
      }
      return {};
    },
    call: (api, world, caller) => api.account.delete({ confirmEmail: personOf(world, caller)?.email ?? "" }),
    effect: async ({ db, world, caller }) => {
      const userId = personOf(world, caller)?.userId ?? "";
      const [user] = await db.select().from(users).where(eq(users.id, userId));
      expect(user).toMatchObject({ name: "Compte supprimé", deletedAt: expect.any(Date) });
      expect(user?.email).not.toBe(personOf(world, caller)?.email);
      expect(await db.select().from(memberships).where(eq(memberships.userId, userId))).toEqual([]);
      expect(await db.select().from(sessions).where(eq(sessions.userId, userId))).toEqual([]);
    },
  },
  "organisation.createCollective": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.organisation.createCollective({ name: "Nouvelle SCOP", legalForm: "scop" }),
    effect: async ({ db, world, caller, result }) => {
      const { id } = result as { id: string };
      const membership = await membershipOf(db, personOf(world, caller)?.userId ?? "", id);
      expect(membership?.role).toBe("admin");
    },
  },
  "organisation.addMember": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", collectiveMember: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.organisation.addMember({ organisationId: world.collective.id, email: "nouveau.membre@exemple.test", role: "member" }),
    effect: async ({ db, world, result }) => {
      const { userId } = result as { userId: string };
      expect((await membershipOf(db, userId, world.collective.id))?.role).toBe("member");
    },
  },
  "organisation.joinAuthority": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api, world) => api.organisation.joinAuthority({ territoryId: world.openCommune.id, office: "adjoint" }),
    effect: async ({ db, world, caller }) => {
      const [authority] = await db.select().from(organisations).where(eq(organisations.territoryId, world.openCommune.id));
      const membership = await membershipOf(db, personOf(world, caller)?.userId ?? "", authority?.id ?? "");
      // Not its admin, even as the first to join: nobody's word counts before it is verified.
      expect(membership).toMatchObject({ role: "member", office: "adjoint", verifiedAt: null });
    },
  },
  "organisation.verifyMembership": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedPartyOfficial: "FORBIDDEN",
      // The world's commune has its own verified admin: the platform's team is only the fallback.
      platformAdmin: "FORBIDDEN",
    }),
    call: (api, world) => api.organisation.verifyMembership({ membershipId: world.pendingMembership.id }),
    effect: async ({ db, world, caller }) => {
      const [membership] = await db.select().from(memberships).where(eq(memberships.id, world.pendingMembership.id));
      expect(membership?.verifiedAt).toBeInstanceOf(Date);
      expect(membership?.verifiedById).toBe(personOf(world, caller)?.userId);
    },
  },
  "organisation.refuseMembership": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedPartyOfficial: "FORBIDDEN",
      // The world's commune has its own verified admin: the platform's team is only the fallback.
      platformAdmin: "FORBIDDEN",
    }),
    call: (api, world) => api.organisation.refuseMembership({ membershipId: world.pendingMembership.id, reason: "Personne inconnue en mairie." }),
    effect: async ({ db, world, caller }) => {
      expect(await db.select().from(memberships).where(eq(memberships.id, world.pendingMembership.id))).toEqual([]);
      // Its author is told, with the reason.
      const told = await db.select().from(notifications).where(eq(notifications.userId, world.people.unverifiedPartyOfficial.userId));
      expect(told).toEqual([
        expect.objectContaining({
          kind: "membership",
          actorId: personOf(world, caller)?.userId,
          payload: expect.objectContaining({ event: "refused", reason: "Personne inconnue en mairie." }),
        }),
      ]);
    },
  },
  "organisation.remindVerifiers": {
    // The claim is the unverified official's own: anyone else, whatever their rights, is told it does not exist.
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", unverifiedPartyOfficial: "ok" }),
    call: (api, world) => api.organisation.remindVerifiers({ membershipId: world.pendingMembership.id }),
    effect: async ({ db, world, result }) => {
      expect(result).toEqual({ reminded: 1 });
      const told = await db.select().from(notifications).where(eq(notifications.userId, world.people.partyOfficial.userId));
      expect(told).toContainEqual(
        expect.objectContaining({
          kind: "membership",
          actorId: world.people.unverifiedPartyOfficial.userId,
          payload: expect.objectContaining({ event: "reminder" }),
        }),
      );
    },
  },
  "organisation.changeOffice": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedPartyOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    call: (api, world) => api.organisation.changeOffice({ membershipId: world.pendingMembership.id, office: "adjoint" }),
    effect: async ({ db, world }) => {
      const [membership] = await db.select().from(memberships).where(eq(memberships.id, world.pendingMembership.id));
      expect(membership?.office).toBe("adjoint");
    },
  },
  "organisation.removeMember": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedPartyOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    prepare: async (db, world) => {
      await db.insert(sessions).values({
        sessionToken: `session-${world.pendingMembership.id}`,
        userId: world.people.unverifiedPartyOfficial.userId,
        expires: new Date(Date.now() + 86_400_000),
      });
      return {};
    },
    call: (api, world) => api.organisation.removeMember({ membershipId: world.pendingMembership.id }),
    effect: async ({ db, world }) => {
      expect(await membershipOf(db, world.people.unverifiedPartyOfficial.userId, world.authority.id)).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.userId, world.people.unverifiedPartyOfficial.userId))).toEqual([]);
    },
  },
  "organisation.createNetwork": {
    expected: everyone("FORBIDDEN", { anonymous: "UNAUTHORIZED", platformAdmin: "ok" }),
    call: (api) => api.organisation.createNetwork({ name: "Réseau de test", adminEmail: "moderatrice@exemple.test" }),
    effect: async ({ db, result }) => {
      const { id } = result as { id: string };
      const rows = await db
        .select({ role: memberships.role, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organisationId, id));
      expect(rows).toEqual([{ role: "admin", email: "moderatrice@exemple.test" }]);
    },
  },
  "project.create": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", collectiveMember: "ok" }),
    call: (api, world) =>
      api.project.create({
        title: "Épicerie coopérative",
        summary: "Une épicerie tenue par ses habitants.",
        contactHolderId: world.collective.id,
        communeId: world.commune.id,
      }),
    effect: async ({ db, world, result }) => {
      const { id } = result as { id: string };
      const project = await callerFor(db, world.people.collectiveMember).project.get({ projectId: id });
      expect(project).toMatchObject({ title: "Épicerie coopérative", communeId: world.commune.id });
      expect(project.parties).toEqual([expect.objectContaining({ organisationId: world.collective.id, role: "holder" })]);
    },
  },
  "project.update": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.project.update({ projectId: world.project.id, version: 1, changes: { title: "Tiers-lieu renommé", jobsPotential: 4 } }),
    effect: async ({ db, world, caller }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project).toMatchObject({ title: "Tiers-lieu renommé", jobsPotential: 4, version: 2 });
      const [entry] = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, world.project.id), eq(changeLog.version, 2)));
      expect(entry).toMatchObject({ actorId: personOf(world, caller)?.userId, action: "update" });
    },
  },
  "project.requestPublic": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.project.requestPublic({ projectId: world.project.id }),
    effect: async ({ db, world }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project?.publicRequestedAt).toBeInstanceOf(Date);
      expect(project?.visibility).toBe("territory");
    },
  },
  "project.reviewPublic": {
    expected: projectAction(["holdingModerator"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).project.requestPublic({ projectId: world.project.id });
      return {};
    },
    call: (api, world) => api.project.reviewPublic({ projectId: world.project.id, accept: true, reason: "Dossier complet." }),
    effect: async ({ db, world }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project).toMatchObject({ visibility: "public", publicRequestedAt: null });
    },
  },
  "project.setStatus": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.project.setStatus({ projectId: world.project.id, status: "paused" }),
    effect: async ({ db, world }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project?.status).toBe("paused");
    },
  },
  "party.addAuthority": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.party.addAuthority({ projectId: world.project.id, territoryId: world.openCommune.id, startingStage: "defiance", reason: "" }),
    effect: async ({ db, world, result }) => {
      const { relationshipId } = result as { relationshipId: string };
      const [relationship] = await db.select().from(relationships).where(eq(relationships.id, relationshipId));
      expect(relationship).toMatchObject({ projectId: world.project.id, stage: null });
      const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.relationshipId, relationshipId));
      expect(proposal).toMatchObject({ fromStage: null, toStage: "defiance", status: "pending", proposedSide: "collective" });
    },
  },
  "party.endRelationship": {
    // Those who act for a side of the relationship: the holders' members and the commune's verified official.
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial"]),
    call: (api, world, caller) => api.party.endRelationship({ relationshipId: world.relationshipId, as: sideOf(caller), reason: "Nos chemins se séparent." }),
    effect: async ({ db, world, caller }) => {
      const [relationship] = await db.select().from(relationships).where(eq(relationships.id, world.relationshipId));
      expect(relationship).toMatchObject({ endedSide: sideOf(caller), endReason: "Nos chemins se séparent." });
    },
  },
  "party.requestNetwork": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id }),
    effect: async ({ db, world }) => {
      const party = await otherNetworkParty(db, world);
      expect(party).toMatchObject({ role: "network", status: "requested" });
    },
  },
  "party.decideNetwork": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", otherModerator: "ok", platformAdmin: "ok" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id });
      return {};
    },
    call: (api, world) => api.party.decideNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id, accept: true, reason: "" }),
    effect: async ({ db, world }) => {
      const party = await otherNetworkParty(db, world);
      expect(party?.status).toBe("active");
    },
  },
  "calendar.renew": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.calendar.renew(),
    effect: async ({ db, world, caller, result }) => {
      const { url } = result as { url: string };
      expect(url).toMatch(/\/api\/calendrier\/[\w-]{20,}$/);
      expect(await callerFor(db, personOf(world, caller)).calendar.feed()).toEqual({ url });
    },
  },
  "calendar.revoke": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).calendar.renew();
      return {};
    },
    call: (api) => api.calendar.revoke(),
    effect: async ({ db, world, caller, result }) => {
      expect(result).toEqual({ revoked: caller === "collectiveMember" ? 1 : 0 });
      expect(await callerFor(db, world.people.collectiveMember).calendar.feed()).toEqual({ url: caller === "collectiveMember" ? null : expect.any(String) });
    },
  },
  "invitation.send": {
    expected: projectAction(["collectiveMember", "coHolderMember", "holdingModerator"]),
    call: (api, world) =>
      api.invitation.send({ projectId: world.project.id, authorityId: world.authority.id, email: "secretaire@mairie.test", office: "agent" }),
    effect: async ({ db, world, result }) => {
      const { invitationId } = result as { invitationId: string };
      const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
      expect(invitation).toMatchObject({ projectId: world.project.id, email: "secretaire@mairie.test", office: "agent", usedAt: null });
    },
  },
  "invitation.sendToCollective": {
    // As admin: only a holding network's moderator (the collective's member invites members).
    expected: projectAction(["holdingModerator"]),
    call: (api, world) => api.invitation.sendToCollective({ projectId: world.project.id, email: "tresoriere@collectif.test", role: "admin" }),
    effect: async ({ db, world, result }) => {
      const { invitationId } = result as { invitationId: string };
      const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
      expect(invitation).toMatchObject({
        projectId: world.project.id,
        email: "tresoriere@collectif.test",
        collectiveId: world.collective.id,
        collectiveRole: "admin",
        authorityId: null,
        office: null,
        usedAt: null,
      });
    },
  },
  "portfolio.answerHandover": {
    // The collective's admins take the project over (platform admins manage every organisation).
    expected: everyone("NOT_FOUND", { collectiveMember: "ok", platformAdmin: "ok", anonymous: "UNAUTHORIZED" }),
    prepare: pendingHandover,
    call: (api, _world, _caller, prepared) => api.portfolio.answerHandover({ handoverId: prepared.handoverId ?? "", accept: true }),
    effect: async ({ db, world, prepared }) => {
      const [project] = await db
        .select()
        .from(projects)
        .where(eq(projects.id, prepared.projectId ?? ""));
      expect(project?.contactHolderId).toBe(world.collective.id);
      const [answered] = await db
        .select()
        .from(handovers)
        .where(eq(handovers.id, prepared.handoverId ?? ""));
      expect(answered).toMatchObject({ accepted: true, answeredAt: expect.any(Date) });
    },
  },
  "invitation.resend": {
    expected: projectAction(["collectiveMember", "coHolderMember", "holdingModerator"]),
    prepare: pendingInvitation,
    call: (api, _world, _caller, prepared) => api.invitation.resend({ invitationId: prepared.invitationId ?? "" }),
    effect: async ({ db, prepared }) => {
      const [invitation] = await db
        .select()
        .from(invitations)
        .where(eq(invitations.id, prepared.invitationId ?? ""));
      expect(invitation?.sentCount).toBe(2);
    },
  },
  "invitation.revoke": {
    expected: projectAction(["collectiveMember", "coHolderMember", "holdingModerator"]),
    prepare: pendingInvitation,
    call: (api, _world, _caller, prepared) => api.invitation.revoke({ invitationId: prepared.invitationId ?? "" }),
    effect: async ({ db, prepared }) => {
      const [invitation] = await db
        .select()
        .from(invitations)
        .where(eq(invitations.id, prepared.invitationId ?? ""));
      expect(invitation?.revokedAt).toBeInstanceOf(Date);
    },
  },
  "comment.add": {
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial", "holdingModerator"]),
    call: (api, world) => api.comment.add({ projectId: world.project.id, body: "Réunion jeudi à 18 h ?", mentionIds: [] }),
    effect: async ({ db, world, caller, result }) => {
      const { commentId } = result as { commentId: string };
      const [comment] = await db.select().from(comments).where(eq(comments.id, commentId));
      expect(comment).toMatchObject({ projectId: world.project.id, authorId: personOf(world, caller)?.userId, body: "Réunion jeudi à 18 h ?" });
    },
  },
  "comment.edit": {
    expected: projectAction(["collectiveMember"]),
    prepare: async (db, world) => {
      const { commentId } = await callerFor(db, world.people.collectiveMember).comment.add({
        projectId: world.project.id,
        body: "Premier jet",
        mentionIds: [],
      });
      return { commentId };
    },
    call: (api, _world, _caller, prepared) => api.comment.edit({ commentId: prepared.commentId ?? "", version: 1, body: "Texte corrigé" }),
    effect: async ({ db, prepared }) => {
      const [comment] = await db
        .select()
        .from(comments)
        .where(eq(comments.id, prepared.commentId ?? ""));
      expect(comment).toMatchObject({ body: "Texte corrigé", version: 2 });
      const [entry] = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, prepared.commentId ?? ""), eq(changeLog.action, "update")));
      expect(entry?.changes).toEqual([{ field: "body", before: "Premier jet", after: "Texte corrigé" }]);
    },
  },
  "comment.delete": {
    expected: projectAction(["collectiveMember"]),
    prepare: async (db, world) => {
      const { commentId } = await callerFor(db, world.people.collectiveMember).comment.add({ projectId: world.project.id, body: "À effacer", mentionIds: [] });
      return { commentId };
    },
    call: (api, _world, _caller, prepared) => api.comment.delete({ commentId: prepared.commentId ?? "" }),
    effect: async ({ db, world, prepared }) => {
      const listed = await callerFor(db, world.people.collectiveMember).comment.list({ projectId: world.project.id });
      expect(listed).toEqual([expect.objectContaining({ id: prepared.commentId, body: "" })]);
      const [entry] = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, prepared.commentId ?? ""), eq(changeLog.action, "delete")));
      expect(entry?.changes).toEqual([{ field: "body", before: "À effacer", after: null }]);
    },
  },
  "follow.set": {
    expected: projectAction(READERS),
    call: (api, world) => api.follow.set({ projectId: world.project.id, follow: true }),
    effect: async ({ db, world, caller }) => {
      const rows = await db.select().from(follows).where(eq(follows.projectId, world.project.id));
      expect(rows.map((row) => row.userId)).toEqual([personOf(world, caller)?.userId]);
    },
  },
  "follow.markVisited": {
    expected: projectAction(READERS),
    // Everyone follows it (as far as the table goes): only readers may mark it visited.
    prepare: async (db, world) => {
      const past = new Date("2020-01-01");
      for (const person of Object.values(world.people)) {
        await db.insert(follows).values({ userId: person.userId, projectId: world.project.id, lastVisitedAt: past });
      }
      return {};
    },
    call: (api, world) => api.follow.markVisited({ projectId: world.project.id }),
    unaudited: "a visit changes nothing anyone else reads; logging every page view would drown the history",
    effect: async ({ db, world, caller, result }) => {
      expect(result).toEqual({ following: true });
      const [row] = await db
        .select()
        .from(follows)
        .where(and(eq(follows.userId, personOf(world, caller)?.userId ?? ""), eq(follows.projectId, world.project.id)));
      expect(row?.lastVisitedAt.getTime()).toBeGreaterThan(new Date("2020-01-02").getTime());
    },
  },
  "notification.markRead": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.notification.markRead({}),
    effect: async ({ db, world, caller }) => {
      expect(await callerFor(db, personOf(world, caller)).notification.unreadCount()).toBe(0);
      // Someone else's notifications are untouched: the official's milestone notice (the starting stage's was read when confirmed).
      if (caller !== "partyOfficial") expect(await callerFor(db, world.people.partyOfficial).notification.unreadCount()).toBe(1);
    },
  },
  "stage.propose": {
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial"]),
    call: (api, world, caller) =>
      api.stage.propose({ relationshipId: world.relationshipId, as: sideOf(caller), toStage: "collaboration", reason: "Convention signée." }),
    effect: async ({ db, caller, result }) => {
      const { stageChangeId } = result as { stageChangeId: string };
      const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.id, stageChangeId));
      expect(proposal).toMatchObject({ fromStage: "observation", toStage: "collaboration", status: "pending", proposedSide: sideOf(caller) });
    },
  },
  "stage.confirm": {
    expected: projectAction(["partyOfficial"]),
    prepare: pendingProposal,
    call: (api, _world, _caller, prepared) => api.stage.confirm({ stageChangeId: prepared.stageChangeId ?? "", comment: "" }),
    effect: async ({ db, world }) => {
      const [relationship] = await db.select().from(relationships).where(eq(relationships.id, world.relationshipId));
      expect(relationship?.stage).toBe("collaboration");
    },
  },
  "stage.decline": {
    expected: projectAction(["partyOfficial"]),
    prepare: pendingProposal,
    call: (api, _world, _caller, prepared) => api.stage.decline({ stageChangeId: prepared.stageChangeId ?? "", comment: "Pas encore." }),
    effect: async ({ db, world, prepared }) => {
      const [proposal] = await db
        .select()
        .from(stageChanges)
        .where(eq(stageChanges.id, prepared.stageChangeId ?? ""));
      expect(proposal).toMatchObject({ status: "declined", decisionComment: "Pas encore." });
      const [relationship] = await db.select().from(relationships).where(eq(relationships.id, world.relationshipId));
      expect(relationship?.stage).toBe("observation");
    },
  },
  "stage.withdraw": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    prepare: pendingProposal,
    call: (api, _world, _caller, prepared) => api.stage.withdraw({ stageChangeId: prepared.stageChangeId ?? "", comment: "" }),
    effect: async ({ db, prepared }) => {
      const [proposal] = await db
        .select()
        .from(stageChanges)
        .where(eq(stageChanges.id, prepared.stageChangeId ?? ""));
      expect(proposal?.status).toBe("withdrawn");
    },
  },
  "stage.addMediationNote": {
    expected: projectAction(["holdingModerator"]),
    prepare: pendingProposal,
    call: (api, _world, _caller, prepared) =>
      api.stage.addMediationNote({ stageChangeId: prepared.stageChangeId ?? "", text: "Retrouvons-nous au réseau jeudi." }),
    effect: async ({ db, world, prepared }) => {
      const notes = await db
        .select()
        .from(mediationNotes)
        .where(eq(mediationNotes.stageChangeId, prepared.stageChangeId ?? ""));
      expect(notes).toEqual([expect.objectContaining({ text: "Retrouvons-nous au réseau jeudi.", networkId: world.holdingNetwork.id })]);
    },
  },
  "moderation.report": {
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial", "holdingModerator"]),
    call: (api, world) => api.moderation.report({ kind: "milestone", contentId: world.milestoneId, reason: "Ce jalon n'a pas eu lieu." }),
    effect: async ({ db, world, caller }) => {
      const reports = await db.select().from(contentReports).where(eq(contentReports.contentId, world.milestoneId));
      expect(reports).toEqual([expect.objectContaining({ contentKind: "milestone", status: "open", reporterId: personOf(world, caller)?.userId })]);
    },
  },
  "moderation.hide": {
    expected: projectAction(["holdingModerator", "platformAdmin"]),
    call: (api, world) => api.moderation.hide({ kind: "milestone", contentId: world.milestoneId, reason: "Propos injurieux." }),
    effect: async ({ db, world }) => {
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
      expect(milestone?.hiddenAt).not.toBeNull();
      const told = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, world.people.collectiveMember.userId), eq(notifications.kind, "moderation")));
      expect(told).toEqual([expect.objectContaining({ payload: expect.objectContaining({ action: "hidden", reason: "Propos injurieux." }) })]);
    },
  },
  "moderation.restore": {
    expected: projectAction(["holdingModerator", "platformAdmin"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.holdingModerator).moderation.hide({ kind: "milestone", contentId: world.milestoneId, reason: "À vérifier." });
      return {};
    },
    call: (api, world) => api.moderation.restore({ kind: "milestone", contentId: world.milestoneId, reason: "Vérifié avec la mairie." }),
    effect: async ({ db, world }) => {
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
      expect(milestone?.hiddenAt).toBeNull();
    },
  },
  "moderation.dismiss": {
    expected: projectAction(["holdingModerator", "platformAdmin"]),
    prepare: async (db, world) =>
      callerFor(db, world.people.partyOfficial).moderation.report({ kind: "milestone", contentId: world.milestoneId, reason: "Inexact." }),
    call: (api, _world, _caller, prepared) => api.moderation.dismiss({ reportId: prepared.reportId ?? "", reason: "Le jalon est attesté." }),
    effect: async ({ db, prepared }) => {
      const [report] = await db
        .select()
        .from(contentReports)
        .where(eq(contentReports.id, prepared.reportId ?? ""));
      expect(report).toMatchObject({ status: "dismissed", decisionReason: "Le jalon est attesté." });
    },
  },
  "moderation.addMilestoneNote": {
    expected: projectAction(["holdingModerator"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.partyOfficial).milestone.contest({
        milestoneId: world.milestoneId,
        relationshipId: world.relationshipId,
        comment: "Pas ce jour-là.",
      });
      return {};
    },
    call: (api, world) =>
      api.moderation.addMilestoneNote({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, text: "Le compte rendu est daté du 12." }),
    effect: async ({ db, world }) => {
      const notes = await db.select().from(mediationNotes).where(eq(mediationNotes.milestoneId, world.milestoneId));
      expect(notes).toEqual([expect.objectContaining({ relationshipId: world.relationshipId, networkId: world.holdingNetwork.id })]);
    },
  },
  "portfolio.invite": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", otherModerator: "ok", platformAdmin: "ok" }),
    // A network invites a project its moderator can read: here a public one.
    prepare: async (db, world) => {
      await db.update(projects).set({ visibility: "public" }).where(eq(projects.id, world.project.id));
      return {};
    },
    call: (api, world) => api.portfolio.invite({ networkId: world.otherNetwork.id, projectId: world.project.id }),
    effect: async ({ db, world }) => {
      const party = await otherNetworkParty(db, world);
      expect(party).toMatchObject({ role: "network", status: "invited" });
    },
  },
  "portfolio.answerInvitation": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.platformAdmin).portfolio.invite({ networkId: world.otherNetwork.id, projectId: world.project.id });
      return {};
    },
    call: (api, world) => api.portfolio.answerInvitation({ projectId: world.project.id, networkId: world.otherNetwork.id, accept: true }),
    effect: async ({ db, world }) => {
      const party = await otherNetworkParty(db, world);
      expect(party?.status).toBe("active");
    },
  },
  "portfolio.leave": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", collectiveMember: "ok", coHolderMember: "ok", holdingModerator: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.portfolio.leave({ projectId: world.project.id, networkId: world.holdingNetwork.id, reason: "Fin de l'accompagnement." }),
    effect: async ({ db, world }) => {
      const parties = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.holdingNetwork.id)));
      expect(parties).toEqual([]);
    },
  },
  "holder.invite": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.holder.invite({ projectId: world.project.id, structure: { collectiveId: world.otherCollective.id } }),
    effect: async ({ db, world }) => {
      const [party] = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherCollective.id)));
      expect(party).toMatchObject({ role: "holder", status: "invited" });
    },
  },
  "holder.answer": {
    // The invited structure's admin answers, whether or not they read the project; a platform admin may act for any organisation.
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", otherCollectiveMember: "ok", platformAdmin: "ok" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).holder.invite({ projectId: world.project.id, structure: { collectiveId: world.otherCollective.id } });
      return {};
    },
    call: (api, world) => api.holder.answer({ projectId: world.project.id, organisationId: world.otherCollective.id, accept: true }),
    effect: async ({ db, world }) => {
      const [party] = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherCollective.id)));
      expect(party).toMatchObject({ role: "holder", status: "active" });
    },
  },
  "holder.leave": {
    // The co-holding collective's own admin withdraws it; the contact's admin may not withdraw another structure.
    expected: projectAction(["coHolderMember"]),
    call: (api, world) => api.holder.leave({ projectId: world.project.id, organisationId: world.coHolder.id }),
    effect: async ({ db, world }) => {
      const parties = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.coHolder.id)));
      expect(parties).toEqual([]);
    },
  },
  "holder.withdrawInvitation": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).holder.invite({ projectId: world.project.id, structure: { collectiveId: world.otherCollective.id } });
      return {};
    },
    call: (api, world) => api.holder.withdrawInvitation({ projectId: world.project.id, organisationId: world.otherCollective.id }),
    effect: async ({ db, world }) => {
      const parties = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherCollective.id)));
      expect(parties).toEqual([]);
    },
  },
  "holder.setContact": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.holder.setContact({ projectId: world.project.id, organisationId: world.coHolder.id }),
    effect: async ({ db, world }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project?.contactHolderId).toBe(world.coHolder.id);
    },
  },
  "portfolio.setStuckAfter": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", holdingModerator: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.portfolio.setStuckAfter({ networkId: world.holdingNetwork.id, days: 45 }),
    effect: async ({ db, world }) => {
      const [settings] = await db.select().from(networkSettings).where(eq(networkSettings.networkId, world.holdingNetwork.id));
      expect(settings?.stuckAfterDays).toBe(45);
    },
  },
  "milestone.create": {
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial"]),
    call: (api, world, caller) =>
      api.milestone.create({
        projectId: world.project.id,
        as: sideOf(caller),
        relationshipIds: [world.relationshipId],
        kind: "site_visit",
        title: "Visite du site avec le conseil",
        occursOn: "2026-05-04",
        status: "done",
        description: "",
        evidenceLinks: [],
        levers: ["public-policies"],
      }),
    effect: async ({ db, caller, result }) => {
      const { milestoneId } = result as { milestoneId: string };
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, milestoneId));
      expect(milestone).toMatchObject({ title: "Visite du site avec le conseil", recordedSide: sideOf(caller) });
    },
  },
  "milestone.update": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { status: "cancelled" } }),
    effect: async ({ db, world }) => {
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
      expect(milestone).toMatchObject({ status: "cancelled", version: 2 });
    },
  },
  "milestone.withdraw": {
    // Its author: the world's milestone was recorded by the collective's member.
    expected: projectAction(["collectiveMember"]),
    call: (api, world) => api.milestone.withdraw({ milestoneId: world.milestoneId, version: 1 }),
    effect: async ({ db, world }) => {
      expect(await db.select().from(milestones).where(eq(milestones.id, world.milestoneId))).toEqual([]);
      const [logged] = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, world.milestoneId), eq(changeLog.action, "withdraw")));
      expect(logged?.changes).toEqual([{ field: "title", before: "Première rencontre en mairie", after: null }]);
    },
  },
  "milestone.confirm": {
    expected: projectAction(["partyOfficial"]),
    call: (api, world) => api.milestone.confirm({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "" }),
    effect: async ({ db, world }) => {
      const [link] = await db.select().from(milestoneRelationships).where(eq(milestoneRelationships.milestoneId, world.milestoneId));
      expect(link?.confirmation).toBe("confirmed");
    },
  },
  "milestone.contest": {
    expected: projectAction(["partyOfficial"]),
    call: (api, world) => api.milestone.contest({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "C'était en avril." }),
    effect: async ({ db, world }) => {
      const [link] = await db.select().from(milestoneRelationships).where(eq(milestoneRelationships.milestoneId, world.milestoneId));
      expect(link).toMatchObject({ confirmation: "contested", comment: "C'était en avril." });
    },
  },
  "barometer.answer": {
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial"]),
    call: (api, world, caller) => api.barometer.answer({ relationshipId: world.relationshipId, as: sideOf(caller), answers: { curiosity: 4, trust: 2 } }),
    effect: async ({ db, world, caller }) => {
      const sets = await db.select().from(barometerAnswerSets).where(eq(barometerAnswerSets.relationshipId, world.relationshipId));
      expect(sets).toEqual([
        expect.objectContaining({ side: sideOf(caller), respondentId: personOf(world, caller)?.userId, answers: { curiosity: 4, trust: 2 } }),
      ]);
    },
  },
};

describe("authorization matrix: mutations", () => {
  const database = useTestDatabase();
  describeAuthorizationMatrix("mutation", MUTATIONS, database);
});
