// Who is acting, and who speaks for a support network.
import { and, eq, exists, inArray, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import type { MembershipRole } from "@/server/domain/organisations";
import { memberships, organisations, projectParties, projects } from "@/db/schema";
import { DomainError, forbidden } from "@/server/errors";

/** The signed-in person a service acts for. */
export type Actor = { userId: string; isPlatformAdmin: boolean };

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new DomainError("UNAUTHORIZED", "signInFirst");
  return actor;
}

export function requirePlatformAdmin(actor: Actor | null): Actor {
  const signedIn = requireActor(actor);
  if (!signedIn.isPlatformAdmin) throw forbidden("platformAdminsOnly");
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
