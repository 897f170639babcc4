// In-app notifications: written in the same transaction as what they tell about.
import { and, count, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { memberships, notifications, projects, users, type notificationKind } from "@/db/schema";
import type { Side } from "@/server/domain/gradient";
import { notFound } from "@/server/errors";
import { requireActor, type Actor } from "./access";
import { recordChange } from "./history";

export type NotificationKind = (typeof notificationKind.enumValues)[number];

export async function notify(
  db: DbOrTx,
  event: { userIds: string[]; kind: NotificationKind; projectId: string | null; actorId: string | null; payload: Record<string, string> },
) {
  const recipients = [...new Set(event.userIds)].filter((userId) => userId !== event.actorId);
  if (recipients.length === 0) return;
  await db.insert(notifications).values(
    recipients.map((userId) => ({ userId, kind: event.kind, projectId: event.projectId, actorId: event.actorId, payload: event.payload })),
  );
}

/** The people who speak for one side of a relationship: the collective's members, or the authority's verified ones. */
export async function peopleOfSide(db: DbOrTx, projectId: string, side: Side, authorityId: string): Promise<string[]> {
  if (side === "collective") {
    const rows = await db
      .select({ userId: memberships.userId })
      .from(projects)
      .innerJoin(memberships, eq(memberships.organisationId, projects.leadCollectiveId))
      .where(eq(projects.id, projectId));
    return rows.map((row) => row.userId);
  }
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, authorityId), isNotNull(memberships.verifiedAt)));
  return rows.map((row) => row.userId);
}

export async function listNotifications(db: DbOrTx, actor: Actor | null, input: { limit?: number } = {}) {
  const signedIn = requireActor(actor);
  return db
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
export async function markRead(db: DbOrTx, actor: Actor | null, input: { ids?: string[] }) {
  const signedIn = requireActor(actor);
  if (input.ids && input.ids.length > 0) {
    const wanted = [...new Set(input.ids)];
    const own = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, signedIn.userId), inArray(notifications.id, wanted)));
    if (own.length !== wanted.length) throw notFound("Notification introuvable.");
  }
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, signedIn.userId),
        isNull(notifications.readAt),
        input.ids ? inArray(notifications.id, input.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "notification",
    entityId: input.ids ? input.ids.join(",").slice(0, 400) : "all",
    action: "marked_read",
    changes: [{ field: "readAt", before: null, after: `${updated.length}` }],
  });
  return { marked: updated.length };
}
