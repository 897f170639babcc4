// What a person is to one project, and the rules of acting inside it.
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import { type Side } from "@/server/domain/gradient";
import { memberships, organisations, projectCommunes, projectParties, projects, territories } from "@/db/schema";
import { forbidden, notFound, type ErrorKey } from "@/server/errors";
import { requireActor, speaksForNetwork, type Actor } from "./actor";
import { communeWithinTerritory } from "./visibility";

export async function assertCanReadProject(db: DbOrTx, actor: Actor | null, projectId: string) {
  return loadProjectAccess(db, actor, projectId);
}

/** Editing a project file: the members of its lead collective. */
export async function assertCanEditProject(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await loadProjectAccess(db, actor, projectId);
  return { access, actor: assertCollectiveSide(access) };
}

// ── Inside a project: who acts for which side ───────────────────────────────────────────────────

/** What a person is to one project, gathered once per call and read by the rules below. */
export type ProjectAccess = {
  actor: Actor | null;
  projectId: string;
  leadCollectiveId: string;
  visibility: "parties" | "territory" | "public";
  isCollectiveMember: boolean;
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
      leadCollectiveId: projects.leadCollectiveId,
      visibility: projects.visibility,
      organisationId: projectParties.organisationId,
      role: projectParties.role,
      membershipRole: memberships.role,
      verifiedAt: memberships.verifiedAt,
    })
    .from(projects)
    .leftJoin(projectParties, and(eq(projectParties.projectId, projects.id), eq(projectParties.status, "active")))
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
    leadCollectiveId: project.leadCollectiveId,
    visibility: project.visibility,
    isPlatformAdmin: actor?.isPlatformAdmin ?? false,
  };
  if (!actor) {
    if (project.visibility !== "public") throw notFound(missing);
    return { ...base, isCollectiveMember: false, authorities: [], awaitingVerification: [], moderatedNetworks: [], publicOnly: true };
  }
  const memberRows = rows.flatMap(({ organisationId, role, membershipRole, verifiedAt }) =>
    organisationId !== null && role !== null && membershipRole !== null ? [{ organisationId, role, membershipRole, verifiedAt }] : [],
  );
  // An unverified membership of a party authority grants nothing (membershipCounts): it is only
  // kept to tell the person why they may not act yet.
  const awaitingVerification = memberRows.filter((row) => row.role === "authority" && row.verifiedAt === null).map((row) => row.organisationId);
  const partyMemberships = memberRows.filter((row) => row.role !== "authority" || row.verifiedAt !== null);
  const access: ProjectAccess = {
    ...base,
    isCollectiveMember: partyMemberships.some((row) => row.role === "lead"),
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

/** Acting for the collective side: the members of the lead collective. */
export function assertCollectiveSide(access: ProjectAccess) {
  if (!access.isCollectiveMember) throw forbidden("collectiveMembersOnly");
  return requireActor(access.actor);
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

/** The parties' people: members of the lead collective, of a party authority, of a holding network. */
export function isProjectParty(access: ProjectAccess): boolean {
  return access.isCollectiveMember || access.authorities.length > 0 || access.moderatedNetworks.length > 0;
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

/** Inviting officials to the project and seeing who was invited: the lead collective and the holding networks' moderators. */
export function canInvite(access: ProjectAccess): boolean {
  return access.isCollectiveMember || access.moderatedNetworks.length > 0;
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
