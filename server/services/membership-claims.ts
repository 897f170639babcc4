// Claims to speak for an authority: made by joining it, told at once to whoever can verify them,
// verified or refused with a reason, reminded (by their author, or after seven days by the job).
import { and, asc, eq, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { memberships, organisations, users } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import {
  assertCanManageOrganisation,
  assertCanVerifyClaims,
  assertOwnPendingClaim,
  requireActor,
  requirePlatformAdmin,
  verifiersOf,
  type Actor,
} from "./access";
import { openAuthority } from "./authorities";
import { recordChange } from "./history";
import { markAnnouncedRead, notify } from "./notifications";
import { enforceRateLimit, LIMITS } from "./rate-limits";
import type { TJoinAuthorityInput, TMembershipIdInput, TRefuseMembershipInput, TVerifyMembershipInput } from "@/server/api/routers/organisation.schema";

/**
 * Speaking for an authority starts here: the first person opens its page; everyone joins as an
 * unverified member, who is no more than a signed-in stranger until someone vouches for them. The
 * first to be verified becomes the authority's admin (verifyMembership).
 */
export async function joinAuthority(db: Database, actor: Actor | null, input: TJoinAuthorityInput) {
  const signedIn = requireActor(actor);
  const authority = await openAuthority(db, input.territoryId);
  if (!authority) throw notFound("territoryNotFound");
  const [membership] = await db
    .insert(memberships)
    .values({ organisationId: authority.id, userId: signedIn.userId, role: "member", office: input.office })
    .onConflictDoNothing()
    .returning({ id: memberships.id, role: memberships.role });
  if (!membership) throw new DomainError("CONFLICT", "alreadyInAuthority");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: membership.id,
    action: "join",
    changes: [
      { field: "organisationId", before: null, after: authority.id },
      { field: "role", before: null, after: membership.role },
      { field: "office", before: null, after: input.office },
    ],
  });
  // Whoever can vouch for them hears of it at once: until then they can confirm nothing.
  await notify(db, {
    userIds: await verifiersOf(db, authority.id),
    kind: "membership",
    projectId: null,
    actorId: signedIn.userId,
    payload: { event: "claim", organisation: authority.name, organisationId: authority.id },
  });
  return { organisationId: authority.id, name: authority.name, role: membership.role };
}

export async function verifyMembership(db: Database, actor: Actor | null, input: TVerifyMembershipInput) {
  const signedIn = requireActor(actor);
  const [target] = await db
    .select({ organisationId: memberships.organisationId, kind: organisations.kind, name: organisations.name, userId: memberships.userId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.id, input.membershipId));
  if (!target) throw notFound("memberNotFound");
  // Checked against the membership's own organisation: an id from elsewhere is NOT_FOUND.
  if (target.kind !== "authority") {
    await assertCanManageOrganisation(db, signedIn, target.organisationId, "memberNotFound");
    throw new DomainError("BAD_REQUEST", "verifyAuthorityMembersOnly");
  }
  await assertCanVerifyClaims(db, signedIn, target.organisationId, "memberNotFound");
  // The authority's row is locked so that two verifications at once cannot both find no admin.
  await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, target.organisationId)).for("update");
  const [verifiedAdmin] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.organisationId, target.organisationId), eq(memberships.role, "admin"), isNotNull(memberships.verifiedAt)))
    .limit(1);
  const [updated] = await db
    .update(memberships)
    .set({ verifiedAt: new Date(), verifiedById: signedIn.userId, ...(verifiedAdmin ? {} : { role: "admin" as const }) })
    .where(and(eq(memberships.id, input.membershipId), isNull(memberships.verifiedAt)))
    .returning({ id: memberships.id, verifiedAt: memberships.verifiedAt, role: memberships.role });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: input.membershipId,
    action: updated ? "verify" : "verify_again",
    changes: updated
      ? [{ field: "verifiedAt", before: null, after: updated.verifiedAt }, ...(verifiedAdmin ? [] : [{ field: "role", before: "member", after: "admin" }])]
      : [],
  });
  if (updated) {
    await markClaimAnswered(db, target.organisationId, target.userId);
    await notify(db, {
      userIds: [target.userId],
      kind: "membership",
      projectId: null,
      actorId: signedIn.userId,
      payload: { event: "verified", organisation: target.name, organisationId: target.organisationId },
    });
  }
  return { membershipId: input.membershipId, alreadyVerified: !updated, role: updated?.role ?? null };
}

/**
 * Refuses a claim to speak for an authority, with a reason its author reads: the membership goes,
 * the log keeps who refused whom and why. Only an unverified claim can be refused; a verified
 * member is removed instead.
 */
export async function refuseMembership(db: Database, actor: Actor | null, input: TRefuseMembershipInput) {
  const signedIn = requireActor(actor);
  const [target] = await db
    .select({ membership: memberships, kind: organisations.kind, name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.id, input.membershipId));
  if (!target) throw notFound("memberNotFound");
  if (target.kind !== "authority") {
    await assertCanManageOrganisation(db, signedIn, target.membership.organisationId, "memberNotFound");
    throw new DomainError("BAD_REQUEST", "verifyAuthorityMembersOnly");
  }
  await assertCanVerifyClaims(db, signedIn, target.membership.organisationId, "memberNotFound");
  const [refused] = await db
    .delete(memberships)
    .where(and(eq(memberships.id, input.membershipId), isNull(memberships.verifiedAt)))
    .returning({ id: memberships.id });
  if (!refused) throw new DomainError("CONFLICT", "claimAlreadyVerified");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: input.membershipId,
    action: "refuse",
    changes: [
      { field: "organisationId", before: target.membership.organisationId, after: null },
      { field: "userId", before: target.membership.userId, after: null },
      { field: "reason", before: null, after: input.reason },
    ],
  });
  await markClaimAnswered(db, target.membership.organisationId, target.membership.userId);
  await notify(db, {
    userIds: [target.membership.userId],
    kind: "membership",
    projectId: null,
    actorId: signedIn.userId,
    // No link to the authority's page: refused, its author can no longer open it.
    payload: { event: "refused", organisation: target.name, reason: input.reason },
  });
  return { membershipId: input.membershipId, refused: true as const };
}

/** The author of a waiting claim reminds those who can verify it (once a day). */
export async function remindVerifiers(db: Database, actor: Actor | null, input: TMembershipIdInput) {
  const { signedIn, claim } = await assertOwnPendingClaim(db, actor, input.membershipId);
  await enforceRateLimit(db, LIMITS.remindersPerClaim, claim.id, "remindedRecently");
  const verifiers = await verifiersOf(db, claim.organisationId);
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: claim.id,
    action: "remind",
    changes: [{ field: "verifiers", before: null, after: verifiers.length }],
  });
  await notify(db, {
    userIds: verifiers,
    kind: "membership",
    projectId: null,
    actorId: signedIn.userId,
    payload: { event: "reminder", organisation: claim.name, organisationId: claim.organisationId },
  });
  return { reminded: verifiers.length };
}

export async function listPendingVerifications(db: Database, actor: Actor | null) {
  requirePlatformAdmin(actor);
  return db
    .select({
      membershipId: memberships.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      name: users.name,
      email: users.email,
      role: memberships.role,
      office: memberships.office,
      requestedAt: memberships.createdAt,
      /** Nobody verified speaks for this authority yet: the platform's admins are its only verifiers. */
      noVerifiedAdmin: sql<boolean>`not exists (select 1 from ${memberships} admin where admin.organisation_id = ${organisations.id}
        and admin.role = 'admin' and admin.verified_at is not null)`,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.kind, "authority"), isNull(memberships.verifiedAt)))
    .orderBy(asc(memberships.createdAt));
}

/** The claim and its reminders told its verifiers to answer: answered, they ask no more. */
async function markClaimAnswered(db: DbOrTx, organisationId: string, claimantId: string) {
  for (const event of ["claim", "reminder"]) await markAnnouncedRead(db, "membership", { event, organisationId }, claimantId);
}

export const CLAIM_REMINDER_AFTER_DAYS = 7;

/**
 * Reminds the verifiers of every claim still waiting after seven days, once. Each claim is taken
 * by the statement that marks it reminded, in the same transaction as its notifications: of two
 * instances running at once, only one finds it, and a failure leaves it for the next run.
 */
export async function remindWaitingClaims(db: Database, now = new Date()) {
  const due = new Date(now.getTime() - CLAIM_REMINDER_AFTER_DAYS * 86_400_000);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(memberships)
      .set({ claimRemindedAt: now })
      .where(
        and(
          isNull(memberships.verifiedAt),
          isNull(memberships.claimRemindedAt),
          lt(memberships.createdAt, due),
          sql`${memberships.organisationId} in (select ${organisations.id} from ${organisations} where ${organisations.kind} = 'authority')`,
        ),
      )
      .returning({ organisationId: memberships.organisationId, userId: memberships.userId });
    for (const claim of claimed) {
      const [authority] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, claim.organisationId));
      await notify(tx, {
        userIds: await verifiersOf(tx, claim.organisationId),
        kind: "membership",
        projectId: null,
        actorId: claim.userId,
        payload: { event: "reminder", organisation: authority?.name ?? "", organisationId: claim.organisationId },
      });
    }
    return { reminded: claimed.length };
  });
}
