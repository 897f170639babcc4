// What a person is to one project, and the rules of acting inside it.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import { type Side } from "@/server/domain/gradient";
import { memberships, organisations, projectCommunes, projectParties, projects, territories } from "@/db/schema";
import { forbidden, notFound, type ErrorKey } from "@/server/errors";
import { requireActor, speaksForNetwork, type Actor } from "./actor";
import { communeWithinTerritory, membershipCounts } from "./visibility";

export async function assertCanReadProject(db: DbOrTx, actor: Actor | null, projectId: string) {
  return loadProjectAccess(db, actor, projectId);
}

/** Editing a project file: the members of its holding structures. */
export async function assertCanEditProject(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await loadProjectAccess(db, actor, projectId);
  return { access, actor: assertCollectiveSide(access) };
}

// ── Inside a project: who acts for which side ───────────────────────────────────────────────────

/** What a person is to one project, gathered once per call and read by the rules below. */
export type ProjectAccess = {
  actor: Actor | null;
  projectId: string;
  contactHolderId: string;
  visibility: "parties" | "territory" | "public";
  /** The project's active holding structures the person speaks for (verified, for a public body): contact first. */
  holderIds: string[];
  /** Among them, those where the person is an admin: who invites, answers for and withdraws a structure. */
  holderAdminOf: string[];
  isHolderMember: boolean;
  /** The party authorities the person is a verified member of. */
  authorities: { authorityId: string; verified: true }[];
  /** The party authorities where the person's membership waits to be verified: it grants nothing. */
  awaitingVerification: string[];
  /** The networks holding the project where the person is a moderator or an admin. */
  moderatedNetworks: string[];
  isPlatformAdmin: boolean;
  /** Reads the project only because it is public: no barometer answers, no private contacts. */
  publicOnly: boolean;
};

const projectAccessStatement = preparedPerHandle((db) =>
  db
    .select({
      contactHolderId: projects.contactHolderId,
      visibility: projects.visibility,
      organisationId: projectParties.organisationId,
      organisationKind: organisations.kind,
      role: projectParties.role,
      joinedAt: projectParties.createdAt,
      membershipRole: memberships.role,
      verifiedAt: memberships.verifiedAt,
    })
    .from(projects)
    .leftJoin(projectParties, and(eq(projectParties.projectId, projects.id), eq(projectParties.status, "active")))
    .leftJoin(organisations, eq(organisations.id, projectParties.organisationId))
    .leftJoin(memberships, and(eq(memberships.organisationId, projectParties.organisationId), eq(memberships.userId, sql.placeholder("userId"))))
    .where(eq(projects.id, sql.placeholder("projectId")))
    .prepare("project_access"),
);

/**
 * Loads what the person is to the project; NOT_FOUND when they may not read it at all. A record
 * reached through its project (a milestone, a comment…) passes its own `missing` message: an id
 * that exists in a project one cannot read answers as an id that exists nowhere.
 */
export async function loadProjectAccess(db: DbOrTx, actor: Actor | null, projectId: string, missing: ErrorKey = "projectNotFound"): Promise<ProjectAccess> {
  // The project and the person's memberships of its active parties, in one statement: a row per
  // party (a project has a handful), with the membership where the person has one.
  const rows = await projectAccessStatement(db).execute({ projectId, userId: actor?.userId ?? "" });
  const [project] = rows;
  if (!project) throw notFound(missing);
  const base = {
    actor,
    projectId,
    contactHolderId: project.contactHolderId,
    visibility: project.visibility,
    isPlatformAdmin: actor?.isPlatformAdmin ?? false,
  };
  if (!actor) {
    if (project.visibility !== "public") throw notFound(missing);
    return {
      ...base,
      holderIds: [],
      holderAdminOf: [],
      isHolderMember: false,
      authorities: [],
      awaitingVerification: [],
      moderatedNetworks: [],
      publicOnly: true,
    };
  }
  const memberRows = rows.flatMap(({ organisationId, organisationKind, role, joinedAt, membershipRole, verifiedAt }) =>
    organisationId !== null && organisationKind !== null && role !== null && joinedAt !== null && membershipRole !== null
      ? [{ organisationId, organisationKind, role, joinedAt, membershipRole, verifiedAt }]
      : [],
  );
  // An unverified membership of an authority grants nothing (membershipCounts), whether the
  // authority is a party or a holder: it is only kept to tell the person why they may not act yet.
  const unverified = memberRows.filter((row) => row.organisationKind === "authority" && row.verifiedAt === null);
  const awaitingVerification = unverified.map((row) => row.organisationId);
  const partyMemberships = memberRows.filter((row) => row.organisationKind !== "authority" || row.verifiedAt !== null);
  const holderMemberships = partyMemberships
    .filter((row) => row.role === "holder")
    .sort(
      (a, b) =>
        Number(b.organisationId === project.contactHolderId) - Number(a.organisationId === project.contactHolderId) ||
        a.joinedAt.getTime() - b.joinedAt.getTime() ||
        a.organisationId.localeCompare(b.organisationId),
    );
  const access: ProjectAccess = {
    ...base,
    holderIds: holderMemberships.map((row) => row.organisationId),
    holderAdminOf: holderMemberships.filter((row) => row.membershipRole === "admin").map((row) => row.organisationId),
    isHolderMember: holderMemberships.length > 0,
    authorities: partyMemberships.filter((row) => row.role === "authority").map((row) => ({ authorityId: row.organisationId, verified: true as const })),
    awaitingVerification,
    moderatedNetworks: partyMemberships.filter((row) => row.role === "network" && speaksForNetwork(row.membershipRole)).map((row) => row.organisationId),
    publicOnly: false,
  };
  if (access.isPlatformAdmin || partyMemberships.length > 0) return access;
  if (project.visibility !== "parties" && (await readsThroughTerritory(db, actor, projectId))) return access;
  if (project.visibility === "public") return { ...access, publicOnly: true };
  throw notFound(missing);
}

async function readsThroughTerritory(db: DbOrTx, actor: Actor, projectId: string): Promise<boolean> {
  const authorityTerritory = alias(territories, "reader_authority_territory");
  const projectCommune = alias(territories, "reader_project_commune");
  const [row] = await db
    .select({ one: sql`1` })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(authorityTerritory, eq(authorityTerritory.id, organisations.territoryId))
    .innerJoin(projectCommunes, eq(projectCommunes.projectId, projectId))
    .innerJoin(projectCommune, eq(projectCommune.id, projectCommunes.communeId))
    .where(and(eq(memberships.userId, actor.userId), isNotNull(memberships.verifiedAt), communeWithinTerritory(projectCommune, authorityTerritory)))
    .limit(1);
  return row !== undefined;
}

/**
 * Whether the person speaks for one of the project's active holding structures, without needing to
 * read the project: a network's moderator and a holder may both end an accompaniment still requested.
 */
export async function speaksForAHolder(db: DbOrTx, actor: Actor, projectId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql`1` })
    .from(projectParties)
    .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
    .innerJoin(memberships, and(eq(memberships.organisationId, projectParties.organisationId), eq(memberships.userId, actor.userId)))
    .where(
      and(
        eq(projectParties.projectId, projectId),
        eq(projectParties.role, "holder"),
        eq(projectParties.status, "active"),
        membershipCounts(organisations.kind, memberships.verifiedAt),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Acting for the collective side: the members of the holding structures. */
export function assertCollectiveSide(access: ProjectAccess) {
  if (!access.isHolderMember) throw forbidden("collectiveMembersOnly");
  return requireActor(access.actor);
}

/**
 * The structure a person speaks for on one side: the authority itself, or — for the collective
 * side — the holding structure they belong to, the contact first when they belong to several.
 */
export function speakingStructure(access: ProjectAccess, side: Side, authorityId: string): string | null {
  return side === "collective" ? (access.holderIds[0] ?? null) : authorityId;
}

/** Acting in an authority's name in this project: its verified members. */
export function assertAuthoritySide(access: ProjectAccess, authorityId: string) {
  if (access.awaitingVerification.includes(authorityId)) {
    throw forbidden("verifyToActForAuthority");
  }
  if (!access.authorities.some((authority) => authority.authorityId === authorityId)) {
    throw forbidden("authorityMembersOnly");
  }
  return requireActor(access.actor);
}

/** Acting for one side of a relationship (project × authority). */
export function assertActsFor(access: ProjectAccess, side: Side, authorityId: string) {
  return side === "collective" ? assertCollectiveSide(access) : assertAuthoritySide(access, authorityId);
}

/** Mediation: the moderators of a network that holds the project. */
export function assertHoldingModerator(access: ProjectAccess) {
  const networkId = access.moderatedNetworks[0];
  if (!networkId) throw forbidden("holdingModeratorsOnly");
  return { actor: requireActor(access.actor), networkId };
}

/** The parties' people: members of the holding structures, of a party authority, of a holding network. */
export function isProjectParty(access: ProjectAccess): boolean {
  return access.isHolderMember || access.authorities.length > 0 || access.moderatedNetworks.length > 0;
}

/**
 * Moderating a project's content (hiding, restoring, answering reports): the moderators of a
 * network that holds the project, or a platform admin.
 */
export function canModerateProject(access: ProjectAccess): boolean {
  return access.moderatedNetworks.length > 0 || access.isPlatformAdmin;
}

export function assertCanModerateProject(access: ProjectAccess) {
  if (!canModerateProject(access)) throw forbidden("holdingModeratorsOnly");
  return requireActor(access.actor);
}

/** Reporting a comment or a milestone: any of the project's parties. */
export function assertCanReport(access: ProjectAccess) {
  if (!isProjectParty(access)) throw forbidden("onlyPartiesReport");
  return requireActor(access.actor);
}

/** The discussion thread is the parties': they read and write it; platform admins read it. */
export function assertCanReadComments(access: ProjectAccess) {
  if (!isProjectParty(access) && !access.isPlatformAdmin) throw forbidden("discussionForParties");
  return requireActor(access.actor);
}

export function assertCanComment(access: ProjectAccess) {
  if (!isProjectParty(access)) throw forbidden("onlyPartiesDiscuss");
  return requireActor(access.actor);
}

/** Inviting officials to the project and seeing who was invited: the holding structures and the holding networks' moderators. */
export function canInvite(access: ProjectAccess): boolean {
  return access.isHolderMember || access.moderatedNetworks.length > 0;
}

export function assertCanInvite(access: ProjectAccess) {
  if (!canInvite(access)) throw forbidden("onlyHoldersInvite");
  return requireActor(access.actor);
}

/**
 * Inviting people to the lead collective: the same people as canInvite; only a holding network's
 * moderators make someone its admin (a collective's own admins name admins from its page).
 */
export function canInviteCollectiveAdmins(access: ProjectAccess): boolean {
  return access.moderatedNetworks.length > 0;
}

export function assertCanInviteToCollective(access: ProjectAccess, role: "admin" | "member") {
  const inviter = assertCanInvite(access);
  if (role === "admin" && !canInviteCollectiveAdmins(access)) throw forbidden("onlyModeratorsInviteAdmins");
  return inviter;
}

/** Inviting another structure to co-hold the project, withdrawing that invitation, naming the contact: the holders' admins. */
export function canManageHolders(access: ProjectAccess): boolean {
  return access.holderAdminOf.length > 0;
}

export function assertCanManageHolders(access: ProjectAccess) {
  if (!canManageHolders(access)) throw forbidden("holderAdminsOnly");
  return requireActor(access.actor);
}

/** Withdrawing a structure from holding the project: that structure's own admins. */
export function assertHolderAdmin(access: ProjectAccess, organisationId: string) {
  if (!access.holderAdminOf.includes(organisationId)) throw forbidden("ownStructureOnly");
  return requireActor(access.actor);
}
