// The authorization matrix for the queries of the app router: each entry states, as literal outcomes,
// what each kind of caller gets; allowed calls have their effect asserted, denied calls leave the
// database unchanged (the harness: tests/support/authorization-matrix.ts).
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { follows, projects } from "@/db/schema";
import { describeAuthorizationMatrix, everyone, projectAction, readProject, type Entry } from "../support/authorization-matrix";
import { useTestDatabase } from "../support/db";
import { callerFor } from "../support/factories";
import { pendingHandover, pendingInvitation, personOf, type CallerKind } from "../support/world";

const QUERIES: Record<string, Entry> = {
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
  "account.emailPreferences": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.emailPreferences(),
    effect: ({ result }) =>
      expect(result).toEqual(
        expect.arrayContaining([
          { kind: "mention", frequency: "immediate" },
          // What asks for an answer comes at once; the rest waits for Monday's digest.
          { kind: "milestone_recorded", frequency: "immediate" },
          { kind: "milestone_confirmed", frequency: "weekly" },
        ]),
      ),
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
  "organisation.pendingVerifications": {
    expected: everyone("FORBIDDEN", { anonymous: "UNAUTHORIZED", platformAdmin: "ok" }),
    call: (api) => api.organisation.pendingVerifications(),
    effect: ({ world, result }) => expect(result).toEqual(expect.arrayContaining([expect.objectContaining({ membershipId: world.pendingMembership.id })])),
  },
  "organisation.listNetworks": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.organisation.listNetworks(),
    effect: ({ world, result }) => expect(result).toEqual(expect.arrayContaining([{ id: world.holdingNetwork.id, name: world.holdingNetwork.name }])),
  },
  "project.get": {
    expected: readProject("NOT_FOUND"),
    call: (api, world) => api.project.get({ projectId: world.project.id }),
    effect: ({ world, caller, result }) => {
      const holder = caller === "collectiveMember" || caller === "coHolderMember";
      expect(result).toMatchObject({
        title: "Tiers-lieu de la matrice",
        // The decisions the page shows as they are: the same rules as the mutations' entries.
        can: {
          edit: holder,
          invite: holder || caller === "holdingModerator",
          comment: holder || ["partyOfficial", "holdingModerator"].includes(caller),
          readComments: holder || ["partyOfficial", "holdingModerator", "platformAdmin"].includes(caller),
          leaveNetworks: holder || caller === "holdingModerator" ? [expect.any(String)] : [],
          // Each holder's admin manages the holders, and may withdraw their own structure while the other holds it.
          manageHolders: holder,
          leaveHolding: caller === "collectiveMember" ? [world.collective.id] : caller === "coHolderMember" ? [world.coHolder.id] : [],
        },
        holders: [
          expect.objectContaining({ organisationId: world.collective.id, contact: true, status: "active" }),
          expect.objectContaining({ organisationId: world.coHolder.id, contact: false, status: "active" }),
        ],
      });
    },
  },
  "project.overview": {
    expected: readProject("NOT_FOUND"),
    call: (api, world) => api.project.overview({ projectId: world.project.id }),
    effect: ({ world, caller, result }) => {
      const overview = result as {
        relationships: { id: string; stage: string; can: { sides: string[] } }[];
        milestones: { id: string; canChangeStatus: boolean; relationships: { canAnswer: boolean }[] }[];
      };
      expect(overview.relationships).toEqual([expect.objectContaining({ id: world.relationshipId, stage: "observation" })]);
      expect(overview.milestones.map((milestone) => milestone.id)).toEqual([world.milestoneId]);
      // Who acts for which side, decided by the service: the collective recorded the milestone, the commune answers it;
      // both holding structures' members speak for the collective side.
      const holder = caller === "collectiveMember" || caller === "coHolderMember";
      const sides = holder ? ["collective"] : caller === "partyOfficial" ? ["authority"] : [];
      expect(overview.relationships[0]?.can.sides).toEqual(sides);
      expect(overview.milestones[0]?.canChangeStatus).toBe(holder);
      expect(overview.milestones[0]?.relationships.map((link) => link.canAnswer)).toEqual([caller === "partyOfficial"]);
    },
  },
  "project.history": {
    expected: readProject("UNAUTHORIZED"),
    call: (api, world) => api.project.history({ projectId: world.project.id }),
    effect: ({ world, caller, result }) =>
      expect(result).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: "create",
            entityId: world.project.id,
            // People's addresses are the parties'; an official of the territory reads names only.
            actorEmail: caller === "territoryOfficial" ? null : world.people.collectiveMember.email,
          }),
        ]),
      ),
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
  "project.listMine": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.project.listMine(),
    effect: ({ world, caller, result }) => {
      const ids = (result as { id: string }[]).map((project) => project.id);
      const parties: CallerKind[] = ["collectiveMember", "coHolderMember", "partyOfficial", "holdingModerator"];
      if (parties.includes(caller)) expect(ids).toContain(world.project.id);
      else expect(ids).not.toContain(world.project.id);
    },
  },
  "territory.councilPack": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedPartyOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    call: (api, world) => api.territory.councilPack({ authorityId: world.authority.id }),
    effect: ({ world, result }) => {
      const pack = result as { projects: { id: string; stage: string | null }[] };
      expect(pack.projects).toEqual([expect.objectContaining({ id: world.project.id, stage: "observation" })]);
    },
  },
  "project.listForTerritory": {
    expected: everyone("NOT_FOUND", {
      anonymous: "UNAUTHORIZED",
      partyOfficial: "ok",
      unverifiedPartyOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    }),
    call: (api, world) => api.project.listForTerritory({ authorityId: world.authority.id }),
    effect: ({ world, result }) => {
      const { projects: listed } = result as { projects: { id: string }[] };
      expect(listed.map((project) => project.id)).toEqual([world.project.id]);
    },
  },
  "project.listPublic": {
    // Public projects are for anyone to read, signed in or not.
    expected: everyone("ok"),
    prepare: async (db, world) => {
      await db.update(projects).set({ visibility: "public" }).where(eq(projects.id, world.project.id));
      return {};
    },
    call: (api, world) => api.project.listPublic({ query: world.collective.name }),
    effect: ({ world, caller, result }) => {
      const { projects: listed } = result as { projects: { id: string; withMyNetworks: { networkId: string; status: string | null }[] }[] };
      const found = listed.find((project) => project.id === world.project.id);
      // Where the project stands with a network is said to that network's moderators alone.
      const expected =
        caller === "holdingModerator"
          ? [{ networkId: world.holdingNetwork.id, status: "active" }]
          : caller === "otherModerator"
            ? [{ networkId: world.otherNetwork.id, status: null }]
            : [];
      expect(found?.withMyNetworks.map(({ networkId, status }) => ({ networkId, status }))).toEqual(expected);
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
  "portfolio.handovers": {
    // The collective's members see what networks ask of it; platform admins see every organisation.
    expected: everyone("NOT_FOUND", { collectiveMember: "ok", platformAdmin: "ok", anonymous: "UNAUTHORIZED" }),
    prepare: pendingHandover,
    call: (api, world) => api.portfolio.handovers({ collectiveId: world.collective.id }),
    effect: ({ prepared, result }) => expect(result).toEqual([expect.objectContaining({ id: prepared.handoverId, projectTitle: "Recyclerie importée" })]),
  },
  "invitation.list": {
    expected: projectAction(["collectiveMember", "coHolderMember", "holdingModerator"]),
    prepare: pendingInvitation,
    call: (api, world) => api.invitation.list({ projectId: world.project.id }),
    effect: ({ prepared, result }) =>
      expect(result).toEqual([expect.objectContaining({ id: prepared.invitationId, email: "adjoint@mairie.test", state: "pending" })]),
  },
  "comment.list": {
    expected: { ...projectAction(["collectiveMember", "coHolderMember", "partyOfficial", "holdingModerator", "platformAdmin"]) },
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
    expected: projectAction(["collectiveMember", "coHolderMember", "partyOfficial", "holdingModerator"]),
    call: (api, world) => api.comment.mentionable({ projectId: world.project.id }),
    effect: ({ world, result }) => {
      const ids = (result as { id: string }[]).map((person) => person.id);
      expect(ids).toEqual(
        expect.arrayContaining([world.people.collectiveMember.userId, world.people.partyOfficial.userId, world.people.holdingModerator.userId]),
      );
      expect(ids).not.toContain(world.people.territoryOfficial.userId);
    },
  },
  "follow.list": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).follow.set({ projectId: world.project.id, follow: true });
      // Last looked at before the official confirmed the starting stage: that is what is new.
      await db
        .update(follows)
        .set({ lastVisitedAt: new Date("2020-01-01") })
        .where(eq(follows.userId, world.people.collectiveMember.userId));
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
  "holder.searchCollectives": {
    expected: projectAction(["collectiveMember", "coHolderMember"]),
    call: (api, world) => api.holder.searchCollectives({ projectId: world.project.id, query: world.otherCollective.name }),
    effect: ({ world, result }) => {
      // The collectives already holding the project are not offered again.
      expect(result).toEqual([expect.objectContaining({ id: world.otherCollective.id })]);
    },
  },
  "holder.invitations": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.collectiveMember).holder.invite({ projectId: world.project.id, structure: { collectiveId: world.otherCollective.id } });
      return {};
    },
    call: (api) => api.holder.invitations(),
    effect: ({ world, caller, result }) => {
      const waiting = (result as { projectId: string }[]).filter((invitation) => invitation.projectId === world.project.id);
      expect(waiting).toEqual(caller === "otherCollectiveMember" ? [expect.objectContaining({ organisationId: world.otherCollective.id })] : []);
    },
  },
  "observatory.page": {
    // Public figures, the same for everyone: no project that is not public is named.
    expected: everyone("ok"),
    call: (api, world) => api.observatory.page({ level: "commune", code: world.commune.code }),
    effect: ({ world, result }) => {
      const page = result as { place: { name: string }; publicProjects: { id: string }[] };
      expect(page.place.name).toBe(world.commune.name);
      expect(page.publicProjects.map((project) => project.id)).not.toContain(world.project.id);
    },
  },
  "desk.awaiting": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.desk.awaiting(),
    effect: ({ world, caller, result }) => {
      // The world's milestone waits for the commune's answer: its verified official's, nobody else's.
      const keys = (result as { items: { key: string }[] }).items.map((item) => item.key);
      const milestone = `milestone-${world.milestoneId}-${world.relationshipId}`;
      if (caller === "partyOfficial") expect(keys).toContain(milestone);
      else expect(keys).not.toContain(milestone);
      // The unverified member's claim is the commune admin's to verify (and a platform admin's only where no admin is verified).
      const claim = `membership-${world.pendingMembership.id}`;
      if (caller === "partyOfficial") expect(keys).toContain(claim);
      else expect(keys).not.toContain(claim);
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
        // The commune confirmed the starting stage: told to both holding structures.
        collectiveMember: ["stage_confirmed"],
        coHolderMember: ["stage_confirmed"],
      };
      expect(kinds).toEqual(expectedKinds[caller] ?? []);
    },
  },
  "notification.unreadCount": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.notification.unreadCount(),
    // The official's unread: the milestone recorded (the starting stage's notice was read when they confirmed it).
    effect: ({ caller, result }) => expect(result).toBe(["partyOfficial", "collectiveMember", "coHolderMember"].includes(caller) ? 1 : 0),
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
  "moderation.contested": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    prepare: async (db, world) => {
      await callerFor(db, world.people.partyOfficial).milestone.contest({
        milestoneId: world.milestoneId,
        relationshipId: world.relationshipId,
        comment: "Pas ce jour-là.",
      });
      return {};
    },
    call: (api) => api.moderation.contested(),
    effect: ({ world, caller, result }) => {
      const mine = (result as { milestoneId: string; comment: string }[]).filter((row) => row.milestoneId === world.milestoneId);
      expect(mine).toEqual(caller === "holdingModerator" ? [expect.objectContaining({ comment: "Pas ce jour-là." })] : []);
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
};

describe("authorization matrix: queries", () => {
  const database = useTestDatabase();
  describeAuthorizationMatrix("query", QUERIES, database);
});
