// A person's own account: who they are and where they belong.
import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { memberships, organisations, territories, users } from "@/db/schema";
import { notFound } from "@/server/errors";
import { requireActor, type Actor } from "./access";
import { changedFields, recordChange } from "./history";
import type { TSetNameInput, TUpdateProfileInput } from "@/server/api/routers/account.schema";

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
    .select({ id: users.id, name: users.name, email: users.email, isPlatformAdmin: users.isPlatformAdmin, nameSkippedAt: users.nameSkippedAt })
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
  const { nameSkippedAt, ...person } = user;
  return {
    ...person,
    /** Whether to ask the person their name, and whether « Plus tard » is still offered (once). */
    askName: namePrompt(person.name, nameSkippedAt, new Date()),
    memberships: organisationsOfUser.map(({ verified, ...membership }) => ({
      ...membership,
      verified: verified !== null,
      verifiers: verifiers.filter((row) => row.organisationId === membership.organisationId).map(({ name, office }) => ({ name, office })),
    })),
  };
}

export const NAME_ASKED_AGAIN_AFTER_HOURS = 24;

/** Nobody should appear as an address: a person with no name is asked it, with one « Plus tard », then again a day later without. */
export function namePrompt(name: string | null, skippedAt: Date | null, now: Date): "withSkip" | "withoutSkip" | null {
  if (name) return null;
  if (!skippedAt) return "withSkip";
  return now.getTime() - skippedAt.getTime() >= NAME_ASKED_AGAIN_AFTER_HOURS * 3_600_000 ? "withoutSkip" : null;
}

/** The first sign-in's prompt: first and last name, said apart so that neither is forgotten. */
export async function setName(db: DbOrTx, actor: Actor | null, input: TSetNameInput) {
  return updateProfile(db, actor, { name: `${input.givenName} ${input.familyName}`.replace(/\s+/g, " ").trim() });
}

/** « Plus tard », once: asked again a day later, without it. */
export async function skipName(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const [user] = await db
    .update(users)
    .set({ nameSkippedAt: sql`coalesce(${users.nameSkippedAt}, now())` })
    .where(eq(users.id, signedIn.userId))
    .returning({ nameSkippedAt: users.nameSkippedAt });
  if (!user) throw notFound("accountNotFound");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "user",
    entityId: signedIn.userId,
    action: "update_profile",
    changes: [{ field: "nameSkippedAt", before: null, after: user.nameSkippedAt?.toISOString() ?? null }],
  });
  return { skippedAt: user.nameSkippedAt };
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
