// Moderation of what people write in a project: parties report a comment or a milestone; the
// moderators of a network holding the project hide it, restore it or dismiss the report, with a
// reason the author (or the reporter) is told. Hidden content stays in the history.
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { excerptOf } from "@/server/domain/excerpt";
import { comments, contentReports, mediationNotes, milestoneRelationships, milestones, relationships } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { assertCanModerateProject, assertCanReport, canModerateProject, assertHoldingModerator, loadProjectAccess, requireActor, type Actor } from "./access";
import { recordChange } from "./history";
import { notify, peopleOfSide } from "./notifications";
import { LIMITS, enforceRateLimit } from "./rate-limits";
import type { TModerateInput, TDismissReportInput, TMilestoneNoteInput, TReportInput } from "@/server/api/routers/moderation.schema";

export type ContentKind = "comment" | "milestone";

type Content = { kind: ContentKind; id: string; projectId: string; authorId: string | null; excerpt: string; hidden: boolean; gone: boolean };

async function loadContent(db: DbOrTx, kind: ContentKind, id: string): Promise<Content> {
  if (kind === "comment") {
    const [comment] = await db.select().from(comments).where(eq(comments.id, id));
    if (!comment) throw notFound("commentNotFound");
    return {
      kind,
      id,
      projectId: comment.projectId,
      authorId: comment.authorId,
      excerpt: excerptOf(comment.body),
      hidden: comment.hiddenAt !== null,
      gone: comment.deletedAt !== null,
    };
  }
  const [milestone] = await db.select().from(milestones).where(eq(milestones.id, id));
  if (!milestone) throw notFound("milestoneNotFound");
  return {
    kind,
    id,
    projectId: milestone.projectId,
    authorId: milestone.recordedById,
    excerpt: milestone.title,
    hidden: milestone.hiddenAt !== null,
    gone: false,
  };
}

/** Content one may not see is not found, whether or not it exists. */
async function contentWithAccess(db: DbOrTx, actor: Actor | null, kind: ContentKind, id: string) {
  requireActor(actor);
  const content = await loadContent(db, kind, id);
  const access = await loadProjectAccess(db, actor, content.projectId, kind === "comment" ? "commentNotFound" : "milestoneNotFound");
  return { content, access };
}

export async function reportContent(db: Database, actor: Actor | null, input: TReportInput) {
  const { content, access } = await contentWithAccess(db, actor, input.kind, input.contentId);
  const reporter = assertCanReport(access);
  if (content.hidden && !canModerateProject(access)) {
    // Hidden content is invisible to the reporter: answer as if it did not exist.
    throw notFound(input.kind === "comment" ? "commentNotFound" : "milestoneNotFound");
  }
  if (content.gone) throw new DomainError("CONFLICT", "commentDeletedByAuthor");
  if (content.hidden) throw new DomainError("CONFLICT", "alreadyHidden");
  await enforceRateLimit(db, LIMITS.reportsPerPerson, reporter.userId, "tooManyReports");
  const [report] = await db
    .insert(contentReports)
    .values({ projectId: content.projectId, contentKind: input.kind, contentId: content.id, reason: input.reason, reporterId: reporter.userId })
    .onConflictDoNothing()
    .returning({ id: contentReports.id });
  if (!report) throw new DomainError("CONFLICT", "alreadyReported");
  await recordChange(db, {
    actorId: reporter.userId,
    entity: "content_report",
    entityId: report.id,
    projectId: content.projectId,
    action: "report",
    changes: [
      { field: input.kind, before: null, after: content.id },
      { field: "reason", before: null, after: input.reason },
    ],
  });
  return { reportId: report.id };
}

async function setHidden(db: Database, actor: Actor | null, input: TModerateInput, hide: boolean) {
  const { content, access } = await contentWithAccess(db, actor, input.kind, input.contentId);
  const moderator = assertCanModerateProject(access);
  const table = input.kind === "comment" ? comments : milestones;
  const [changed] = await db
    .update(table)
    .set({ hiddenAt: hide ? new Date() : null })
    .where(and(eq(table.id, content.id), hide ? isNull(table.hiddenAt) : isNotNull(table.hiddenAt)))
    .returning({ id: table.id });
  if (!changed) throw new DomainError("CONFLICT", hide ? "alreadyHidden" : "notHidden");
  if (hide) {
    await db
      .update(contentReports)
      .set({ status: "acted", decidedById: moderator.userId, decidedAt: new Date(), decisionReason: input.reason })
      .where(and(eq(contentReports.contentKind, input.kind), eq(contentReports.contentId, content.id), eq(contentReports.status, "open")));
  }
  await recordChange(db, {
    actorId: moderator.userId,
    entity: input.kind,
    entityId: content.id,
    projectId: content.projectId,
    action: hide ? "hide" : "restore",
    changes: [{ field: "reason", before: null, after: input.reason }],
  });
  await notify(db, {
    userIds: content.authorId ? [content.authorId] : [],
    kind: "moderation",
    projectId: content.projectId,
    actorId: moderator.userId,
    payload: { action: hide ? "hidden" : "restored", content: input.kind, excerpt: content.excerpt, reason: input.reason },
  });
  return { kind: input.kind, contentId: content.id, hidden: hide };
}

export function hideContent(db: Database, actor: Actor | null, input: TModerateInput) {
  return setHidden(db, actor, input, true);
}

export function restoreContent(db: Database, actor: Actor | null, input: TModerateInput) {
  return setHidden(db, actor, input, false);
}

/** The report was unfounded: it leaves the queue, the content stays, the reporter is told why. */
export async function dismissReport(db: Database, actor: Actor | null, input: TDismissReportInput) {
  requireActor(actor);
  const [report] = await db.select().from(contentReports).where(eq(contentReports.id, input.reportId));
  if (!report) throw notFound("reportNotFound");
  const access = await loadProjectAccess(db, actor, report.projectId, "reportNotFound");
  const moderator = assertCanModerateProject(access);
  const [dismissed] = await db
    .update(contentReports)
    .set({ status: "dismissed", decidedById: moderator.userId, decidedAt: new Date(), decisionReason: input.reason })
    .where(and(eq(contentReports.id, report.id), eq(contentReports.status, "open")))
    .returning({ id: contentReports.id });
  if (!dismissed) throw new DomainError("CONFLICT", "reportAlreadyHandled");
  const content = await loadContent(db, report.contentKind, report.contentId);
  await recordChange(db, {
    actorId: moderator.userId,
    entity: "content_report",
    entityId: report.id,
    projectId: report.projectId,
    action: "dismiss",
    changes: [{ field: "reason", before: null, after: input.reason }],
  });
  await notify(db, {
    userIds: report.reporterId ? [report.reporterId] : [],
    kind: "moderation",
    projectId: report.projectId,
    actorId: moderator.userId,
    payload: { action: "dismissed", content: report.contentKind, excerpt: content.excerpt, reason: input.reason },
  });
  return { reportId: report.id, status: "dismissed" as const };
}

/** A holding network's moderator adds a note on a contested milestone; both sides see it and are told. */
export async function addMilestoneMediationNote(db: Database, actor: Actor | null, input: TMilestoneNoteInput) {
  requireActor(actor);
  const [link] = await db
    .select({
      confirmation: milestoneRelationships.confirmation,
      projectId: milestones.projectId,
      authorityId: relationships.authorityId,
      title: milestones.title,
    })
    .from(milestoneRelationships)
    .innerJoin(milestones, eq(milestones.id, milestoneRelationships.milestoneId))
    .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
    .where(and(eq(milestoneRelationships.milestoneId, input.milestoneId), eq(milestoneRelationships.relationshipId, input.relationshipId)));
  if (!link) throw notFound("milestoneNotFound");
  const access = await loadProjectAccess(db, actor, link.projectId, "milestoneNotFound");
  const { actor: moderator, networkId } = assertHoldingModerator(access);
  if (link.confirmation !== "contested") throw new DomainError("CONFLICT", "milestoneNotContested");
  const [note] = await db
    .insert(mediationNotes)
    .values({ milestoneId: input.milestoneId, relationshipId: input.relationshipId, authorId: moderator.userId, networkId, text: input.text })
    .returning({ id: mediationNotes.id });
  await recordChange(db, {
    actorId: moderator.userId,
    entity: "milestone",
    entityId: input.milestoneId,
    projectId: link.projectId,
    action: "mediation_note",
    changes: [{ field: "note", before: null, after: input.text }],
  });
  const [collective, authority] = await Promise.all([
    peopleOfSide(db, link.projectId, "collective", link.authorityId),
    peopleOfSide(db, link.projectId, "authority", link.authorityId),
  ]);
  await notify(db, {
    userIds: [...collective, ...authority],
    kind: "mediation",
    projectId: link.projectId,
    actorId: moderator.userId,
    payload: { title: link.title, excerpt: input.text.slice(0, 140), milestoneId: input.milestoneId },
  });
  return { noteId: note?.id };
}
