// Following projects, and what changed in them since one last looked.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import { changeLog, follows, projects } from "@/db/schema";
import { recordChange } from "./history";
import { loadProjectAccess, projectVisibleTo, requireActor, type Actor } from "./access";
import type { TFollowInput } from "@/server/api/routers/follow.schema";
import type { TProjectIdInput } from "@/server/api/routers/project.schema";

export async function followProject(db: DbOrTx, actor: Actor | null, input: TFollowInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = requireActor(access.actor);
  if (input.follow) {
    await db.insert(follows).values({ userId: signedIn.userId, projectId: input.projectId }).onConflictDoNothing();
  } else {
    await db.delete(follows).where(and(eq(follows.userId, signedIn.userId), eq(follows.projectId, input.projectId)));
  }
  // Following is one's own business: kept out of the project's "Historique" (no projectId).
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "follow",
    entityId: input.projectId,
    action: input.follow ? "follow" : "unfollow",
  });
  return { following: input.follow };
}

/**
 * Opening a followed project: what is new for the person starts after this moment. A visit is not
 * a change to anything: it moves the follow's mark and leaves the audit log alone.
 */
export async function markVisited(db: DbOrTx, actor: Actor | null, input: TProjectIdInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = requireActor(access.actor);
  const updated = await db
    .update(follows)
    .set({ lastVisitedAt: new Date() })
    .where(and(eq(follows.userId, signedIn.userId), eq(follows.projectId, input.projectId)))
    .returning({ projectId: follows.projectId });
  return { following: updated.length > 0 };
}

/**
 * The followed projects of `userId`, newest first, with what changed since the last visit. Prepared
 * once per connection handle, in two shapes: a platform admin reads every project.
 */
const followedStatements = preparedPerHandle((db) => {
  const userId = sql.placeholder("userId");
  const followed = (isPlatformAdmin: boolean) =>
    db
      .select({
        projectId: projects.id,
        title: projects.title,
        lastVisitedAt: follows.lastVisitedAt,
        updatedAt: projects.updatedAt,
        // One pass over the project's changes since the visit, for both the count and the kinds (JSON:
        // both drivers parse json without knowing the server's array types).
        news: sql<{
          count: number;
          kinds: string[] | null;
        }>`(select json_build_object('count', count(*), 'kinds', json_agg(distinct ${changeLog.entity} || ':' || ${changeLog.action}))
          from ${changeLog} where ${changeLog.projectId} = ${projects.id} and ${changeLog.at} > ${follows.lastVisitedAt} and ${changeLog.actorId} is distinct from ${userId})`,
      })
      .from(follows)
      .innerJoin(projects, eq(projects.id, follows.projectId))
      // A project one can no longer read (visibility changed, membership ended) drops out of the list.
      .where(and(eq(follows.userId, userId), projectVisibleTo(db, { userId, isPlatformAdmin })))
      .orderBy(desc(projects.updatedAt), asc(projects.id))
      .prepare(isPlatformAdmin ? "followed_by_admin" : "followed");
  return { byAdmin: followed(true), byPerson: followed(false) };
});

/** "Suivis": the followed projects, with what changed since the last visit (kinds and count). */
export async function listFollowed(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const statements = followedStatements(db);
  const rows = await (signedIn.isPlatformAdmin ? statements.byAdmin : statements.byPerson).execute({ userId: signedIn.userId });
  return rows.map(({ news, ...row }) => ({ ...row, newChanges: news.count, newKinds: news.kinds ?? [] }));
}
