// Everything the project page shows about trust: relationships and their stages, proposals,
// the timeline of milestones and stage changes, the barometer readings and the next steps.
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
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
  answerSetsBySide,
  divergence,
  firstPastFacts,
  readingOf,
  recommendedLevers,
  suggestStage,
  type LeverId,
  type Side,
  type Stage,
} from "@/server/domain/gradient";
import { settlesPastFacts } from "@/server/domain/milestones";
import {
  canModerateProject,
  isProjectParty,
  loadProjectAccess,
  mayAnswerMilestone,
  mayChangeMilestoneStatus,
  mayReviseMilestone,
  relationshipDecisions,
  type Actor,
} from "./access";
import { answerSetColumns } from "./barometer";

const proposer = alias(users, "proposer");
const decider = alias(users, "decider");
const firstAgreer = alias(users, "first_agreer");
const ender = alias(users, "ender");
const recorder = alias(users, "recorder");
const proposingStructure = alias(organisations, "proposing_structure");
const decidingStructure = alias(organisations, "deciding_structure");

/** A mediation note as shown under a stage change or a milestone (joined with its author and network). */
const noteColumns = {
  id: mediationNotes.id,
  text: mediationNotes.text,
  createdAt: mediationNotes.createdAt,
  authorName: users.name,
  networkName: organisations.name,
};

/**
 * The overview's nine reads, built once per database handle (db/prepared.ts): the project id is
 * their one parameter. They name the project's relationships and milestones as subqueries, so
 * they all go out together.
 */
function buildOverviewReads(db: DbOrTx) {
  const projectId = sql.placeholder("projectId");
  const projectRelationships = db.select({ id: relationships.id }).from(relationships).where(eq(relationships.projectId, projectId));
  const projectMilestones = db.select({ id: milestones.id }).from(milestones).where(eq(milestones.projectId, projectId));
  return {
    relationships: db
      .select({
        id: relationships.id,
        authorityId: relationships.authorityId,
        authorityName: organisations.name,
        territoryKind: territories.kind,
        stage: relationships.stage,
        createdAt: relationships.createdAt,
        /** Ended by one side: when, by whom (for which side and structure), and why. */
        endedAt: relationships.endedAt,
        endedSide: relationships.endedSide,
        endedByName: ender.name,
        endReason: relationships.endReason,
      })
      .from(relationships)
      .innerJoin(organisations, eq(organisations.id, relationships.authorityId))
      .innerJoin(territories, eq(territories.id, organisations.territoryId))
      .leftJoin(ender, eq(ender.id, relationships.endedById))
      .where(eq(relationships.projectId, projectId))
      .orderBy(asc(relationships.createdAt))
      .prepare("overview_relationships"),
    changes: db
      .select({
        id: stageChanges.id,
        relationshipId: stageChanges.relationshipId,
        fromStage: stageChanges.fromStage,
        toStage: stageChanges.toStage,
        reason: stageChanges.reason,
        proposedSide: stageChanges.proposedSide,
        proposedAt: stageChanges.proposedAt,
        proposedByName: proposer.name,
        /** Which structure proposed: the authority, one of the holding structures, or the network that declared it. */
        proposedByStructure: proposingStructure.name,
        declaredByNetwork: sql<boolean>`${stageChanges.declaredByNetworkId} is not null`,
        /** For a stage a network declared: the side that confirmed it first, who and when. */
        firstAgreedSide: stageChanges.firstAgreedSide,
        firstAgreedAt: stageChanges.firstAgreedAt,
        firstAgreedByName: firstAgreer.name,
        status: stageChanges.status,
        decidedAt: stageChanges.decidedAt,
        decidedByName: decider.name,
        decidedByStructure: decidingStructure.name,
        decisionComment: stageChanges.decisionComment,
      })
      .from(stageChanges)
      .leftJoin(proposer, eq(proposer.id, stageChanges.proposedById))
      .leftJoin(decider, eq(decider.id, stageChanges.decidedById))
      .leftJoin(firstAgreer, eq(firstAgreer.id, stageChanges.firstAgreedById))
      .leftJoin(proposingStructure, eq(proposingStructure.id, stageChanges.proposedByOrganisationId))
      .leftJoin(decidingStructure, eq(decidingStructure.id, stageChanges.decidedByOrganisationId))
      .where(inArray(stageChanges.relationshipId, projectRelationships))
      .orderBy(asc(stageChanges.proposedAt))
      .prepare("overview_changes"),
    changeNotes: db
      .select({ ...noteColumns, stageChangeId: mediationNotes.stageChangeId })
      .from(mediationNotes)
      .innerJoin(stageChanges, eq(stageChanges.id, mediationNotes.stageChangeId))
      .leftJoin(users, eq(users.id, mediationNotes.authorId))
      .innerJoin(organisations, eq(organisations.id, mediationNotes.networkId))
      .where(inArray(stageChanges.relationshipId, projectRelationships))
      .orderBy(asc(mediationNotes.createdAt))
      .prepare("overview_change_notes"),
    changeSupports: db
      .select({ stageChangeId: stageChangeMilestones.stageChangeId, milestoneId: stageChangeMilestones.milestoneId })
      .from(stageChangeMilestones)
      .innerJoin(stageChanges, eq(stageChanges.id, stageChangeMilestones.stageChangeId))
      .where(inArray(stageChanges.relationshipId, projectRelationships))
      .prepare("overview_change_supports"),
    milestones: db
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
        recordedById: milestones.recordedById,
        version: milestones.version,
        hidden: sql<boolean>`${milestones.hiddenAt} is not null`,
      })
      .from(milestones)
      .leftJoin(recorder, eq(recorder.id, milestones.recordedById))
      .where(eq(milestones.projectId, projectId))
      .orderBy(desc(milestones.occursOn), asc(milestones.id))
      .prepare("overview_milestones"),
    answerSets: db
      .select(answerSetColumns)
      .from(barometerAnswerSets)
      .where(inArray(barometerAnswerSets.relationshipId, projectRelationships))
      .prepare("overview_answer_sets"),
    levers: db.select().from(milestoneLevers).where(inArray(milestoneLevers.milestoneId, projectMilestones)).prepare("overview_levers"),
    links: db
      .select({
        milestoneId: milestoneRelationships.milestoneId,
        relationshipId: milestoneRelationships.relationshipId,
        confirmation: milestoneRelationships.confirmation,
        comment: milestoneRelationships.comment,
      })
      .from(milestoneRelationships)
      .where(inArray(milestoneRelationships.milestoneId, projectMilestones))
      .prepare("overview_links"),
    milestoneNotes: db
      .select({ ...noteColumns, milestoneId: mediationNotes.milestoneId, relationshipId: mediationNotes.relationshipId })
      .from(mediationNotes)
      .leftJoin(users, eq(users.id, mediationNotes.authorId))
      .innerJoin(organisations, eq(organisations.id, mediationNotes.networkId))
      .where(inArray(mediationNotes.milestoneId, projectMilestones))
      .orderBy(asc(mediationNotes.createdAt))
      .prepare("overview_milestone_notes"),
  };
}

const overviewReads = preparedPerHandle(buildOverviewReads);

export async function getProjectOverview(db: DbOrTx, actor: Actor | null, projectId: string, now = new Date()) {
  // The reads go out with the access check: one round trip's wait instead of two in a row.
  // Nothing is returned unless the check passes; what the person may not see (hidden milestones,
  // the barometer of a project they only read in public) is read and dropped here.
  const reads = overviewReads(db);
  const parameters = { projectId };
  const [access, [relationshipRows, changeRows, noteRows, supportRows, allMilestoneRows, allAnswerRows, allLeverRows, allLinkRows, allMilestoneNoteRows]] =
    await Promise.all([
      loadProjectAccess(db, actor, projectId),
      Promise.all([
        reads.relationships.execute(parameters),
        reads.changes.execute(parameters),
        reads.changeNotes.execute(parameters),
        reads.changeSupports.execute(parameters),
        reads.milestones.execute(parameters),
        reads.answerSets.execute(parameters),
        reads.levers.execute(parameters),
        reads.links.execute(parameters),
        reads.milestoneNotes.execute(parameters),
      ]),
    ]);
  const moderator = canModerateProject(access);
  // Hidden milestones are gone for everyone but the project's moderators.
  const milestoneRows = moderator ? allMilestoneRows : allMilestoneRows.filter((milestone) => !milestone.hidden);
  const shown = new Set(milestoneRows.map((milestone) => milestone.id));
  const leverRows = allLeverRows.filter((row) => shown.has(row.milestoneId));
  const linkRows = allLinkRows.filter((row) => shown.has(row.milestoneId));
  const milestoneNoteRows = allMilestoneNoteRows.filter((note) => note.milestoneId !== null && shown.has(note.milestoneId));
  const answersByRelationship = answerSetsBySide(access.publicOnly ? [] : allAnswerRows);

  const authorityOf = new Map(relationshipRows.map((relationship) => [relationship.id, relationship.authorityId]));
  const timelineMilestones = milestoneRows.map(({ recordedById, ...milestone }) => {
    const links = linkRows.filter((row) => row.milestoneId === milestone.id);
    return {
      ...milestone,
      canRevise: mayReviseMilestone(
        access,
        { ...milestone, recordedById },
        links.map((link) => ({ authorityId: authorityOf.get(link.relationshipId) ?? "", confirmation: link.confirmation })),
      ),
      levers: leverRows.filter((row) => row.milestoneId === milestone.id).map((row) => row.leverId as LeverId),
      canChangeStatus: mayChangeMilestoneStatus(
        access,
        milestone,
        links.flatMap((link) => authorityOf.get(link.relationshipId) ?? []),
      ),
      relationships: links.map((link) => ({
        ...link,
        canAnswer: mayAnswerMilestone(access, milestone, { authorityId: authorityOf.get(link.relationshipId) ?? "", confirmation: link.confirmation }),
        notes: milestoneNoteRows.filter((note) => note.milestoneId === link.milestoneId && note.relationshipId === link.relationshipId),
      })),
    };
  });

  const relationshipViews = relationshipRows.map((relationship) => {
    const changes = changeRows
      .filter((change) => change.relationshipId === relationship.id)
      .map((change) => ({
        ...change,
        notes: noteRows.filter((note) => note.stageChangeId === change.id),
        milestoneIds: supportRows.filter((row) => row.stageChangeId === change.id).map((row) => row.milestoneId),
      }));
    const answers = answersByRelationship.get(relationship.id) ?? { collective: [], authority: [] };
    // Once the sides have worked together, « no early link » is the past: it leaves the readings' means.
    const pastFactsSettled = timelineMilestones.some((milestone) =>
      milestone.relationships.some((link) => link.relationshipId === relationship.id && settlesPastFacts(milestone, link.confirmation)),
    );
    const collectiveReading = readingOf(answers.collective, now, pastFactsSettled);
    const authorityReading = readingOf(answers.authority, now, pastFactsSettled);
    // A lever is mobilised by a milestone that took place and that the other side confirmed for
    // this relationship — not by a planned, contested or hidden one; the latest such milestone is named.
    const mobilisedBy = new Map<LeverId, { milestoneId: string; title: string }>();
    for (const milestone of timelineMilestones) {
      const confirmed = milestone.relationships.some((link) => link.relationshipId === relationship.id && link.confirmation === "confirmed");
      if (milestone.status !== "done" || milestone.hidden || !confirmed) continue;
      for (const lever of milestone.levers) if (!mobilisedBy.has(lever)) mobilisedBy.set(lever, { milestoneId: milestone.id, title: milestone.title });
    }
    const pending = changes.find((change) => change.status === "pending") ?? null;
    const stageForAdvice: Stage = relationship.stage ?? pending?.toStage ?? "defiance";
    return {
      ...relationship,
      pending,
      /** What the person may do here: their sides, and about the open proposal. */
      can: relationshipDecisions(access, relationship, pending),
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
            pastFactsSettled,
            /** Each side's first answer to each past fact: asked once, then carried (services/barometer.ts). */
            pastFacts: { collective: firstPastFacts(answers.collective), authority: firstPastFacts(answers.authority) },
          },
      nextSteps: recommendedLevers(stageForAdvice).map((lever) => ({ lever, used: mobilisedBy.has(lever), by: mobilisedBy.get(lever) ?? null })),
      /** The reader's own latest answers, side by side: what their barometer form starts from. */
      myAnswers: access.publicOnly ? { collective: null, authority: null } : ownLatestAnswers(allAnswerRows, relationship.id, actor?.userId ?? null),
    };
  });

  return { relationships: relationshipViews, milestones: timelineMilestones, canModerate: moderator, canReport: isProjectParty(access) };
}

export type ProjectOverview = Awaited<ReturnType<typeof getProjectOverview>>;

function ownLatestAnswers(
  rows: { relationshipId: string; side: Side; respondentId: string | null; answeredAt: Date; answers: Record<string, number> }[],
  relationshipId: string,
  userId: string | null,
) {
  const latest = (side: Side) =>
    userId === null
      ? null
      : (rows
          .filter((row) => row.relationshipId === relationshipId && row.side === side && row.respondentId === userId)
          .toSorted((a, b) => b.answeredAt.getTime() - a.answeredAt.getTime())
          .map((row) => ({ answers: row.answers, answeredAt: row.answeredAt }))[0] ?? null);
  return { collective: latest("collective"), authority: latest("authority") };
}
