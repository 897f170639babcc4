// What waits for a network's moderators: open reports and hidden content, and contested milestones to mediate.
import { and, asc, eq, exists, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { comments, contentReports, mediationNotes, milestoneRelationships, milestones, organisations, projects, relationships, users } from "@/db/schema";
import { projectsModeratedBy, requireActor, type Actor } from "./access";
import type { ContentKind } from "./moderation";

/**
 * The moderation queue: open reports grouped by content, and what is hidden now (to restore),
 * for the projects the person moderates.
 */
export async function listModerationQueue(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const reporter = alias(users, "reporter");
  const openReports = await db
    .select({
      id: contentReports.id,
      projectId: contentReports.projectId,
      projectTitle: projects.title,
      contentKind: contentReports.contentKind,
      contentId: contentReports.contentId,
      reason: contentReports.reason,
      reporterName: reporter.name,
      createdAt: contentReports.createdAt,
    })
    .from(contentReports)
    .innerJoin(projects, eq(projects.id, contentReports.projectId))
    .leftJoin(reporter, eq(reporter.id, contentReports.reporterId))
    .where(and(eq(contentReports.status, "open"), projectsModeratedBy(db, signedIn)))
    .orderBy(asc(contentReports.createdAt));

  const openReportOn = (kind: ContentKind, id: typeof comments.id | typeof milestones.id) =>
    db
      .select({ one: sql`1` })
      .from(contentReports)
      .where(and(eq(contentReports.contentKind, kind), eq(contentReports.contentId, id), eq(contentReports.status, "open")));
  const author = alias(users, "author");
  const moderated = projectsModeratedBy(db, signedIn);
  const [commentRows, milestoneRows] = await Promise.all([
    db
      .select({
        id: comments.id,
        projectId: comments.projectId,
        projectTitle: projects.title,
        text: comments.body,
        authorName: author.name,
        at: comments.createdAt,
        hiddenAt: comments.hiddenAt,
      })
      .from(comments)
      .innerJoin(projects, eq(projects.id, comments.projectId))
      .leftJoin(author, eq(author.id, comments.authorId))
      .where(and(or(isNotNull(comments.hiddenAt), exists(openReportOn("comment", comments.id))), moderated)),
    db
      .select({
        id: milestones.id,
        projectId: milestones.projectId,
        projectTitle: projects.title,
        text: milestones.title,
        authorName: author.name,
        at: milestones.createdAt,
        hiddenAt: milestones.hiddenAt,
      })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .leftJoin(author, eq(author.id, milestones.recordedById))
      .where(and(or(isNotNull(milestones.hiddenAt), exists(openReportOn("milestone", milestones.id))), moderated)),
  ]);
  const contents = [
    ...commentRows.map((row) => ({ ...row, kind: "comment" as const })),
    ...milestoneRows.map((row) => ({ ...row, kind: "milestone" as const })),
  ];
  const withReports = contents.map((content) => ({
    ...content,
    reports: openReports
      .filter((report) => report.contentKind === content.kind && report.contentId === content.id)
      .map(({ id, reason, reporterName, createdAt }) => ({ id, reason, reporterName, createdAt })),
  }));
  const byFirstReport = (content: (typeof withReports)[number]) => content.reports[0]?.createdAt.getTime() ?? 0;
  return {
    reported: withReports.filter((content) => content.reports.length > 0).sort((a, b) => byFirstReport(a) - byFirstReport(b)),
    hidden: withReports
      .filter((content) => content.hiddenAt !== null && content.reports.length === 0)
      .sort((a, b) => (b.hiddenAt?.getTime() ?? 0) - (a.hiddenAt?.getTime() ?? 0)),
  };
}

/** Milestones one side recorded and the other contested, in the projects the person's networks hold. */
export async function listContestedMilestones(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const authority = alias(organisations, "contesting_authority");
  const decider = alias(users, "contested_by");
  const rows = await db
    .select({
      milestoneId: milestones.id,
      relationshipId: relationships.id,
      projectId: projects.id,
      projectTitle: projects.title,
      title: milestones.title,
      occursOn: milestones.occursOn,
      recordedSide: milestones.recordedSide,
      authorityName: authority.name,
      comment: milestoneRelationships.comment,
      contestedByName: decider.name,
      contestedAt: milestoneRelationships.decidedAt,
    })
    .from(milestoneRelationships)
    .innerJoin(milestones, eq(milestones.id, milestoneRelationships.milestoneId))
    .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .innerJoin(authority, eq(authority.id, relationships.authorityId))
    .leftJoin(decider, eq(decider.id, milestoneRelationships.decidedById))
    .where(and(eq(milestoneRelationships.confirmation, "contested"), isNull(milestones.hiddenAt), projectsModeratedBy(db, signedIn)))
    .orderBy(asc(milestoneRelationships.decidedAt));
  const notes =
    rows.length === 0
      ? []
      : await db
          .select({
            milestoneId: mediationNotes.milestoneId,
            relationshipId: mediationNotes.relationshipId,
            text: mediationNotes.text,
            createdAt: mediationNotes.createdAt,
            authorName: users.name,
          })
          .from(mediationNotes)
          .leftJoin(users, eq(users.id, mediationNotes.authorId))
          .where(
            inArray(
              mediationNotes.milestoneId,
              rows.map((row) => row.milestoneId),
            ),
          )
          .orderBy(asc(mediationNotes.createdAt));
  return rows.map((row) => ({
    ...row,
    notes: notes.filter((note) => note.milestoneId === row.milestoneId && note.relationshipId === row.relationshipId),
  }));
}
