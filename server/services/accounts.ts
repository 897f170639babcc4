// A person's own account: who they are and where they belong.
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { memberships, organisations, territories, users } from "@/db/schema";
import { notFound } from "@/server/errors";
import { requireActor, type Actor } from "./access";
import { changedFields, recordChange } from "./history";
import type { TUpdateProfileInput } from "@/server/api/routers/account.schema";

export async function listMembershipsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      membershipId: memberships.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      kind: organisations.kind,
      legalForm: organisations.legalForm,
      territoryId: organisations.territoryId,
      territoryKind: territories.kind,
      role: memberships.role,
      office: memberships.office,
      verified: memberships.verifiedAt,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(organisations.kind), asc(organisations.name));
}

export async function getAccount(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.id, signedIn.userId));
  if (!user) throw notFound("accountNotFound");
  const organisationsOfUser = await listMembershipsOf(db, signedIn.userId);
  const waiting = organisationsOfUser
    .filter((membership) => membership.kind === "authority" && membership.verified === null)
    .map((membership) => membership.organisationId);
  // Who can vouch for a claim still waiting: the authority's verified admins (none: the platform's team).
  const verifiers =
    waiting.length > 0
      ? await db
          .select({ organisationId: memberships.organisationId, name: users.name, office: memberships.office })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(inArray(memberships.organisationId, waiting), eq(memberships.role, "admin"), isNotNull(memberships.verifiedAt)))
          .orderBy(asc(users.name))
      : [];
  return {
    ...user,
    memberships: organisationsOfUser.map(({ verified, ...membership }) => ({
      ...membership,
      verified: verified !== null,
      verifiers: verifiers.filter((row) => row.organisationId === membership.organisationId).map(({ name, office }) => ({ name, office })),
    })),
  };
}

export async function updateProfile(db: DbOrTx, actor: Actor | null, input: TUpdateProfileInput) {
  const signedIn = requireActor(actor);
  const [previous] = await db.select({ name: users.name }).from(users).where(eq(users.id, signedIn.userId));
  const [user] = await db.update(users).set({ name: input.name }).where(eq(users.id, signedIn.userId)).returning({ id: users.id, name: users.name });
  if (!user || !previous) throw notFound("accountNotFound");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "user",
    entityId: signedIn.userId,
    action: "update_profile",
    changes: changedFields(previous, { name: input.name }),
  });
  return user;
}
