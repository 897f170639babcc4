// Rules on organisations: seeing one, managing its members, acting for it, following its territory.
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { memberships, organisations, users } from "@/db/schema";
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

async function hasVerifiedAdmin(db: DbOrTx, authorityId: string): Promise<boolean> {
  const [admin] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organisationId, authorityId), eq(memberships.role, "admin"), isNotNull(memberships.verifiedAt)))
    .limit(1);
  return admin !== undefined;
}

/** Why the person may not verify or refuse the authority's claims, or null when they may. */
async function whyCannotVerifyClaims(db: DbOrTx, actor: Actor, authorityId: string): Promise<ErrorKey | "hidden" | null> {
  const membership = await findMembership(db, actor.userId, authorityId);
  if (membership?.role === "admin" && membership.verifiedAt) return null;
  if (actor.isPlatformAdmin) return (await hasVerifiedAdmin(db, authorityId)) ? "authorityVerifiesItself" : null;
  if (!membership) return "hidden";
  return membership.role === "admin" ? "notYetVerified" : "organisationAdminsOnly";
}

/**
 * Verifying or refusing a claim to speak for an authority: its verified admins. The platform's
 * admins are the fallback only, for an authority nobody verified speaks for yet: an authority
 * with its own verified admin vouches for its people itself.
 */
export async function assertCanVerifyClaims(db: DbOrTx, actor: Actor | null, authorityId: string, missing: ErrorKey) {
  const why = await whyCannotVerifyClaims(db, requireActor(actor), authorityId);
  if (why === "hidden") throw notFound(missing);
  if (why) throw forbidden(why);
}

export async function canVerifyClaims(db: DbOrTx, actor: Actor, authorityId: string): Promise<boolean> {
  return (await whyCannotVerifyClaims(db, actor, authorityId)) === null;
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

/**
 * Who can verify a claim to speak for an authority: its verified admins, else — for an authority
 * nobody verified speaks for yet — the platform admins.
 */
export async function verifiersOf(db: DbOrTx, authorityId: string): Promise<string[]> {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, authorityId), eq(memberships.role, "admin"), isNotNull(memberships.verifiedAt)));
  if (admins.length > 0) return admins.map((row) => row.userId);
  const platformAdmins = await db
    .select({ userId: users.id })
    .from(users)
    .where(and(eq(users.isPlatformAdmin, true), isNull(users.deletedAt)));
  return platformAdmins.map((row) => row.userId);
}

/** A claim to speak for an authority still waiting, seen by its author alone: anyone else's is NOT_FOUND. */
export async function assertOwnPendingClaim(db: DbOrTx, actor: Actor | null, membershipId: string) {
  const signedIn = requireActor(actor);
  const [claim] = await db
    .select({ id: memberships.id, organisationId: memberships.organisationId, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.userId, signedIn.userId), eq(organisations.kind, "authority"), isNull(memberships.verifiedAt)));
  if (!claim) throw notFound("memberNotFound");
  return { signedIn, claim };
}
