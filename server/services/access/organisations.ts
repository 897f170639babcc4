// Rules on organisations: seeing one, managing its members, acting for it, following its territory.
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { memberships, organisations } from "@/db/schema";
import { forbidden, notFound, type ErrorKey } from "@/server/errors";
import { requireActor, speaksForNetwork, type Actor } from "./actor";

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
export async function assertCanSeeOrganisation(db: DbOrTx, actor: Actor | null, organisationId: string, missing: ErrorKey = "organisationNotFound") {
  const signedIn = requireActor(actor);
  const membership = await findMembership(db, signedIn.userId, organisationId);
  if (!membership && !signedIn.isPlatformAdmin) throw notFound(missing);
  return membership;
}

type MembershipFacts = Awaited<ReturnType<typeof findMembership>>;

function whyCannotManage(actor: Actor, membership: MembershipFacts): ErrorKey | null {
  if (actor.isPlatformAdmin) return null;
  if (membership?.role !== "admin") return "organisationAdminsOnly";
  if (membership.kind === "authority" && !membership.verifiedAt) {
    return "notYetVerified";
  }
  return null;
}

/**
 * Acting in an organisation's name (adding people, verifying them): its admins — who, for an
 * authority, must be verified — or a platform admin.
 */
export async function assertCanManageOrganisation(db: DbOrTx, actor: Actor | null, organisationId: string, missing?: ErrorKey) {
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
  if (!membership || membership.kind !== "collective") throw notFound("collectiveNotFound");
}

/**
 * Reading an authority's territory view: its verified members, or a platform admin. An unverified
 * member knows the authority exists, so is told why; anyone else gets NOT_FOUND.
 */
export async function assertCanFollowTerritoryOf(db: DbOrTx, actor: Actor | null, authorityId: string) {
  const signedIn = requireActor(actor);
  const membership = await assertCanSeeOrganisation(db, signedIn, authorityId);
  if (signedIn.isPlatformAdmin) return;
  if (membership?.kind !== "authority") throw notFound("authorityNotFound");
  if (!membership.verifiedAt) {
    throw forbidden("verifyToFollowTerritory");
  }
}

/** Speaking for a support network (answering requests to accompany a project): its moderators and admins, or a platform admin. */
export async function assertCanModerateNetwork(db: DbOrTx, actor: Actor | null, networkId: string) {
  const signedIn = requireActor(actor);
  if (signedIn.isPlatformAdmin) return signedIn;
  const membership = await findMembership(db, signedIn.userId, networkId);
  if (membership?.kind !== "network" || !speaksForNetwork(membership.role)) {
    throw notFound("networkNotFound");
  }
  return signedIn;
}
