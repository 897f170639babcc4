// Everything the project page shows about trust: relationships and their stages, proposals,
// the timeline of milestones and stage changes, the barometer readings and the next steps.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import {
  barometerAnswerSets,
  mediationNotes,
  milestoneLevers,
  milestoneRelationships,
  milestones,
  organisations,
  relationships,
  stageChangeMilestones,
  stageChanges,
  territories,
  users,
} from "@/db/schema";
import {
  divergence,
  readingOf,
  recommendedLevers,
  suggestStage,
  type AnswerSet,
  type LeverId,
  type Side,
  type Stage,
} from "@/server/domain/gradient";
import { canModerateProject, isProjectParty, loadProjectAccess, type Actor } from "./access";

const proposer = alias(users, "proposer");
const decider = alias(users, "decider");
const recorder = alias(users, "recorder");

export async function getProjectOverview(db: DbOrTx, actor: Actor | null, projectId: string, now = new Date()) {
  const access = await loadProjectAccess(db, actor, projectId);
  const moderator = canModerateProject(access);
  // Every read below names the project's relationships and shown milestones as subqueries, so
  // they all go out together: one round trip's wait instead of three in a row.
  const projectRelationships = db.select({ id: relationships.id }).from(relationships).where(eq(relationships.projectId, projectId));
  // Hidden milestones are gone for everyone but the project's moderators.
  const shownMilestones = and(eq(milestones.projectId, projectId), moderator ? undefined : isNull(milestones.hiddenAt));
  const milestonesShown = db.select({ id: milestones.id }).from(milestones).where(shownMilestones);
  const relationshipsQuery = db
    .select({
      id: relationships.id,
      authorityId: relationships.authorityId,
      authorityName: organisations.name,
      territoryKind: territories.kind,
      stage: relationships.stage,
      createdAt: relationships.createdAt,
    })
    .from(relationships)
    .innerJoin(organisations, eq(organisations.id, relationships.authorityId))
    .innerJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(relationships.projectId, projectId))
    .orderBy(asc(relationships.createdAt));

  const [relationshipRows, changeRows, noteRows, supportRows, milestoneRows, answerRows, leverRows, linkRows, milestoneNoteRows] = await Promise.all([
    relationshipsQuery,
    db
      .select({
        id: stageChanges.id,
        relationshipId: stageChanges.relationshipId,
        fromStage: stageChanges.fromStage,
        toStage: stageChanges.toStage,
        reason: stageChanges.reason,
        proposedSide: stageChanges.proposedSide,
        proposedAt: stageChanges.proposedAt,
        proposedByName: proposer.name,
        status: stageChanges.status,
        decidedAt: stageChanges.decidedAt,
        decidedByName: decider.name,
        decisionComment: stageChanges.decisionComment,
      })
      .from(stageChanges)
      .leftJoin(proposer, eq(proposer.id, stageChanges.proposedById))
      .leftJoin(decider, eq(decider.id, stageChanges.decidedById))
      .where(inArray(stageChanges.relationshipId, projectRelationships))
      .orderBy(asc(stageChanges.proposedAt)),
    db
      .select({
        id: mediationNotes.id,
        stageChangeId: mediationNotes.stageChangeId,
        text: mediationNotes.text,
        createdAt: mediationNotes.createdAt,
        authorName: users.name,
        networkName: organisations.name,
      })
      .from(mediationNotes)
      .innerJoin(stageChanges, eq(stageChanges.id, mediationNotes.stageChangeId))
      .leftJoin(users, eq(users.id, mediationNotes.authorId))
      .innerJoin(organisations, eq(organisations.id, mediationNotes.networkId))
      .where(inArray(stageChanges.relationshipId, projectRelationships))
      .orderBy(asc(mediationNotes.createdAt)),
    db
      .select({ stageChangeId: stageChangeMilestones.stageChangeId, milestoneId: stageChangeMilestones.milestoneId })
      .from(stageChangeMilestones)
      .innerJoin(stageChanges, eq(stageChanges.id, stageChangeMilestones.stageChangeId))
      .where(inArray(stageChanges.relationshipId, projectRelationships)),
    db
      .select({
        id: milestones.id,
        kind: milestones.kind,
        title: milestones.title,
        occursOn: milestones.occursOn,
        status: milestones.status,
        description: milestones.description,
        evidenceLinks: milestones.evidenceLinks,
        recordedSide: milestones.recordedSide,
        recordedByName: recorder.name,
        version: milestones.version,
        hidden: sql<boolean>`${milestones.hiddenAt} is not null`,
      })
      .from(milestones)
      .leftJoin(recorder, eq(recorder.id, milestones.recordedById))
      .where(shownMilestones)
      .orderBy(desc(milestones.occursOn), asc(milestones.id)),
    access.publicOnly
      ? []
      : db
          .select({
            relationshipId: barometerAnswerSets.relationshipId,
            side: barometerAnswerSets.side,
            respondentId: barometerAnswerSets.respondentId,
            answeredAt: barometerAnswerSets.answeredAt,
            answers: barometerAnswerSets.answers,
          })
          .from(barometerAnswerSets)
          .where(inArray(barometerAnswerSets.relationshipId, projectRelationships)),
    db.select().from(milestoneLevers).where(inArray(milestoneLevers.milestoneId, milestonesShown)),
    db
      .select({
        milestoneId: milestoneRelationships.milestoneId,
        relationshipId: milestoneRelationships.relationshipId,
        confirmation: milestoneRelationships.confirmation,
        comment: milestoneRelationships.comment,
      })
      .from(milestoneRelationships)
      .where(inArray(milestoneRelationships.milestoneId, milestonesShown)),
    db
      .select({
        id: mediationNotes.id,
        milestoneId: mediationNotes.milestoneId,
        relationshipId: mediationNotes.relationshipId,
        text: mediationNotes.text,
        createdAt: mediationNotes.createdAt,
        authorName: users.name,
        networkName: organisations.name,
      })
      .from(mediationNotes)
      .leftJoin(users, eq(users.id, mediationNotes.authorId))
      .innerJoin(organisations, eq(organisations.id, mediationNotes.networkId))
      .where(inArray(mediationNotes.milestoneId, milestonesShown))
      .orderBy(asc(mediationNotes.createdAt)),
  ]);

  const timelineMilestones = milestoneRows.map((milestone) => ({
    ...milestone,
    levers: leverRows.filter((row) => row.milestoneId === milestone.id).map((row) => row.leverId as LeverId),
    relationships: linkRows
      .filter((row) => row.milestoneId === milestone.id)
      .map((link) => ({
        ...link,
        notes: milestoneNoteRows.filter((note) => note.milestoneId === link.milestoneId && note.relationshipId === link.relationshipId),
      })),
  }));

  const relationshipViews = relationshipRows.map((relationship) => {
    const changes = changeRows
      .filter((change) => change.relationshipId === relationship.id)
      .map((change) => ({
        ...change,
        notes: noteRows.filter((note) => note.stageChangeId === change.id),
        milestoneIds: supportRows.filter((row) => row.stageChangeId === change.id).map((row) => row.milestoneId),
      }));
    const answersOf = (side: Side): AnswerSet[] =>
      answerRows
        .filter((row) => row.relationshipId === relationship.id && row.side === side)
        .map((row) => ({ respondentId: row.respondentId, answeredAt: row.answeredAt, answers: row.answers }));
    const collectiveReading = readingOf(answersOf("collective"), now);
    const authorityReading = readingOf(answersOf("authority"), now);
    const usedLevers = new Set(
      timelineMilestones
        .filter((milestone) => milestone.status !== "cancelled" && milestone.relationships.some((link) => link.relationshipId === relationship.id))
        .flatMap((milestone) => milestone.levers),
    );
    const pending = changes.find((change) => change.status === "pending") ?? null;
    const stageForAdvice: Stage = relationship.stage ?? pending?.toStage ?? "defiance";
    return {
      ...relationship,
      pending,
      changes,
      /** Confirmed stages over time, for the progression chart. */
      progression: changes
        .filter((change) => change.status === "confirmed" && change.decidedAt)
        .map((change) => ({ at: change.decidedAt as Date, stage: change.toStage })),
      barometer: access.publicOnly
        ? null
        : {
            collective: { ...collectiveReading, suggestion: suggestStage(collectiveReading) },
            authority: { ...authorityReading, suggestion: suggestStage(authorityReading) },
            divergence: divergence(collectiveReading, authorityReading),
          },
      nextSteps: recommendedLevers(stageForAdvice).map((lever) => ({ lever, used: usedLevers.has(lever) })),
    };
  });

  return { relationships: relationshipViews, milestones: timelineMilestones, canModerate: moderator, canReport: isProjectParty(access) };
}

export type ProjectOverview = Awaited<ReturnType<typeof getProjectOverview>>;
