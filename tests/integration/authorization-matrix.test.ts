// The authorization matrix: every procedure of the app router and every route handler has an
// entry stating, as literal outcomes, what each kind of caller gets. Allowed calls have their
// effect asserted; denied calls leave the database unchanged.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import {
  barometerAnswerSets,
  changeLog,
  comments,
  contentReports,
  follows,
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
import { appRouter } from "@/server/api/root";
import { startDemoSession } from "@/server/services/demo";
import { answerExportRequest, answerImportRequest } from "@/server/services/portfolio-files";
import { databaseFingerprint } from "../support/fingerprint";
import { useTestDatabase } from "../support/db";
import { callerFor, makePerson, membershipOf, type TestPerson } from "../support/factories";
import { buildWorld, CALLERS, pendingInvitation, pendingProposal, personOf, sideOf, type Api, type CallerKind, type World } from "../support/world";

type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";

type Entry = {
  expected: Record<CallerKind, Outcome>;
  /** Sets up what the call needs beyond the shared world; its result is passed to `call`. */
  prepare?: (db: Database, world: World) => Promise<Record<string, string>>;
  call: (api: Api, world: World, caller: CallerKind, prepared: Record<string, string>) => Promise<unknown>;
  /** What an allowed call did, checked against the database or the answer. */
  effect: (args: { db: Database; world: World; caller: CallerKind; result: unknown; prepared: Record<string, string> }) => Promise<void> | void;
};

const everyone = (outcome: Outcome, overrides: Partial<Record<CallerKind, Outcome>> = {}) =>
  Object.fromEntries(CALLERS.map((caller) => [caller, overrides[caller] ?? outcome])) as Record<CallerKind, Outcome>;

/** Who reads the project: the parties (verified or not), the territory's verified officials, admins. */
const READERS: CallerKind[] = ["collectiveMember", "partyOfficial", "territoryOfficial", "unverifiedOfficial", "holdingModerator", "platformAdmin"];

/** Readers may read; among them `allowed` act, the other readers are refused; non-readers see nothing. */
function projectAction(allowed: CallerKind[]): Record<CallerKind, Outcome> {
  return Object.fromEntries(
    CALLERS.map((caller) => [
      caller,
      caller === "anonymous" ? "UNAUTHORIZED" : allowed.includes(caller) ? "ok" : READERS.includes(caller) ? "FORBIDDEN" : "NOT_FOUND",
    ]),
  ) as Record<CallerKind, Outcome>;
}

const readProject = (anonymous: Outcome) => ({ ...projectAction(READERS), anonymous });

const PROCEDURES: Record<string, Entry> = {
  "territory.search": {
    expected: everyone("ok"),
    call: (api, world) => api.territory.search({ query: world.commune.code }),
    effect: ({ world, result }) => {
      expect(result).toEqual(expect.arrayContaining([expect.objectContaining({ id: world.commune.id })]));
    },
  },
  "territory.get": {
    expected: everyone("ok"),
    call: (api, world) => api.territory.get({ territoryId: world.commune.id }),
    effect: ({ world, result }) => expect(result).toMatchObject({ id: world.commune.id, name: world.commune.name }),
  },
  "account.get": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.get(),
    effect: ({ world, caller, result }) => expect(result).toMatchObject({ email: personOf(world, caller)?.email }),
  },
  "account.updateProfile": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.updateProfile({ name: "Nom changé" }),
    effect: async ({ db, world, caller }) => {
      const [user] = await db.select().from(users).where(eq(users.id, personOf(world, caller)?.userId ?? ""));
      expect(user?.name).toBe("Nom changé");
    },
  },
  "account.emailPreferences": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.emailPreferences(),
    effect: ({ result }) =>
      expect(result).toEqual(expect.arrayContaining([{ kind: "mention", frequency: "immediate" }, { kind: "milestone_recorded", frequency: "weekly" }])),
  },
  "account.setEmailPreference": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.setEmailPreference({ kind: "milestone_recorded", frequency: "never" }),
    effect: async ({ db, world, caller }) => {
      const preferences = await callerFor(db, personOf(world, caller)).account.emailPreferences();
      expect(preferences.find((preference) => preference.kind === "milestone_recorded")?.frequency).toBe("never");
    },
  },
  "account.exportData": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.exportData(),
    effect: ({ world, caller, result }) => {
      const person = personOf(world, caller);
      expect(result).toMatchObject({ account: { id: person?.userId, email: person?.email } });
      // Only one's own: nobody else's address appears anywhere in the file.
      const others = Object.values(world.people).filter((other) => other.userId !== person?.userId);
      const text = JSON.stringify(result);
      for (const other of others) expect(text).not.toContain(other.email);
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
  "audit.search": {
    expected: everyone("FORBIDDEN", { anonymous: "UNAUTHORIZED", platformAdmin: "ok" }),
    call: (api, world) => api.audit.search({ recordId: world.project.id }),
    effect: ({ world, result }) => {
      const { entries } = result as { entries: { projectId: string | null; action: string }[] };
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((entry) => entry.projectId === world.project.id)).toBe(true);
    },
  },
  "organisation.get": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", collectiveMember: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.organisation.get({ organisationId: world.collective.id }),
    effect: ({ world, result }) =>
      expect(result).toMatchObject({
        name: world.collective.name,
        members: [expect.objectContaining({ email: world.people.collectiveMember.email })],
      }),
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
    call: (api, world) =>
      api.organisation.addMember({ organisationId: world.collective.id, email: "nouveau.membre@exemple.test", role: "member" }),
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
      expect(membership).toMatchObject({ role: "admin", office: "adjoint", verifiedAt: null });
    },
  },
  "organisation.verifyMembership": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    call: (api, world) => api.organisation.verifyMembership({ membershipId: world.pendingMembership.id }),
    effect: async ({ db, world, caller }) => {
      const [membership] = await db.select().from(memberships).where(eq(memberships.id, world.pendingMembership.id));
      expect(membership?.verifiedAt).toBeInstanceOf(Date);
      expect(membership?.verifiedById).toBe(personOf(world, caller)?.userId);
    },
  },
  "organisation.changeOffice": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedOfficial: "FORBIDDEN",
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
      unverifiedOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    prepare: async (db, world) => {
      await db.insert(sessions).values({ sessionToken: `session-${world.pendingMembership.id}`, userId: world.people.unverifiedOfficial.userId, expires: new Date(Date.now() + 86_400_000) });
      return {};
    },
    call: (api, world) => api.organisation.removeMember({ membershipId: world.pendingMembership.id }),
    effect: async ({ db, world }) => {
      expect(await membershipOf(db, world.people.unverifiedOfficial.userId, world.authority.id)).toBeNull();
      expect(await db.select().from(sessions).where(eq(sessions.userId, world.people.unverifiedOfficial.userId))).toEqual([]);
    },
  },
  "organisation.pendingVerifications": {
    expected: everyone("FORBIDDEN", { anonymous: "UNAUTHORIZED", platformAdmin: "ok" }),
    call: (api) => api.organisation.pendingVerifications(),
    effect: ({ world, result }) =>
      expect(result).toEqual(expect.arrayContaining([expect.objectContaining({ membershipId: world.pendingMembership.id })])),
  },
  "organisation.listNetworks": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.organisation.listNetworks(),
    effect: ({ world, result }) =>
      expect(result).toEqual(expect.arrayContaining([{ id: world.holdingNetwork.id, name: world.holdingNetwork.name }])),
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
        leadCollectiveId: world.collective.id,
        communeId: world.commune.id,
      }),
    effect: async ({ db, world, result }) => {
      const { id } = result as { id: string };
      const project = await callerFor(db, world.people.collectiveMember).project.get({ projectId: id });
      expect(project).toMatchObject({ title: "Épicerie coopérative", communeId: world.commune.id });
      expect(project.parties).toEqual([expect.objectContaining({ organisationId: world.collective.id, role: "lead" })]);
    },
  },
  "project.get": {
    expected: readProject("NOT_FOUND"),
    call: (api, world) => api.project.get({ projectId: world.project.id }),
    effect: ({ caller, result }) =>
      expect(result).toMatchObject({ title: "Tiers-lieu de la matrice", canEdit: caller === "collectiveMember" }),
  },
  "project.overview": {
    expected: readProject("NOT_FOUND"),
    call: (api, world) => api.project.overview({ projectId: world.project.id }),
    effect: ({ world, result }) => {
      const overview = result as { relationships: { id: string; stage: string }[]; milestones: { id: string }[] };
      expect(overview.relationships).toEqual([expect.objectContaining({ id: world.relationshipId, stage: "observation" })]);
      expect(overview.milestones.map((milestone) => milestone.id)).toEqual([world.milestoneId]);
    },
  },
  "project.history": {
    expected: readProject("UNAUTHORIZED"),
    call: (api, world) => api.project.history({ projectId: world.project.id }),
    effect: ({ world, result }) =>
      expect(result).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ action: "create", entityId: world.project.id, actorEmail: world.people.collectiveMember.email }),
        ]),
      ),
  },
  "project.update": {
    expected: projectAction(["collectiveMember"]),
    call: (api, world) =>
      api.project.update({ projectId: world.project.id, version: 1, changes: { title: "Tiers-lieu renommé", jobsPotential: 4 } }),
    effect: async ({ db, world, caller }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project).toMatchObject({ title: "Tiers-lieu renommé", jobsPotential: 4, version: 2 });
      const [entry] = await db.select().from(changeLog).where(and(eq(changeLog.entityId, world.project.id), eq(changeLog.version, 2)));
      expect(entry).toMatchObject({ actorId: personOf(world, caller)?.userId, action: "update" });
    },
  },
  "project.requestPublic": {
    expected: projectAction(["collectiveMember"]),
    call: (api, world) => api.project.requestPublic({ projectId: world.project.id }),
    effect: async ({ db, world }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project?.publicRequestedAt).toBeInstanceOf(Date);
      expect(project?.visibility).toBe("territory");
    },
  },
  "project.publicRequests": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).project.requestPublic({ projectId: world.project.id });
      return {};
    },
    call: (api) => api.project.publicRequests(),
    effect: ({ world, caller, result }) => {
      const mine = (result as { projectId: string }[]).filter((request) => request.projectId === world.project.id);
      // A network holds the project: its moderators review, not the platform admins.
      expect(mine.length).toBe(caller === "holdingModerator" ? 1 : 0);
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
  "project.listMine": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.project.listMine(),
    effect: ({ world, caller, result }) => {
      const ids = (result as { id: string }[]).map((project) => project.id);
      const parties: CallerKind[] = ["collectiveMember", "partyOfficial", "unverifiedOfficial", "holdingModerator"];
      if (parties.includes(caller)) expect(ids).toContain(world.project.id);
      else expect(ids).not.toContain(world.project.id);
    },
  },
  "project.listForTerritory": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    call: (api, world) => api.project.listForTerritory({ authorityId: world.authority.id }),
    effect: ({ world, result }) => {
      const { projects: listed } = result as { projects: { id: string }[] };
      expect(listed.map((project) => project.id)).toEqual([world.project.id]);
    },
  },
  "party.addAuthority": {
    expected: projectAction(["collectiveMember"]),
    call: (api, world) =>
      api.party.addAuthority({ projectId: world.project.id, territoryId: world.openCommune.id, startingStage: "defiance", reason: "" }),
    effect: async ({ db, world, result }) => {
      const { relationshipId } = result as { relationshipId: string };
      const [relationship] = await db.select().from(relationships).where(eq(relationships.id, relationshipId));
      expect(relationship).toMatchObject({ projectId: world.project.id, stage: null });
      const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.relationshipId, relationshipId));
      expect(proposal).toMatchObject({ fromStage: null, toStage: "defiance", status: "pending", proposedSide: "collective" });
    },
  },
  "party.requestNetwork": {
    expected: projectAction(["collectiveMember"]),
    call: (api, world) => api.party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id }),
    effect: async ({ db, world }) => {
      const [party] = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherNetwork.id)));
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
      const [party] = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherNetwork.id)));
      expect(party?.status).toBe("active");
    },
  },
  "party.networkRequests": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id });
      return {};
    },
    call: (api) => api.party.networkRequests(),
    effect: ({ world, caller, result }) => {
      const requests = (result as { projectId: string; networkId: string }[]).filter((request) => request.projectId === world.project.id);
      expect(requests).toEqual(caller === "otherModerator" ? [expect.objectContaining({ networkId: world.otherNetwork.id })] : []);
    },
  },
  "calendar.feed": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.calendar.feed(),
    effect: ({ result }) => expect(result).toEqual({ url: null }),
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
    expected: projectAction(["collectiveMember", "holdingModerator"]),
    call: (api, world) =>
      api.invitation.send({ projectId: world.project.id, authorityId: world.authority.id, email: "secretaire@mairie.test", office: "agent" }),
    effect: async ({ db, world, result }) => {
      const { invitationId } = result as { invitationId: string };
      const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
      expect(invitation).toMatchObject({ projectId: world.project.id, email: "secretaire@mairie.test", office: "agent", usedAt: null });
    },
  },
  "invitation.list": {
    expected: projectAction(["collectiveMember", "holdingModerator"]),
    prepare: pendingInvitation,
    call: (api, world) => api.invitation.list({ projectId: world.project.id }),
    effect: ({ prepared, result }) =>
      expect(result).toEqual([expect.objectContaining({ id: prepared.invitationId, email: "adjoint@mairie.test", state: "pending" })]),
  },
  "invitation.resend": {
    expected: projectAction(["collectiveMember", "holdingModerator"]),
    prepare: pendingInvitation,
    call: (api, _world, _caller, prepared) => api.invitation.resend({ invitationId: prepared.invitationId ?? "" }),
    effect: async ({ db, prepared }) => {
      const [invitation] = await db.select().from(invitations).where(eq(invitations.id, prepared.invitationId ?? ""));
      expect(invitation?.sentCount).toBe(2);
    },
  },
  "invitation.revoke": {
    expected: projectAction(["collectiveMember", "holdingModerator"]),
    prepare: pendingInvitation,
    call: (api, _world, _caller, prepared) => api.invitation.revoke({ invitationId: prepared.invitationId ?? "" }),
    effect: async ({ db, prepared }) => {
      const [invitation] = await db.select().from(invitations).where(eq(invitations.id, prepared.invitationId ?? ""));
      expect(invitation?.revokedAt).toBeInstanceOf(Date);
    },
  },
  "comment.list": {
    expected: { ...projectAction(["collectiveMember", "partyOfficial", "unverifiedOfficial", "holdingModerator", "platformAdmin"]) },
    prepare: async (db, world) => {
      const { commentId } = await callerFor(db, world.people.collectiveMember).comment.add({
        projectId: world.project.id,
        body: "Bienvenue à la commune dans le projet !",
        mentionIds: [world.people.partyOfficial.userId],
      });
      return { commentId };
    },
    call: (api, world) => api.comment.list({ projectId: world.project.id }),
    effect: ({ world, result }) =>
      expect(result).toEqual([
        expect.objectContaining({
          body: "Bienvenue à la commune dans le projet !",
          mentions: [expect.objectContaining({ userId: world.people.partyOfficial.userId })],
        }),
      ]),
  },
  "comment.mentionable": {
    expected: projectAction(["collectiveMember", "partyOfficial", "unverifiedOfficial", "holdingModerator"]),
    call: (api, world) => api.comment.mentionable({ projectId: world.project.id }),
    effect: ({ world, result }) => {
      const ids = (result as { id: string }[]).map((person) => person.id);
      expect(ids).toEqual(expect.arrayContaining([world.people.collectiveMember.userId, world.people.partyOfficial.userId, world.people.holdingModerator.userId]));
      expect(ids).not.toContain(world.people.territoryOfficial.userId);
    },
  },
  "comment.add": {
    expected: projectAction(["collectiveMember", "partyOfficial", "unverifiedOfficial", "holdingModerator"]),
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
      const { commentId } = await callerFor(db, world.people.collectiveMember).comment.add({ projectId: world.project.id, body: "Premier jet", mentionIds: [] });
      return { commentId };
    },
    call: (api, _world, _caller, prepared) => api.comment.edit({ commentId: prepared.commentId ?? "", version: 1, body: "Texte corrigé" }),
    effect: async ({ db, prepared }) => {
      const [comment] = await db.select().from(comments).where(eq(comments.id, prepared.commentId ?? ""));
      expect(comment).toMatchObject({ body: "Texte corrigé", version: 2 });
      const [entry] = await db.select().from(changeLog).where(and(eq(changeLog.entityId, prepared.commentId ?? ""), eq(changeLog.action, "update")));
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
      const [entry] = await db.select().from(changeLog).where(and(eq(changeLog.entityId, prepared.commentId ?? ""), eq(changeLog.action, "delete")));
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
    effect: async ({ db, world, caller, result }) => {
      expect(result).toEqual({ following: true });
      const [row] = await db.select().from(follows).where(and(eq(follows.userId, personOf(world, caller)?.userId ?? ""), eq(follows.projectId, world.project.id)));
      expect(row?.lastVisitedAt.getTime()).toBeGreaterThan(new Date("2020-01-02").getTime());
    },
  },
  "follow.list": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).follow.set({ projectId: world.project.id, follow: true });
      // Last looked at before the official confirmed the starting stage: that is what is new.
      await db.update(follows).set({ lastVisitedAt: new Date("2020-01-01") }).where(eq(follows.userId, world.people.collectiveMember.userId));
      return {};
    },
    call: (api) => api.follow.list(),
    effect: ({ world, caller, result }) => {
      const rows = result as { projectId: string; newChanges: number; newKinds: string[] }[];
      const ids = rows.map((row) => row.projectId);
      if (caller === "collectiveMember") {
        expect(ids).toEqual([world.project.id]);
        expect(rows[0]?.newChanges).toBeGreaterThan(0);
        expect(rows[0]?.newKinds).toEqual(expect.arrayContaining(["stage_change:confirm"]));
      } else expect(ids).not.toContain(world.project.id);
    },
  },
  "notification.list": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.notification.list(),
    effect: ({ world, caller, result }) => {
      const kinds = (result as { kind: string; projectId: string | null }[])
        .filter((notification) => notification.projectId === world.project.id)
        .map((notification) => notification.kind)
        .sort();
      const expectedKinds: Partial<Record<CallerKind, string[]>> = {
        partyOfficial: ["milestone_recorded", "stage_proposed"],
        collectiveMember: ["stage_confirmed"],
      };
      expect(kinds).toEqual(expectedKinds[caller] ?? []);
    },
  },
  "notification.unreadCount": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.notification.unreadCount(),
    effect: ({ caller, result }) => expect(result).toBe(caller === "partyOfficial" ? 2 : caller === "collectiveMember" ? 1 : 0),
  },
  "notification.markRead": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.notification.markRead({}),
    effect: async ({ db, world, caller }) => {
      expect(await callerFor(db, personOf(world, caller)).notification.unreadCount()).toBe(0);
      // Someone else's notifications are untouched.
      if (caller !== "partyOfficial") expect(await callerFor(db, world.people.partyOfficial).notification.unreadCount()).toBe(2);
    },
  },
  "stage.propose": {
    expected: projectAction(["collectiveMember", "partyOfficial"]),
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
      const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.id, prepared.stageChangeId ?? ""));
      expect(proposal).toMatchObject({ status: "declined", decisionComment: "Pas encore." });
      const [relationship] = await db.select().from(relationships).where(eq(relationships.id, world.relationshipId));
      expect(relationship?.stage).toBe("observation");
    },
  },
  "stage.withdraw": {
    expected: projectAction(["collectiveMember"]),
    prepare: pendingProposal,
    call: (api, _world, _caller, prepared) => api.stage.withdraw({ stageChangeId: prepared.stageChangeId ?? "", comment: "" }),
    effect: async ({ db, prepared }) => {
      const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.id, prepared.stageChangeId ?? ""));
      expect(proposal?.status).toBe("withdrawn");
    },
  },
  "stage.addMediationNote": {
    expected: projectAction(["holdingModerator"]),
    prepare: pendingProposal,
    call: (api, _world, _caller, prepared) =>
      api.stage.addMediationNote({ stageChangeId: prepared.stageChangeId ?? "", text: "Retrouvons-nous au réseau jeudi." }),
    effect: async ({ db, world, prepared }) => {
      const notes = await db.select().from(mediationNotes).where(eq(mediationNotes.stageChangeId, prepared.stageChangeId ?? ""));
      expect(notes).toEqual([expect.objectContaining({ text: "Retrouvons-nous au réseau jeudi.", networkId: world.holdingNetwork.id })]);
    },
  },
  "moderation.report": {
    expected: projectAction(["collectiveMember", "partyOfficial", "unverifiedOfficial", "holdingModerator"]),
    call: (api, world) => api.moderation.report({ kind: "milestone", contentId: world.milestoneId, reason: "Ce jalon n'a pas eu lieu." }),
    effect: async ({ db, world, caller }) => {
      const reports = await db.select().from(contentReports).where(eq(contentReports.contentId, world.milestoneId));
      expect(reports).toEqual([expect.objectContaining({ contentKind: "milestone", status: "open", reporterId: personOf(world, caller)?.userId })]);
    },
  },
  "moderation.queue": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.partyOfficial).moderation.report({ kind: "milestone", contentId: world.milestoneId, reason: "Inexact." });
      return {};
    },
    call: (api) => api.moderation.queue(),
    effect: ({ world, caller, result }) => {
      const { reported } = result as { reported: { id: string; reports: { reason: string }[] }[] };
      const mine = reported.filter((content) => content.id === world.milestoneId);
      // The platform admin moderates the projects no network holds; this one is held.
      expect(mine).toEqual(caller === "holdingModerator" ? [expect.objectContaining({ reports: [expect.objectContaining({ reason: "Inexact." })] })] : []);
    },
  },
  "moderation.hide": {
    expected: projectAction(["holdingModerator", "platformAdmin"]),
    call: (api, world) => api.moderation.hide({ kind: "milestone", contentId: world.milestoneId, reason: "Propos injurieux." }),
    effect: async ({ db, world }) => {
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
      expect(milestone?.hiddenAt).not.toBeNull();
      const told = await db.select().from(notifications).where(and(eq(notifications.userId, world.people.collectiveMember.userId), eq(notifications.kind, "moderation")));
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
      const [report] = await db.select().from(contentReports).where(eq(contentReports.id, prepared.reportId ?? ""));
      expect(report).toMatchObject({ status: "dismissed", decisionReason: "Le jalon est attesté." });
    },
  },
  "moderation.contested": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.partyOfficial).milestone.contest({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "Pas ce jour-là." });
      return {};
    },
    call: (api) => api.moderation.contested(),
    effect: ({ world, caller, result }) => {
      const mine = (result as { milestoneId: string; comment: string }[]).filter((row) => row.milestoneId === world.milestoneId);
      expect(mine).toEqual(caller === "holdingModerator" ? [expect.objectContaining({ comment: "Pas ce jour-là." })] : []);
    },
  },
  "moderation.addMilestoneNote": {
    expected: projectAction(["holdingModerator"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.partyOfficial).milestone.contest({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "Pas ce jour-là." });
      return {};
    },
    call: (api, world) => api.moderation.addMilestoneNote({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, text: "Le compte rendu est daté du 12." }),
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
      const [party] = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherNetwork.id)));
      expect(party).toMatchObject({ role: "network", status: "invited" });
    },
  },
  "portfolio.answerInvitation": {
    expected: projectAction(["collectiveMember"]),
    prepare: async (db, world) => {
      await callerFor(db, world.people.platformAdmin).portfolio.invite({ networkId: world.otherNetwork.id, projectId: world.project.id });
      return {};
    },
    call: (api, world) => api.portfolio.answerInvitation({ projectId: world.project.id, networkId: world.otherNetwork.id, accept: true }),
    effect: async ({ db, world }) => {
      const [party] = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherNetwork.id)));
      expect(party?.status).toBe("active");
    },
  },
  "portfolio.leave": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", collectiveMember: "ok", holdingModerator: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.portfolio.leave({ projectId: world.project.id, networkId: world.holdingNetwork.id, reason: "Fin de l'accompagnement." }),
    effect: async ({ db, world }) => {
      const parties = await db
        .select()
        .from(projectParties)
        .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.holdingNetwork.id)));
      expect(parties).toEqual([]);
    },
  },
  "portfolio.myNetworks": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.portfolio.myNetworks(),
    effect: ({ world, caller, result }) => {
      const ids = (result as { id: string }[]).map((network) => network.id).filter((id) => id === world.holdingNetwork.id || id === world.otherNetwork.id);
      const expected: Partial<Record<CallerKind, string[]>> = {
        holdingModerator: [world.holdingNetwork.id],
        otherModerator: [world.otherNetwork.id],
        platformAdmin: [world.holdingNetwork.id, world.otherNetwork.id].sort(),
      };
      expect(ids.sort()).toEqual(expected[caller] ?? []);
    },
  },
  "portfolio.dashboard": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", holdingModerator: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.portfolio.dashboard({ networkId: world.holdingNetwork.id }),
    effect: ({ result }) => expect(result).toMatchObject({ projects: 1, relationships: { byStage: { observation: 1 }, total: 1 } }),
  },
  "portfolio.list": {
    expected: everyone("NOT_FOUND", { anonymous: "UNAUTHORIZED", holdingModerator: "ok", platformAdmin: "ok" }),
    call: (api, world) => api.portfolio.list({ networkId: world.holdingNetwork.id }),
    effect: ({ world, result }) =>
      expect(result).toMatchObject({ total: 1, rows: [expect.objectContaining({ projectId: world.project.id, stage: "observation" })] }),
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
    expected: projectAction(["collectiveMember", "partyOfficial"]),
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
    expected: projectAction(["collectiveMember"]),
    call: (api, world) => api.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { status: "cancelled" } }),
    effect: async ({ db, world }) => {
      const [milestone] = await db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
      expect(milestone).toMatchObject({ status: "cancelled", version: 2 });
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
    call: (api, world) =>
      api.milestone.contest({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "C'était en avril." }),
    effect: async ({ db, world }) => {
      const [link] = await db.select().from(milestoneRelationships).where(eq(milestoneRelationships.milestoneId, world.milestoneId));
      expect(link).toMatchObject({ confirmation: "contested", comment: "C'était en avril." });
    },
  },
  "barometer.answer": {
    expected: projectAction(["collectiveMember", "partyOfficial"]),
    call: (api, world, caller) =>
      api.barometer.answer({ relationshipId: world.relationshipId, as: sideOf(caller), answers: { curiosity: 4, trust: 2 } }),
    effect: async ({ db, world, caller }) => {
      const sets = await db.select().from(barometerAnswerSets).where(eq(barometerAnswerSets.relationshipId, world.relationshipId));
      expect(sets).toEqual([expect.objectContaining({ side: sideOf(caller), respondentId: personOf(world, caller)?.userId, answers: { curiosity: 4, trust: 2 } })]);
    },
  },
};

/** Route handlers outside tRPC, by their folder under app/. */
const ROUTE_HANDLERS: Record<string, { access: string; check?: () => Promise<void> }> = {
  "api/trpc/[trpc]": { access: "every procedure, through the matrix above" },
  "api/auth/[...nextauth]": { access: "Auth.js: sign-in, callback, session and sign-out for anyone" },
  "api/demo/connexion": { access: "demo mode only: 404 without it; anyone may pick a demo person with it" },
  "api/invitation/[token]": { access: "whoever holds a valid invitation link, from a page of this site (tests/integration/invitations.test.ts)" },
  "api/desabonnement": { access: "whoever holds a signed unsubscribe token; RFC 8058 one-click (tests/integration/email-notifications.test.ts)" },
  "api/calendrier/[token]": { access: "whoever holds an active token: 404 for an unknown or revoked one (tests/integration/calendar.test.ts)" },
  "api/reseaux/[id]/import": { access: "the network's moderators and admins, platform admins, from a page of this site: FILE_HANDLERS below" },
  "api/reseaux/[id]/export/[format]": { access: "the network's moderators and admins, platform admins: FILE_HANDLERS below" },
  "api/reseaux/modele-import": { access: "anyone: the same static template for all" },
  "api/banc/[vue]": { access: "404 unless BENCH_ROUTES=true; then the session's own projects only (tests/integration/bench-floor.test.ts)" },
  "api/sante": { access: "anyone: whether this instance and its database answer, and the migration count; nothing about any record" },
};

/** The portfolio's file handlers, per caller, as HTTP statuses; the same rule as portfolio.dashboard. */
const FILE_HANDLERS: Record<string, (db: Database, world: World, person: TestPerson | null) => Promise<Response>> = {
  "api/reseaux/[id]/import (dry run)": (db, world, person) => {
    const form = new FormData();
    form.set("fichier", new Blob(["identifiant;titre\r\nM-1;Projet de la matrice"]), "portefeuille.csv");
    form.set("mode", "apercu");
    const request = new Request(`http://127.0.0.1:3100/api/reseaux/${world.holdingNetwork.id}/import`, {
      method: "POST",
      body: form,
      headers: { origin: "http://127.0.0.1:3100", host: "127.0.0.1:3100" },
    });
    return answerImportRequest(db, person, world.holdingNetwork.id, request);
  },
  "api/reseaux/[id]/export/[format]": (db, world, person) => answerExportRequest(db, person, { networkId: world.holdingNetwork.id }, "csv"),
};
const FILE_STATUS = Object.fromEntries(
  CALLERS.map((caller) => [caller, caller === "anonymous" ? 401 : caller === "holdingModerator" || caller === "platformAdmin" ? 200 : 404]),
) as Record<CallerKind, number>;

function listRouteHandlers(directory: string, base = directory): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return listRouteHandlers(full, base);
    return /^route\.(ts|tsx)$/.test(entry) ? [path.relative(base, directory).split(path.sep).join("/")] : [];
  });
}

/** The callers with the most rights in their own world, short of platform admin. */
const FOREIGN_CALLERS = ["collectiveMember", "partyOfficial", "holdingModerator"] as const;

/** Procedures that take no id of a project, organisation or network: nothing foreign to pass. */
const TAKES_NO_FOREIGN_ID = [
  "territory.search",
  "territory.get",
  "account.get",
  "account.updateProfile",
  "account.emailPreferences",
  "account.setEmailPreference",
  "account.exportData",
  "account.delete",
  "audit.search",
  "organisation.createCollective",
  "organisation.joinAuthority",
  "organisation.listNetworks",
  "organisation.pendingVerifications",
  "organisation.createNetwork",
  "project.publicRequests",
  "project.listMine",
  "party.networkRequests",
  "moderation.queue",
  "moderation.contested",
  "portfolio.myNetworks",
  "calendar.feed",
  "calendar.renew",
  "calendar.revoke",
  "follow.list",
  "notification.list",
  "notification.unreadCount",
  // Called here without ids ("mark all"); with someone else's ids, see the test below.
  "notification.markRead",
];

function isMutation(procedure: string) {
  const definitions = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
  return definitions[procedure]?._def.type === "mutation";
}

async function auditRowsBy(db: Database, person: TestPerson | null) {
  if (!person) return 0;
  const rows = await db.select({ id: changeLog.id }).from(changeLog).where(eq(changeLog.actorId, person.userId));
  return rows.length;
}

async function outcomeOf(promise: Promise<unknown>): Promise<{ outcome: Outcome; result: unknown }> {
  try {
    return { outcome: "ok", result: await promise };
  } catch (error) {
    if (error instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(error.code)) {
      return { outcome: error.code as Outcome, result: error };
    }
    throw error;
  }
}

describe("authorization matrix", () => {
  const database = useTestDatabase();

  it("has an entry for every procedure of the app router, and none for a procedure that is gone", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(PROCEDURES).sort()).toEqual(procedures);
  });

  it("has an entry for every route handler under app/", () => {
    const handlers = listRouteHandlers(path.join(process.cwd(), "app")).sort();
    expect(Object.keys(ROUTE_HANDLERS).sort()).toEqual(handlers);
  });

  for (const [procedure, entry] of Object.entries(PROCEDURES)) {
    expect(Object.values(entry.expected)).toContain("ok");
    describe(procedure, () => {
      for (const caller of CALLERS) {
        const expected = entry.expected[caller];
        it(`${caller} → ${expected}`, async () => {
          const db = database.db;
          const world = await buildWorld(db);
          const prepared = (await entry.prepare?.(db, world)) ?? {};
          const api = callerFor(db, personOf(world, caller));
          const before = expected === "ok" ? null : await databaseFingerprint(db);
          const auditedBefore = await auditRowsBy(db, personOf(world, caller));
          const { outcome, result } = await outcomeOf(entry.call(api, world, caller, prepared));
          expect(outcome).toBe(expected);
          if (expected === "ok") {
            await entry.effect({ db, world, caller, result, prepared });
            // Every mutation leaves its audit row, written by the caller, in the same transaction.
            if (isMutation(procedure)) expect(await auditRowsBy(db, personOf(world, caller))).toBeGreaterThan(auditedBefore);
          } else expect(await databaseFingerprint(db)).toEqual(before);
        });
      }
    });
  }

  for (const [handler, call] of Object.entries(FILE_HANDLERS)) {
    describe(handler, () => {
      for (const caller of CALLERS) {
        it(`${caller} → ${FILE_STATUS[caller]}`, async () => {
          const db = database.db;
          const world = await buildWorld(db);
          const before = await databaseFingerprint(db);
          const answer = await call(db, world, personOf(world, caller));
          expect(answer.status).toBe(FILE_STATUS[caller]);
          if (answer.status === 200) expect((await answer.text()).length).toBeGreaterThan(0);
          // A dry run and an export write nothing, whoever asks.
          expect(await databaseFingerprint(db)).toEqual(before);
        });
      }
    });
  }

  // The same calls, by people with rights in their own project, with the ids of another one.
  describe("with an id from another project, organisation or network", () => {
    for (const [procedure, entry] of Object.entries(PROCEDURES)) {
      if (TAKES_NO_FOREIGN_ID.includes(procedure)) continue;
      it(`${procedure} → NOT_FOUND, nothing changed`, async () => {
        const db = database.db;
        const own = await buildWorld(db);
        const elsewhere = await buildWorld(db);
        const prepared = (await entry.prepare?.(db, elsewhere)) ?? {};
        const before = await databaseFingerprint(db);
        for (const caller of FOREIGN_CALLERS) {
          const { outcome } = await outcomeOf(entry.call(callerFor(db, own.people[caller]), elsewhere, caller, prepared));
          expect({ caller, outcome }).toEqual({ caller, outcome: "NOT_FOUND" });
        }
        expect(await databaseFingerprint(db)).toEqual(before);
      });
    }
  });

  it("notification.markRead with someone else's notification ids → NOT_FOUND, nothing changed", async () => {
    const db = database.db;
    const own = await buildWorld(db);
    const elsewhere = await buildWorld(db);
    const theirs = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, elsewhere.people.partyOfficial.userId));
    expect(theirs.length).toBeGreaterThan(0);
    const before = await databaseFingerprint(db);
    const { outcome } = await outcomeOf(callerFor(db, own.people.partyOfficial).notification.markRead({ ids: theirs.map((row) => row.id) }));
    expect(outcome).toBe("NOT_FOUND");
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  describe("api/demo/connexion", () => {
    it("answers 404 without demo mode, whoever asks", async () => {
      const db = database.db;
      const before = await databaseFingerprint(db);
      const answer = await startDemoSession(db, { demoMode: false, email: "elise.morel@demo.maillage.test" });
      expect(answer).toEqual({ status: 404 });
      expect(await databaseFingerprint(db)).toEqual(before);
    });

    it("opens a session for a demo person in demo mode, and for nobody else", async () => {
      const db = database.db;
      const person = await makePerson(db);
      const refused = await startDemoSession(db, { demoMode: true, email: person.email });
      expect(refused).toEqual({ status: 404 });
      await db.insert(users).values({ email: "camille.roux@demo.maillage.test", name: "Camille Roux" }).onConflictDoNothing();
      const answer = await startDemoSession(db, { demoMode: true, email: "camille.roux@demo.maillage.test" });
      expect(answer.status).toBe(200);
      if (answer.status !== 200) return;
      const [session] = await db.query.sessions.findMany({
        where: (sessions, { eq: equals }) => equals(sessions.sessionToken, answer.sessionToken),
      });
      expect(session?.expires.getTime()).toBeGreaterThan(Date.now());
      const [owner] = await db.select().from(users).where(and(eq(users.id, session?.userId ?? "")));
      expect(owner?.email).toBe("camille.roux@demo.maillage.test");
    });
  });
});
