// A person's own account: who they are and where they belong.
import { and, asc, count, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { changeLog, memberships, organisations, projectParties, territories, users } from "@/db/schema";
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

/** How many of one's latest actions it takes to know whom one acts for: enough to outweigh a one-off. */
const RECENT_ACTIONS = 200;
const ROLE_RANK: Record<string, number> = { admin: 0, moderator: 1, member: 2 };

/**
 * One's organisations, the one they act for most first: by their latest actions in projects the
 * organisation is a party to (leads, is an authority of, accompanies), then by role (the SCIC one
 * manages before the association one belongs to), then by name.
 */
async function byActivity<T extends { organisationId: string; organisationName: string; role: string; verified: Date | null }>(
  db: DbOrTx,
  userId: string,
  organisationsOfUser: T[],
): Promise<T[]> {
  if (organisationsOfUser.length < 2) return organisationsOfUser;
  const recent = db
    .select({ projectId: changeLog.projectId })
    .from(changeLog)
    .where(and(eq(changeLog.actorId, userId), isNotNull(changeLog.projectId)))
    .orderBy(desc(changeLog.at))
    .limit(RECENT_ACTIONS)
    .as("recent");
  const counted = await db
    .select({ organisationId: projectParties.organisationId, actions: count() })
    .from(recent)
    .innerJoin(projectParties, eq(projectParties.projectId, recent.projectId))
    .where(
      inArray(
        projectParties.organisationId,
        organisationsOfUser.map((membership) => membership.organisationId),
      ),
    )
    .groupBy(projectParties.organisationId);
  const actions = new Map(counted.map((row) => [row.organisationId, row.actions]));
  return [...organisationsOfUser].sort(
    (a, b) =>
      (actions.get(b.organisationId) ?? 0) - (actions.get(a.organisationId) ?? 0) ||
      Number(b.verified !== null) - Number(a.verified !== null) ||
      (ROLE_RANK[a.role] ?? 9) - (ROLE_RANK[b.role] ?? 9) ||
      a.organisationName.localeCompare(b.organisationName, "fr"),
  );
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
  const [actsForMost] = await byActivity(db, signedIn.userId, organisationsOfUser);
  return {
    ...person,
    /** Whether to ask the person their name, and whether « Plus tard » is still offered (once). */
    askName: namePrompt(person.name, nameSkippedAt, new Date()),
    /** The organisation the person acts for most, for the header. */
    actsForMost: actsForMost ? { organisationId: actsForMost.organisationId, name: actsForMost.organisationName } : null,
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
