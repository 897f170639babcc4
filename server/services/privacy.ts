// A person's rights over their data (RGPD): a copy of everything about them, the deletion of their
// account, and how long messages and notifications are kept.
import { purgeIdempotencyKeys } from "./idempotency";
import { and, eq, like, lt, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { escapeLike } from "@/server/domain/search-text";
import {
  accounts,
  barometerAnswerSets,
  calendarFeeds,
  changeLog,
  comments,
  digestClaims,
  emailPreferences,
  follows,
  invitations,
  memberships,
  milestones,
  notifications,
  organisations,
  outboxEmails,
  projectParties,
  sessions,
  stageChanges,
  users,
  verificationTokens,
  type FieldChange,
} from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { requireActor, type Actor } from "./access";
import { listMembershipsOf } from "./accounts";

const proposingStructure = alias(organisations, "proposing_structure");
const decidingStructure = alias(organisations, "deciding_structure");
import { recordChange } from "./history";
import { withoutGoneExcerpts } from "./notifications";
import type { TDeleteAccountInput } from "@/server/api/routers/account.schema";

/** What a deleted account's contributions are shown under. */
export const DELETED_ACCOUNT_NAME = "Compte supprimé";
export const ERASED = "[effacé]";
const deletedAddress = (userId: string) => `supprime-${userId}@compte-supprime.invalid`;

/** How long what is only a means of delivery is kept. */
export const RETENTION = {
  /** Outbox messages (demo and SMTP-less installs): links in them expire long before. */
  outboxDays: 90,
  /** Notifications, read or not: after a year they tell nothing the project page does not. */
  notificationDays: 365,
} as const;

/** Everything Maillage holds about the signed-in person, as plain data for a JSON download. */
export async function exportPersonalData(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const [user] = await db
    .select({ id: users.id, name: users.name, email: users.email, createdAt: users.createdAt, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.id, signedIn.userId));
  if (!user) throw notFound("accountNotFound");
  const mine = signedIn.userId;
  const [
    memberOf,
    commentRows,
    milestoneRows,
    stageChangeRows,
    barometerRows,
    followRows,
    notificationRows,
    preferenceRows,
    feedRows,
    invitationRows,
    coHoldingRows,
    activity,
  ] = await Promise.all([
    listMembershipsOf(db, mine),
    db
      .select({ id: comments.id, projectId: comments.projectId, body: comments.body, createdAt: comments.createdAt, deletedAt: comments.deletedAt })
      .from(comments)
      .where(eq(comments.authorId, mine)),
    db
      .select({
        id: milestones.id,
        projectId: milestones.projectId,
        title: milestones.title,
        description: milestones.description,
        occursOn: milestones.occursOn,
        createdAt: milestones.createdAt,
      })
      .from(milestones)
      .where(eq(milestones.recordedById, mine)),
    db
      .select({
        id: stageChanges.id,
        relationshipId: stageChanges.relationshipId,
        fromStage: stageChanges.fromStage,
        toStage: stageChanges.toStage,
        reason: stageChanges.reason,
        status: stageChanges.status,
        proposedAt: stageChanges.proposedAt,
        /** The structures that proposed and decided: on a co-held project, which holder the person spoke for. */
        proposedFor: proposingStructure.name,
        decidedFor: decidingStructure.name,
      })
      .from(stageChanges)
      .leftJoin(proposingStructure, eq(proposingStructure.id, stageChanges.proposedByOrganisationId))
      .leftJoin(decidingStructure, eq(decidingStructure.id, stageChanges.decidedByOrganisationId))
      .where(or(eq(stageChanges.proposedById, mine), eq(stageChanges.decidedById, mine))),
    db
      .select({
        relationshipId: barometerAnswerSets.relationshipId,
        side: barometerAnswerSets.side,
        answers: barometerAnswerSets.answers,
        answeredAt: barometerAnswerSets.answeredAt,
      })
      .from(barometerAnswerSets)
      .where(eq(barometerAnswerSets.respondentId, mine)),
    db.select({ projectId: follows.projectId, since: follows.followedAt, lastVisitedAt: follows.lastVisitedAt }).from(follows).where(eq(follows.userId, mine)),
    db
      .select({
        kind: notifications.kind,
        projectId: notifications.projectId,
        payload: notifications.payload,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, mine)),
    db.select({ kind: emailPreferences.kind, frequency: emailPreferences.frequency }).from(emailPreferences).where(eq(emailPreferences.userId, mine)),
    db.select({ createdAt: calendarFeeds.createdAt, revokedAt: calendarFeeds.revokedAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, mine)),
    db
      .select({ projectId: invitations.projectId, email: invitations.email, office: invitations.office, createdAt: invitations.createdAt })
      .from(invitations)
      .where(eq(invitations.invitedById, mine)),
    db
      .select({ projectId: projectParties.projectId, organisation: organisations.name, status: projectParties.status, createdAt: projectParties.createdAt })
      .from(projectParties)
      .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
      .where(and(eq(projectParties.invitedById, mine), eq(projectParties.role, "holder"))),
    db
      .select({
        at: changeLog.at,
        entity: changeLog.entity,
        entityId: changeLog.entityId,
        projectId: changeLog.projectId,
        action: changeLog.action,
        changes: changeLog.changes,
      })
      .from(changeLog)
      .where(eq(changeLog.actorId, mine))
      .orderBy(changeLog.at),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    memberships: memberOf,
    comments: commentRows,
    milestonesRecorded: milestoneRows,
    stageChanges: stageChangeRows,
    barometerAnswers: barometerRows,
    follows: followRows,
    notifications: await withoutGoneExcerpts(db, notificationRows),
    emailPreferences: preferenceRows,
    calendarFeeds: feedRows,
    invitationsSent: invitationRows,
    /** Structures the person invited to co-hold a project (still invited, or holding since). */
    coHoldingInvitationsSent: coHoldingRows,
    activity,
  };
}

/**
 * Replaces, inside one recorded change, every value that holds one of the erased strings as a
 * whole word — "Ali" erases "Merci Ali" but not "Alimentation".
 */
export function eraseValues(changes: FieldChange[], personal: string[]): FieldChange[] {
  const patterns = personal
    .filter((text) => text !== "")
    .map((text) => new RegExp(`(^|[^\\p{L}\\p{N}@._-])${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}@_-])`, "iu"));
  const holds = (value: unknown) => typeof value === "string" && patterns.some((pattern) => pattern.test(value));
  return changes.map((change) => ({
    field: change.field,
    before: holds(change.before) ? ERASED : change.before,
    after: holds(change.after) ? ERASED : change.after,
  }));
}

/**
 * Deletes the signed-in person's account: name and address erased, sign-in ended, memberships,
 * follows, notifications and preferences gone; what they wrote in projects stays, signed
 * "Compte supprimé", because the other side relied on it. Refused while they are the last
 * administrator of an organisation.
 */
export async function deleteAccount(db: DbOrTx, actor: Actor | null, input: TDeleteAccountInput) {
  const signedIn = requireActor(actor);
  const [user] = await db.select().from(users).where(eq(users.id, signedIn.userId)).for("update");
  if (!user || user.deletedAt) throw notFound("accountNotFound");
  if (user.email.toLowerCase() !== input.confirmEmail.trim().toLowerCase()) {
    throw new DomainError("BAD_REQUEST", "confirmWithEmail", { details: { field: "confirmEmail" } });
  }
  const otherAdmin = alias(memberships, "other_admin");
  const lastAdminOf = await db
    .select({ name: organisations.name })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(memberships.userId, user.id),
        eq(memberships.role, "admin"),
        notExists(
          db
            .select({ id: otherAdmin.id })
            .from(otherAdmin)
            .where(and(eq(otherAdmin.organisationId, memberships.organisationId), eq(otherAdmin.role, "admin"), ne(otherAdmin.userId, user.id))),
        ),
      ),
    )
    .orderBy(organisations.name);
  const names = lastAdminOf.map((row) => row.name);
  if (names.length > 0) {
    throw new DomainError("CONFLICT", "lastAdminOf", { values: { names: names.join(", ") }, details: { organisations: names } });
  }

  await db.delete(sessions).where(eq(sessions.userId, user.id));
  await db.delete(accounts).where(eq(accounts.userId, user.id));
  await db.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
  await db.delete(memberships).where(eq(memberships.userId, user.id));
  await db.delete(follows).where(eq(follows.userId, user.id));
  await db.delete(notifications).where(eq(notifications.userId, user.id));
  await db.delete(emailPreferences).where(eq(emailPreferences.userId, user.id));
  await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, user.id));
  await db.delete(digestClaims).where(eq(digestClaims.userId, user.id));
  await db.delete(outboxEmails).where(eq(outboxEmails.to, user.email));
  // Invitations still waiting for this address are of no use to anyone now.
  await db.update(invitations).set({ email: ERASED, revokedAt: new Date() }).where(eq(invitations.email, user.email));

  // The change log keeps who did what; the personal values inside it are blanked.
  const personal = [user.email, user.name ?? ""].filter((text) => text.length >= 3);
  const holding = await db
    .select({ id: changeLog.id, changes: changeLog.changes })
    .from(changeLog)
    .where(or(...personal.map((text) => like(sql`${changeLog.changes}::text`, `%${escapeLike(JSON.stringify(text).slice(1, -1))}%`))));
  if (holding.length > 0) {
    await db.execute(sql`select set_config('maillage.erasure', 'on', true)`);
    for (const row of holding) {
      await db
        .update(changeLog)
        .set({ changes: eraseValues(row.changes, personal) })
        .where(eq(changeLog.id, row.id));
    }
    await db.execute(sql`select set_config('maillage.erasure', 'off', true)`);
  }

  await db
    .update(users)
    .set({ name: DELETED_ACCOUNT_NAME, email: deletedAddress(user.id), emailVerified: null, image: null, isPlatformAdmin: false, deletedAt: new Date() })
    .where(eq(users.id, user.id));
  await recordChange(db, {
    actorId: user.id,
    entity: "user",
    entityId: user.id,
    action: "delete",
    changes: [{ field: "erasedEntries", before: null, after: holding.length }],
  });
  return { deleted: true, erasedEntries: holding.length };
}

/** Drops what has outlived its use; run daily by the scheduled jobs. */
export async function purgeExpiredData(db: DbOrTx, now: Date = new Date()) {
  const day = 86_400_000;
  const outbox = await db
    .delete(outboxEmails)
    .where(lt(outboxEmails.createdAt, new Date(now.getTime() - RETENTION.outboxDays * day)))
    .returning({ id: outboxEmails.id });
  const old = await db
    .delete(notifications)
    .where(lt(notifications.createdAt, new Date(now.getTime() - RETENTION.notificationDays * day)))
    .returning({ id: notifications.id });
  // Magic links last ten minutes; their rows have no reason to stay.
  await db.delete(verificationTokens).where(lt(verificationTokens.expires, now));
  await db.delete(sessions).where(lt(sessions.expires, now));
  const idempotencyKeys = await purgeIdempotencyKeys(db, now);
  return { outbox: outbox.length, notifications: old.length, idempotencyKeys };
}
