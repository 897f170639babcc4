// Who may see and do what: every access rule of the app lives in this file, and every service asks it.
import { and, eq, exists, isNotNull, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import type { Side } from "@/server/domain/gradient";
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
export async function assertCanSeeOrganisation(db: DbOrTx, actor: Actor | null, organisationId: string) {
  const signedIn = requireActor(actor);
  const membership = await findMembership(db, signedIn.userId, organisationId);
  if (!membership && !signedIn.isPlatformAdmin) throw notFound("Organisation introuvable.");
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
export async function assertCanManageOrganisation(db: DbOrTx, actor: Actor | null, organisationId: string) {
  const signedIn = requireActor(actor);
  const membership = await assertCanSeeOrganisation(db, signedIn, organisationId);
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
 * The person belongs to an organisation that is an active party to project `project`. `userId`
 * may be a placeholder, for a statement prepared once.
 */
export function partyMemberOf(db: DbOrTx, userId: string | Placeholder): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(projectParties)
      .innerJoin(memberships, eq(memberships.organisationId, projectParties.organisationId))
      .where(
        and(eq(projectParties.projectId, projects.id), eq(projectParties.status, "active"), eq(memberships.userId, userId)),
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
  /** The party authorities the person belongs to, and whether they are verified there. */
  authorities: { authorityId: string; verified: boolean }[];
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

/** Loads what the person is to the project; NOT_FOUND when they may not read it at all. */
export async function loadProjectAccess(db: DbOrTx, actor: Actor | null, projectId: string): Promise<ProjectAccess> {
  // The project and the person's memberships of its active parties, in one statement: a row per
  // party (a project has a handful), with the membership where the person has one.
  const rows = await projectAccessStatement(db).execute({ projectId, userId: actor?.userId ?? "" });
  const [project] = rows;
  if (!project) throw notFound("Projet introuvable.");
  const base = {
    actor,
    projectId,
    leadCollectiveId: project.leadCollectiveId,
    visibility: project.visibility,
    isPlatformAdmin: actor?.isPlatformAdmin ?? false,
  };
  if (!actor) {
    if (project.visibility !== "public") throw notFound("Projet introuvable.");
    return { ...base, isCollectiveMember: false, authorities: [], moderatedNetworks: [], publicOnly: true };
  }
  const partyMemberships = rows.flatMap(({ organisationId, role, membershipRole, verifiedAt }) =>
    organisationId !== null && role !== null && membershipRole !== null ? [{ organisationId, role, membershipRole, verifiedAt }] : [],
  );
  const access: ProjectAccess = {
    ...base,
    isCollectiveMember: partyMemberships.some((row) => row.role === "lead"),
    authorities: partyMemberships
      .filter((row) => row.role === "authority")
      .map((row) => ({ authorityId: row.organisationId, verified: row.verifiedAt !== null })),
    moderatedNetworks: partyMemberships
      .filter((row) => row.role === "network" && (row.membershipRole === "moderator" || row.membershipRole === "admin"))
      .map((row) => row.organisationId),
    publicOnly: false,
  };
  if (access.isPlatformAdmin || partyMemberships.length > 0) return access;
  if (project.visibility !== "parties" && (await readsThroughTerritory(db, actor, projectId))) return access;
  if (project.visibility === "public") return { ...access, publicOnly: true };
  throw notFound("Projet introuvable.");
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
  const membership = access.authorities.find((authority) => authority.authorityId === authorityId);
  if (!membership) throw forbidden("Seuls les membres de cette collectivité peuvent faire cela.");
  if (!membership.verified) throw forbidden("Votre rôle dans cette collectivité doit être vérifié pour agir en son nom.");
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

/** Speaking for a support network (answering requests to accompany a project): its moderators and admins, or a platform admin. */
export async function assertCanModerateNetwork(db: DbOrTx, actor: Actor | null, networkId: string) {
  const signedIn = requireActor(actor);
  if (signedIn.isPlatformAdmin) return signedIn;
  const membership = await findMembership(db, signedIn.userId, networkId);
  if (membership?.kind !== "network" || (membership.role !== "moderator" && membership.role !== "admin")) {
    throw notFound("Réseau introuvable.");
  }
  return signedIn;
}
