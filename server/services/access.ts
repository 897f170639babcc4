// Who may see and do what: every access rule of the app lives in this file, and every service asks it.
import { and, eq, exists, inArray, isNotNull, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import { otherSide, type Side } from "@/server/domain/gradient";
import type { MembershipRole } from "@/server/domain/organisations";
import { memberships, organisations, projectCommunes, projectParties, projects, territories } from "@/db/schema";
import { DomainError, forbidden, notFound } from "@/server/errors";

/** The signed-in person a service acts for. */
export type Actor = { userId: string; isPlatformAdmin: boolean };

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError("UNAUTHORIZED", "Connectez-vous pour continuer.");
  return actor;
}

export function requirePlatformAdmin(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isPlatformAdmin) throw forbidden("Réservé aux administrateurs de la plateforme.");
  return signedIn;
}

/** The roles that speak for a support network: its moderators and its admins. */
const NETWORK_SPEAKERS: MembershipRole[] = ["moderator", "admin"];

export function speaksForNetwork(role: MembershipRole | null | undefined): boolean {
  return role !== null && role !== undefined && NETWORK_SPEAKERS.includes(role);
}

/** speaksForNetwork, as SQL on a membership's role column. */
export function speaksForNetworkSql(role: AnyPgColumn): SQL {
  return inArray(role, NETWORK_SPEAKERS);
}

/**
 * The networks a person speaks for, as SQL on `organisations.id`: every network for a platform
 * admin. `organisations` must be the network's row in the query.
 */
export function networkSpokenForBy(db: DbOrTx, actor: Actor): SQL {
  if (actor.isPlatformAdmin) return eq(organisations.kind, "network");
  const speaker = alias(memberships, "network_speaker");
  return and(
    eq(organisations.kind, "network"),
    exists(
      db
        .select({ one: sql`1` })
        .from(speaker)
        .where(and(eq(speaker.organisationId, organisations.id), eq(speaker.userId, actor.userId), speaksForNetworkSql(speaker.role))),
    ),
  ) as SQL;
}

/**
 * The projects whose content a person moderates, as SQL on `projects.id`: those an active network
 * of theirs holds, and — for a platform admin — those no network holds. Also who reviews a
 * request to go public.
 */
export function projectsModeratedBy(db: DbOrTx, actor: Actor): SQL {
  const holding = alias(projectParties, "moderated_holding");
  const moderator = alias(memberships, "moderated_by");
  const viaNetwork = db
    .select({ one: sql`1` })
    .from(holding)
    .innerJoin(moderator, eq(moderator.organisationId, holding.organisationId))
    .where(
      and(
        eq(holding.projectId, projects.id),
        eq(holding.role, "network"),
        eq(holding.status, "active"),
        eq(moderator.userId, actor.userId),
        speaksForNetworkSql(moderator.role),
      ),
    );
  if (!actor.isPlatformAdmin) return exists(viaNetwork);
  const anyNetwork = db
    .select({ one: sql`1` })
    .from(holding)
    .where(and(eq(holding.projectId, projects.id), eq(holding.role, "network"), eq(holding.status, "active")));
  return sql`(${exists(viaNetwork)} or not ${exists(anyNetwork)})`;
}

async function findMembership(db: DbOrTx, userId: string, organisationId: string) {
  const [row] = await db
    .select({
      id: memberships.id,
      role: memberships.role,
      verifiedAt: memberships.verifiedAt,
      kind: organisations.kind,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  return row ?? null;
}

/**
 * Members see their organisation; others get NOT_FOUND (platform admins see every one).
 * Returns the caller's membership, or null for a platform admin who is not a member.
 */
export async function assertCanSeeOrganisation(db: DbOrTx, actor: Actor | null, organisationId: string, missing = "Organisation introuvable.") {
  const signedIn = requireActor(actor);
  const membership = await findMembership(db, signedIn.userId, organisationId);
  if (!membership && !signedIn.isPlatformAdmin) throw notFound(missing);
  return membership;
}

type MembershipFacts = Awaited<ReturnType<typeof findMembership>>;

function whyCannotManage(actor: Actor, membership: MembershipFacts): string | null {
  if (actor.isPlatformAdmin) return null;
  if (membership?.role !== "admin") return "Seuls les administrateurs de l'organisation peuvent faire cela.";
  if (membership.kind === "authority" && !membership.verifiedAt) {
    return "Votre rôle dans cette collectivité n'est pas encore vérifié.";
  }
  return null;
}

/**
 * Acting in an organisation's name (adding people, verifying them): its admins — who, for an
 * authority, must be verified — or a platform admin.
 */
export async function assertCanManageOrganisation(db: DbOrTx, actor: Actor | null, organisationId: string, missing?: string) {
  const signedIn = requireActor(actor);
  const membership = await assertCanSeeOrganisation(db, signedIn, organisationId, missing);
  const why = whyCannotManage(signedIn, membership);
  if (why) throw forbidden(why);
}

export async function canManageOrganisation(db: DbOrTx, actor: Actor, organisationId: string): Promise<boolean> {
  return whyCannotManage(actor, await findMembership(db, actor.userId, organisationId)) === null;
}

/** Creating a project in a collective's name: any of its members. */
export async function assertCanActForCollective(db: DbOrTx, actor: Actor | null, collectiveId: string) {
  const signedIn = requireActor(actor);
  const membership = await findMembership(db, signedIn.userId, collectiveId);
  if (!membership || membership.kind !== "collective") throw notFound("Collectif introuvable.");
}

/**
 * Reading an authority's territory view: its verified members, or a platform admin. An unverified
 * member knows the authority exists, so is told why; anyone else gets NOT_FOUND.
 */
export async function assertCanFollowTerritoryOf(db: DbOrTx, actor: Actor | null, authorityId: string) {
  const signedIn = requireActor(actor);
  const membership = await assertCanSeeOrganisation(db, signedIn, authorityId);
  if (signedIn.isPlatformAdmin) return;
  if (membership?.kind !== "authority") throw notFound("Collectivité introuvable.");
  if (!membership.verifiedAt) {
    throw forbidden("Votre rôle dans cette collectivité doit être vérifié pour suivre son territoire.");
  }
}

type TerritoryColumns = Record<"id" | "kind" | "code" | "epciCode" | "departementCode" | "regionCode", AnyPgColumn>;

/** True when `commune` lies within `territory`: the commune itself, its EPCI, its département or its région. */
export function communeWithinTerritory(commune: TerritoryColumns, territory: TerritoryColumns): SQL {
  return sql`(
    ${territory.id} = ${commune.id}
    or (${territory.kind} = 'epci' and ${commune.epciCode} = ${territory.code})
    or (${territory.kind} = 'departement' and ${commune.departementCode} = ${territory.code})
    or (${territory.kind} = 'region' and ${commune.regionCode} = ${territory.code})
  )`;
}

/**
 * A membership that speaks for its organisation: any membership of a collective or a network, and
 * a verified one of an authority. Until someone vouches for them, a person who says they belong
 * to an authority is a signed-in stranger to its projects.
 */
export function membershipCounts(partyRole: AnyPgColumn, verifiedAt: AnyPgColumn): SQL {
  return sql`(${partyRole} <> 'authority' or ${verifiedAt} is not null)`;
}

/**
 * The person belongs to an organisation that is an active party to project `project` (verified,
 * for an authority). `userId` may be a placeholder, for a statement prepared once.
 */
export function partyMemberOf(db: DbOrTx, userId: string | Placeholder): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(projectParties)
      .innerJoin(memberships, eq(memberships.organisationId, projectParties.organisationId))
      .where(
        and(
          eq(projectParties.projectId, projects.id),
          eq(projectParties.status, "active"),
          eq(memberships.userId, userId),
          membershipCounts(projectParties.role, memberships.verifiedAt),
        ),
      ),
  );
}

/**
 * The projects a person may read: those of the organisations they belong to (any party), and —
 * unless the project is visible to its parties only — those acting in the territory of an
 * authority where they are a verified member. `userId` may be a placeholder, for a statement
 * prepared once per kind of person.
 */
export function projectVisibleTo(db: DbOrTx, actor: { userId: string | Placeholder; isPlatformAdmin: boolean }): SQL {
  if (actor.isPlatformAdmin) return sql`true`;
  const authorityTerritory = alias(territories, "member_authority_territory");
  const projectCommune = alias(territories, "project_commune_territory");
  const viaTerritory = db
    .select({ one: sql`1` })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(authorityTerritory, eq(authorityTerritory.id, organisations.territoryId))
    .innerJoin(projectCommunes, eq(projectCommunes.projectId, projects.id))
    .innerJoin(projectCommune, eq(projectCommune.id, projectCommunes.communeId))
    .where(
      and(
        eq(memberships.userId, actor.userId),
        isNotNull(memberships.verifiedAt),
        communeWithinTerritory(projectCommune, authorityTerritory),
      ),
    );
  return sql`(${projects.visibility} = 'public' or ${partyMemberOf(db, actor.userId)} or (${projects.visibility} <> 'parties' and ${exists(viaTerritory)}))`;
}

/**
 * projectVisibleTo, for projects acting in the territory of an authority the person is a verified
 * member of (assertCanFollowTerritoryOf said so): every one is readable through that territory,
 * but a file kept for its parties, which needs the person to belong to one.
 */
export function projectVisibleWithinOwnTerritory(db: DbOrTx, actor: Actor): SQL {
  if (actor.isPlatformAdmin) return sql`true`;
  return sql`(${projects.visibility} <> 'parties' or ${partyMemberOf(db, actor.userId)})`;
}

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
export async function loadProjectAccess(db: DbOrTx, actor: Actor | null, projectId: string, missing = "Projet introuvable."): Promise<ProjectAccess> {
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
    authorities: partyMemberships
      .filter((row) => row.role === "authority")
      .map((row) => ({ authorityId: row.organisationId, verified: true as const })),
    awaitingVerification,
    moderatedNetworks: partyMemberships
      .filter((row) => row.role === "network" && speaksForNetwork(row.membershipRole))
      .map((row) => row.organisationId),
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
    .where(
      and(eq(memberships.userId, actor.userId), isNotNull(memberships.verifiedAt), communeWithinTerritory(projectCommune, authorityTerritory)),
    )
    .limit(1);
  return row !== undefined;
}

/** Acting for the collective side: the members of the lead collective. */
export function assertCollectiveSide(access: ProjectAccess) {
  if (!access.isCollectiveMember) throw forbidden("Seuls les membres du collectif porteur peuvent faire cela.");
  return requireActor(access.actor);
}

/** Acting in an authority's name in this project: its verified members. */
export function assertAuthoritySide(access: ProjectAccess, authorityId: string) {
  if (access.awaitingVerification.includes(authorityId)) {
    throw forbidden("Votre rôle dans cette collectivité doit être vérifié pour agir en son nom.");
  }
  if (!access.authorities.some((authority) => authority.authorityId === authorityId)) {
    throw forbidden("Seuls les membres de cette collectivité peuvent faire cela.");
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
  if (!networkId) throw forbidden("Seuls les modérateurs d'un réseau qui accompagne le projet peuvent faire cela.");
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
  if (!canModerateProject(access)) throw forbidden("Seuls les modérateurs d'un réseau qui accompagne le projet peuvent faire cela.");
  return requireActor(access.actor);
}

/** Reporting a comment or a milestone: any of the project's parties. */
export function assertCanReport(access: ProjectAccess) {
  if (!isProjectParty(access)) throw forbidden("Seules les parties prenantes du projet peuvent signaler un contenu.");
  return requireActor(access.actor);
}

/** The discussion thread is the parties': they read and write it; platform admins read it. */
export function assertCanReadComments(access: ProjectAccess) {
  if (!isProjectParty(access) && !access.isPlatformAdmin) throw forbidden("La discussion est réservée aux parties prenantes du projet.");
  return requireActor(access.actor);
}

export function assertCanComment(access: ProjectAccess) {
  if (!isProjectParty(access)) throw forbidden("Seules les parties prenantes du projet participent à la discussion.");
  return requireActor(access.actor);
}

/** Inviting officials to the project and seeing who was invited: the lead collective and the holding networks' moderators. */
export function canInvite(access: ProjectAccess): boolean {
  return access.isCollectiveMember || access.moderatedNetworks.length > 0;
}

export function assertCanInvite(access: ProjectAccess) {
  if (!canInvite(access)) throw forbidden("Seuls le collectif porteur et les réseaux qui l'accompagnent invitent des élu·es.");
  return requireActor(access.actor);
}

/** The fields of a project file that a reader who sees it only because it is public does not get. */
export const PRIVATE_PROJECT_FIELDS: readonly string[] = ["contacts"];

/** What a history entry tells about its record, for deciding who reads it. */
export type HistoryEntryFacts = {
  entity: string;
  action: string;
  /** The comment or milestone it describes is hidden by moderation now. */
  contentHidden: boolean;
  /** The comment it describes was deleted by its author. */
  commentDeleted: boolean;
};

/**
 * How much of a history entry a reader gets: the same rules as the reads of the records it
 * describes. "whole"; "publicFields" (a project file's entry without PRIVATE_PROJECT_FIELDS);
 * "withoutText" (that it happened, not what was written); or "none".
 */
export type HistoryReading = "whole" | "publicFields" | "withoutText" | "none";

export function historyReadingFor(access: ProjectAccess, entry: HistoryEntryFacts): HistoryReading {
  // A deleted message's text is gone from the discussion for everyone, moderators included: so it is here.
  if (canModerateProject(access)) return entry.entity === "comment" && entry.commentDeleted ? "withoutText" : "whole";
  const party = isProjectParty(access);
  switch (entry.entity) {
    case "project":
      if (entry.action === "create" || entry.action === "update") return access.publicOnly ? "publicFields" : "whole";
      // Asking to be public and the network's answer: between the collective and its network.
      return party ? "whole" : "none";
    case "comment":
      // The discussion is the parties'; hidden content and its moderation are the moderators'.
      if (!party || entry.contentHidden || entry.action === "hide" || entry.action === "restore") return "none";
      return entry.commentDeleted ? "withoutText" : "whole";
    case "milestone":
      // The timeline is every reader's; a hidden milestone is gone for all but moderators.
      return entry.contentHidden || entry.action === "hide" || entry.action === "restore" ? "none" : "whole";
    case "stage_change":
    case "relationship":
      return "whole";
    case "barometer_answer_set":
      return access.publicOnly ? "none" : "whole";
    case "project_party":
      return party ? "whole" : "none";
    case "invitation":
      return canInvite(access) ? "whole" : "none";
    default:
      // Reports, and anything recorded later that no rule here names yet: moderators only.
      return "none";
  }
}

/**
 * Deciding a request to go public: a moderator of a network that holds the project, or — when no
 * network holds it — a platform admin.
 */
export function mayReviewPublic(access: ProjectAccess, heldByANetwork: boolean): boolean {
  return access.moderatedNetworks.length > 0 || (!heldByANetwork && access.isPlatformAdmin);
}

export function assertCanReviewPublic(access: ProjectAccess, heldByANetwork: boolean) {
  if (access.moderatedNetworks.length > 0) return requireActor(access.actor);
  if (!heldByANetwork) return requirePlatformAdmin(access.actor);
  throw forbidden("Ce sont les modérateurs du réseau qui accompagne le projet qui décident.");
}

// ── Decisions for the project's page: the rules above, decided once, sent to the UI ────────────

/** The sides of the relationship with `authorityId` that the person acts for. */
export function sidesFor(access: ProjectAccess, authorityId: string): Side[] {
  return [
    ...(access.isCollectiveMember ? (["collective"] as const) : []),
    ...(access.authorities.some((authority) => authority.authorityId === authorityId) ? (["authority"] as const) : []),
  ];
}

type PartyFacts = { organisationId: string; role: "lead" | "authority" | "network"; status: string };

/** What the person may do on a project's file, each answer the rule its mutation checks. */
export function projectDecisions(access: ProjectAccess, parties: PartyFacts[]) {
  const party = isProjectParty(access);
  const heldByANetwork = parties.some((candidate) => candidate.role === "network" && candidate.status === "active");
  return {
    edit: access.isCollectiveMember,
    invite: canInvite(access),
    addAuthority: access.isCollectiveMember,
    readComments: party || access.isPlatformAdmin,
    comment: party,
    requestPublic: access.isCollectiveMember && access.visibility !== "public",
    reviewPublic: mayReviewPublic(access, heldByANetwork),
    requestNetwork: access.isCollectiveMember,
    answerNetworkInvitations: access.isCollectiveMember,
    /** The networks whose accompaniment (or request) the person may end: the collective any, a moderator theirs. */
    leaveNetworks: parties
      .filter((candidate) => candidate.role === "network" && candidate.status !== "invited")
      .filter((candidate) => access.isCollectiveMember || access.moderatedNetworks.includes(candidate.organisationId))
      .map((candidate) => candidate.organisationId),
  };
}

export type ProjectDecisions = ReturnType<typeof projectDecisions>;

/** What the person may do about one relationship and its open proposal. */
export function relationshipDecisions(
  access: ProjectAccess,
  relationship: { authorityId: string; stage: string | null },
  pending: { proposedSide: Side } | null,
) {
  const sides = sidesFor(access, relationship.authorityId);
  return {
    sides,
    canPropose: pending === null && relationship.stage !== null && sides.length > 0,
    canDecide: pending !== null && sides.includes(otherSide(pending.proposedSide)),
    canWithdraw: pending !== null && sides.includes(pending.proposedSide),
    canMediate: pending !== null && access.moderatedNetworks.length > 0,
  };
}

/** Answering a milestone for a relationship: the side that did not record it, while it waits. */
export function mayAnswerMilestone(access: ProjectAccess, milestone: { recordedSide: Side }, link: { authorityId: string; confirmation: string }): boolean {
  return link.confirmation === "pending" && sidesFor(access, link.authorityId).includes(otherSide(milestone.recordedSide));
}

/** Changing a milestone's status (planned, done, cancelled): the side that recorded it. */
export function mayChangeMilestoneStatus(access: ProjectAccess, milestone: { recordedSide: Side }, authorityIds: string[]): boolean {
  return authorityIds.some((authorityId) => sidesFor(access, authorityId).includes(milestone.recordedSide));
}

/** Editing or deleting a comment: its author only. */
export function assertCommentAuthor(comment: { authorId: string | null }, actor: Actor) {
  if (comment.authorId !== actor.userId) throw forbidden("Vous ne pouvez modifier que vos propres commentaires.");
}

/** Speaking for a support network (answering requests to accompany a project): its moderators and admins, or a platform admin. */
export async function assertCanModerateNetwork(db: DbOrTx, actor: Actor | null, networkId: string) {
  const signedIn = requireActor(actor);
  if (signedIn.isPlatformAdmin) return signedIn;
  const membership = await findMembership(db, signedIn.userId, networkId);
  if (membership?.kind !== "network" || !speaksForNetwork(membership.role)) {
    throw notFound("Réseau introuvable.");
  }
  return signedIn;
}
