// Who speaks for an organisation: adding people, changing their office, removing them. Claims to
// speak for an authority (joining, verifying, refusing) are in membership-claims.ts.
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, organisations, sessions, users } from "@/db/schema";
import type { MembershipRole } from "@/server/domain/organisations";
import { DomainError, notFound } from "@/server/errors";
import { assertCanManageOrganisation, requireActor, type Actor } from "./access";
import { recordChange } from "./history";
import { findOrCreateUser, tellNewMember } from "./organisations";
import { enforceRateLimit, LIMITS } from "./rate-limits";
import type { TAddMemberInput, TChangeOfficeInput, TMembershipIdInput } from "@/server/api/routers/organisation.schema";

const ROLES_BY_KIND = {
  collective: ["member", "admin"],
  authority: ["member", "admin"],
  network: ["moderator", "admin"],
} as const satisfies Record<string, readonly MembershipRole[]>;

export async function addMember(db: Database, actor: Actor | null, input: TAddMemberInput) {
  const signedIn = requireActor(actor);
  await assertCanManageOrganisation(db, signedIn, input.organisationId);
  await enforceRateLimit(db, LIMITS.membersAddedPerPerson, signedIn.userId, "tooManyMembersAdded");
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, input.organisationId));
  if (!organisation) throw notFound("organisationNotFound");
  const allowedRoles: readonly MembershipRole[] = ROLES_BY_KIND[organisation.kind];
  if (!allowedRoles.includes(input.role)) {
    throw new DomainError("BAD_REQUEST", "roleNotForKind");
  }
  if (input.office && organisation.kind !== "authority") {
    throw new DomainError("BAD_REQUEST", "officesForAuthoritiesOnly");
  }
  const user = await findOrCreateUser(db, input.email);
  const [membership] = await db
    .insert(memberships)
    .values({
      organisationId: organisation.id,
      userId: user.id,
      role: input.role,
      office: input.office ?? null,
      // Whoever may add people to an authority is who vouches for them.
      verifiedAt: organisation.kind === "authority" ? new Date() : null,
      verifiedById: organisation.kind === "authority" ? signedIn.userId : null,
    })
    .onConflictDoNothing()
    .returning({ id: memberships.id });
  if (!membership) throw new DomainError("CONFLICT", "alreadyMember");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: membership.id,
    action: "add",
    changes: [
      { field: "organisationId", before: null, after: organisation.id },
      { field: "userId", before: null, after: user.id },
      { field: "role", before: null, after: input.role },
      ...(input.office ? [{ field: "office", before: null, after: input.office }] : []),
    ],
  });
  const [inviter] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, signedIn.userId));
  await tellNewMember(db, user.email, inviter?.name ?? inviter?.email ?? "Maillage", organisation.name);
  return { membershipId: membership.id, userId: user.id };
}

async function membershipTarget(db: Database, actor: Actor | null, membershipId: string) {
  const signedIn = requireActor(actor);
  const [target] = await db
    .select({ membership: memberships, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.id, membershipId));
  if (!target) throw notFound("memberNotFound");
  await assertCanManageOrganisation(db, signedIn, target.membership.organisationId, "memberNotFound");
  return { signedIn, ...target };
}

export async function changeOffice(db: Database, actor: Actor | null, input: TChangeOfficeInput) {
  const { signedIn, membership, kind } = await membershipTarget(db, actor, input.membershipId);
  if (kind !== "authority") throw new DomainError("BAD_REQUEST", "officesForAuthoritiesOnly");
  await db.update(memberships).set({ office: input.office }).where(eq(memberships.id, membership.id));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: membership.id,
    action: "change_office",
    changes: [{ field: "office", before: membership.office, after: input.office }],
  });
  return { membershipId: membership.id, office: input.office, changedBy: signedIn.userId };
}

/**
 * Removes someone from an organisation. Their sessions end too, so that a browser left signed in
 * somewhere holds nothing the organisation gave them.
 */
export async function removeMember(db: Database, actor: Actor | null, input: TMembershipIdInput) {
  const { signedIn, membership } = await membershipTarget(db, actor, input.membershipId);
  if (membership.role === "admin") {
    const admins = await db
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organisationId, membership.organisationId), eq(memberships.role, "admin")))
      .for("update");
    if (admins.length <= 1) throw new DomainError("CONFLICT", "lastAdmin");
  }
  await db.delete(memberships).where(eq(memberships.id, membership.id));
  await db.delete(sessions).where(eq(sessions.userId, membership.userId));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: membership.id,
    action: "remove",
    changes: [
      { field: "organisationId", before: membership.organisationId, after: null },
      { field: "userId", before: membership.userId, after: null },
      { field: "role", before: membership.role, after: null },
    ],
  });
  return { membershipId: membership.id, removed: true };
}
