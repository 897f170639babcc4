// In-app notifications: written in the same transaction as what they tell about.
import { and, count, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { comments, memberships, milestones, notifications, organisations, projectParties, projects, users } from "@/db/schema";
import type { Side } from "@/server/domain/gradient";
import { notFound } from "@/server/errors";
import { membershipCounts, requireActor, type Actor } from "./access";
import { recordChange } from "./history";

import type { NotificationKind } from "@/server/domain/notifications";
import type { TMarkReadInput } from "@/server/api/routers/notification.schema";

export async function notify(
  db: DbOrTx,
  event: { userIds: string[]; kind: NotificationKind; projectId: string | null; actorId: string | null; payload: Record<string, string> },
) {
  const recipients = [...new Set(event.userIds)].filter((userId) => userId !== event.actorId);
  if (recipients.length === 0) return;
  await db
    .insert(notifications)
    .values(recipients.map((userId) => ({ userId, kind: event.kind, projectId: event.projectId, actorId: event.actorId, payload: event.payload })));
}

/**
 * What a notification announced has been acted on (a proposal decided, a milestone answered, a
 * claim verified): it is read for everyone who got it. `payload` picks them out (its keys and
 * values contained in theirs); `actorId`, when given, who asked.
 */
export async function markAnnouncedRead(db: DbOrTx, kind: NotificationKind, payload: Record<string, string>, actorId?: string) {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        isNull(notifications.readAt),
        eq(notifications.kind, kind),
        sql`${notifications.payload} @> ${JSON.stringify(payload)}::jsonb`,
        actorId ? eq(notifications.actorId, actorId) : undefined,
      ),
    );
}

/** The people who speak for one side of a relationship: the holding structures' members, or the authority's verified ones. */
export async function peopleOfSide(db: DbOrTx, projectId: string, side: Side, authorityId: string): Promise<string[]> {
  if (side === "collective") {
    const rows = await db
      .selectDistinct({ userId: memberships.userId })
      .from(projectParties)
      .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
      .innerJoin(memberships, eq(memberships.organisationId, projectParties.organisationId))
      .where(
        and(
          eq(projectParties.projectId, projectId),
          eq(projectParties.role, "holder"),
          eq(projectParties.status, "active"),
          membershipCounts(organisations.kind, memberships.verifiedAt),
        ),
      );
    return rows.map((row) => row.userId);
  }
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, authorityId), isNotNull(memberships.verifiedAt)));
  return rows.map((row) => row.userId);
}

/**
 * One's notifications, newest first; a quote of a comment or a milestone only while the thread
 * and the timeline still show it (withoutGoneExcerpts).
 */
export async function listNotifications(db: DbOrTx, actor: Actor | null, input: { limit?: number } = {}) {
  const signedIn = requireActor(actor);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      projectId: notifications.projectId,
      projectTitle: projects.title,
      actorName: users.name,
      payload: notifications.payload,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(projects, eq(projects.id, notifications.projectId))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.userId, signedIn.userId))
    .orderBy(desc(notifications.createdAt))
    .limit(input.limit ?? 100);
  return withoutGoneExcerpts(db, rows);
}

/** The payload fields that quote what someone wrote: a comment's excerpt, a milestone's title, an answer. */
const QUOTES = new Set(["excerpt", "title", "comment"]);

/**
 * Notifications as they may be read now: one that quotes a comment or a milestone loses the
 * quote once moderation hides it (or its author deletes the comment), as the thread and the
 * timeline do. The author's own moderation notices keep theirs: they are told what was hidden.
 */
export async function withoutGoneExcerpts<T extends { kind: NotificationKind; payload: Record<string, string> }>(db: DbOrTx, rows: T[]): Promise<T[]> {
  const quoting = rows.filter((row) => row.kind !== "moderation");
  const commentIds = [...new Set(quoting.flatMap((row) => (row.payload.commentId ? [row.payload.commentId] : [])))];
  const milestoneIds = [...new Set(quoting.flatMap((row) => (row.payload.milestoneId ? [row.payload.milestoneId] : [])))];
  if (commentIds.length === 0 && milestoneIds.length === 0) return rows;
  const [goneComments, hiddenMilestones] = await Promise.all([
    commentIds.length === 0
      ? []
      : db
          .select({ id: comments.id })
          .from(comments)
          .where(and(inArray(comments.id, commentIds), or(isNotNull(comments.hiddenAt), isNotNull(comments.deletedAt)))),
    milestoneIds.length === 0
      ? []
      : db
          .select({ id: milestones.id })
          .from(milestones)
          .where(and(inArray(milestones.id, milestoneIds), isNotNull(milestones.hiddenAt))),
  ]);
  const gone = new Set([...goneComments, ...hiddenMilestones].map((row) => row.id));
  return rows.map((row) => {
    if (row.kind === "moderation" || !(gone.has(row.payload.commentId ?? "") || gone.has(row.payload.milestoneId ?? ""))) return row;
    return { ...row, payload: Object.fromEntries(Object.entries(row.payload).filter(([key]) => !QUOTES.has(key))) };
  });
}

export async function countUnread(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, signedIn.userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks some of one's own notifications read, or all of them; others' are never touched. */
export async function markRead(db: DbOrTx, actor: Actor | null, input: TMarkReadInput) {
  const signedIn = requireActor(actor);
  if (input.ids && input.ids.length > 0) {
    const wanted = [...new Set(input.ids)];
    const own = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, signedIn.userId), inArray(notifications.id, wanted)));
    if (own.length !== wanted.length) throw notFound("notificationNotFound");
  }
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, signedIn.userId), isNull(notifications.readAt), input.ids ? inArray(notifications.id, input.ids) : undefined))
    .returning({ id: notifications.id });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "notification",
    entityId: input.ids ? input.ids.join(",").slice(0, 400) : "all",
    action: "mark_read",
    changes: [{ field: "readAt", before: null, after: `${updated.length}` }],
  });
  return { marked: updated.length };
}
