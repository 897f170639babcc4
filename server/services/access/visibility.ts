// Which projects a person may read, as SQL conditions the lists and searches filter on.
import { and, eq, exists, isNotNull, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { memberships, organisations, projectCommunes, projectParties, projects, territories } from "@/db/schema";
import type { Actor } from "./actor";

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
 * a verified one of an authority — whether the authority is a party to the project or one of its
 * holding structures. Until someone vouches for them, a person who says they belong to an
 * authority is a signed-in stranger to its projects.
 */
export function membershipCounts(organisationKind: AnyPgColumn | SQL, verifiedAt: AnyPgColumn | SQL): SQL {
  return sql`(${organisationKind} <> 'authority' or ${verifiedAt} is not null)`;
}

/**
 * The person belongs to an organisation that is an active party to project `project` (verified,
 * for an authority). `userId` may be a placeholder, for a statement prepared once.
 */
export function partyMemberOf(db: DbOrTx, userId: string | Placeholder): SQL {
  const partyOrganisation = alias(organisations, "party_organisation");
  return exists(
    db
      .select({ one: sql`1` })
      .from(projectParties)
      .innerJoin(memberships, eq(memberships.organisationId, projectParties.organisationId))
      .innerJoin(partyOrganisation, eq(partyOrganisation.id, projectParties.organisationId))
      .where(
        and(
          eq(projectParties.projectId, projects.id),
          eq(projectParties.status, "active"),
          eq(memberships.userId, userId),
          membershipCounts(partyOrganisation.kind, memberships.verifiedAt),
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
    .where(and(eq(memberships.userId, actor.userId), isNotNull(memberships.verifiedAt), communeWithinTerritory(projectCommune, authorityTerritory)));
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
