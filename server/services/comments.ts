// The project's discussion thread: the parties write, mention one another, edit or delete their own words.
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { excerptOf } from "@/server/domain/excerpt";
import { commentMentions, comments, memberships, organisations, projectParties, users } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import {
  assertCanComment,
  assertCommentAuthor,
  assertCanReadComments,
  canModerateProject,
  loadProjectAccess,
  membershipCounts,
  requireActor,
  type Actor,
} from "./access";
import { changedFields, recordChange } from "./history";
import { notify } from "./notifications";
import { enforceRateLimit, LIMITS } from "./rate-limits";
import type { TAddCommentInput, TCommentIdInput, TEditCommentInput } from "@/server/api/routers/comment.schema";

/** The people one may mention: the members of the project's active parties (verified, for an authority). */
async function partyPeople(db: DbOrTx, projectId: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name, email: users.email })
    .from(projectParties)
    .innerJoin(memberships, eq(memberships.organisationId, projectParties.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
    .where(and(eq(projectParties.projectId, projectId), eq(projectParties.status, "active"), membershipCounts(organisations.kind, memberships.verifiedAt)))
    .orderBy(asc(users.name));
}

export async function listMentionable(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await loadProjectAccess(db, actor, projectId);
  assertCanComment(access);
  return (await partyPeople(db, projectId)).map((person) => ({ id: person.id, name: person.name ?? person.email }));
}

export async function listComments(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await loadProjectAccess(db, actor, projectId);
  const signedIn = assertCanReadComments(access);
  const moderator = canModerateProject(access);
  const rows = await db
    .select({
      id: comments.id,
      body: comments.body,
      authorId: comments.authorId,
      authorName: users.name,
      createdAt: comments.createdAt,
      updatedAt: comments.updatedAt,
      deletedAt: comments.deletedAt,
      version: comments.version,
      hidden: sql<boolean>`${comments.hiddenAt} is not null`,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    // Hidden comments are gone for everyone but the project's moderators.
    .where(and(eq(comments.projectId, projectId), moderator ? undefined : isNull(comments.hiddenAt)))
    .orderBy(asc(comments.createdAt));
  const mentions =
    rows.length === 0
      ? []
      : await db
          .select({ commentId: commentMentions.commentId, userId: users.id, name: users.name })
          .from(commentMentions)
          .innerJoin(users, eq(users.id, commentMentions.userId))
          .where(
            inArray(
              commentMentions.commentId,
              rows.map((row) => row.id),
            ),
          );
  return rows.map((row) => ({
    ...row,
    body: row.deletedAt ? "" : row.body,
    mine: row.authorId === signedIn.userId,
    mentions: row.deletedAt ? [] : mentions.filter((mention) => mention.commentId === row.id),
  }));
}

export async function addComment(db: Database, actor: Actor | null, input: TAddCommentInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCanComment(access);
  const mentionIds = [...new Set(input.mentionIds)];
  if (mentionIds.length > 0) {
    const allowed = new Set((await partyPeople(db, input.projectId)).map((person) => person.id));
    if (mentionIds.some((id) => !allowed.has(id))) {
      throw new DomainError("BAD_REQUEST", "mentionOnlyReaders");
    }
    await enforceRateLimit(db, LIMITS.mentionsPerPerson, signedIn.userId, "tooManyMentions");
  }
  const [comment] = await db
    .insert(comments)
    .values({ projectId: input.projectId, authorId: signedIn.userId, body: input.body })
    .returning({ id: comments.id });
  if (!comment) throw new Error("insert returned no row");
  if (mentionIds.length > 0) {
    await db.insert(commentMentions).values(mentionIds.map((userId) => ({ commentId: comment.id, userId })));
  }
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "comment",
    entityId: comment.id,
    projectId: input.projectId,
    action: "create",
    changes: changedFields({}, { body: input.body }),
    version: 1,
  });
  await notify(db, {
    userIds: mentionIds,
    kind: "mention",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { excerpt: excerptOf(input.body), commentId: comment.id },
  });
  return { commentId: comment.id };
}

async function ownComment(db: DbOrTx, actor: Actor | null, commentId: string) {
  const signedIn = requireActor(actor);
  const [comment] = await db.select().from(comments).where(eq(comments.id, commentId));
  if (!comment) throw notFound("commentNotFound");
  await loadProjectAccess(db, signedIn, comment.projectId, "commentNotFound");
  assertCommentAuthor(comment, signedIn);
  if (comment.deletedAt) throw new DomainError("CONFLICT", "commentDeleted");
  if (comment.hiddenAt) throw new DomainError("CONFLICT", "commentHidden");
  return { signedIn, comment };
}

export async function editComment(db: Database, actor: Actor | null, input: TEditCommentInput) {
  const { signedIn, comment } = await ownComment(db, actor, input.commentId);
  const [updated] = await db
    .update(comments)
    .set({ body: input.body, version: comment.version + 1, updatedAt: new Date() })
    .where(and(eq(comments.id, comment.id), eq(comments.version, input.version)))
    .returning({ version: comments.version });
  if (!updated) throw new DomainError("CONFLICT", "commentChangedMeanwhile");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "comment",
    entityId: comment.id,
    projectId: comment.projectId,
    action: "update",
    changes: changedFields({ body: comment.body }, { body: input.body }),
    version: updated.version,
  });
  return { commentId: comment.id, version: updated.version };
}

export async function deleteComment(db: Database, actor: Actor | null, input: TCommentIdInput) {
  const { signedIn, comment } = await ownComment(db, actor, input.commentId);
  await db
    .update(comments)
    .set({ deletedAt: new Date(), version: comment.version + 1 })
    .where(eq(comments.id, comment.id));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "comment",
    entityId: comment.id,
    projectId: comment.projectId,
    action: "delete",
    changes: [{ field: "body", before: comment.body, after: null }],
    version: comment.version + 1,
  });
  return { commentId: comment.id, deleted: true };
}
