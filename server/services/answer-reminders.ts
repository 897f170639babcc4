// What still waits for an answer after 7 days, and again after 21, is recalled to those who may
// give it: a stage proposal (or a starting stage) to the other side, a milestone to the side that
// did not record it, for each relationship still unanswered. Once each: the reminder's row is the
// claim, written in the same transaction as the notifications, so of two instances running at once
// only one sends it, and a failure leaves it for the next run. An answer given meanwhile ends it.
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { answerReminders, milestoneRelationships, milestones, organisations, relationships, stageChanges } from "@/db/schema";
import { otherSide } from "@/server/domain/gradient";
import { notify, peopleOfSide } from "./notifications";

/** The days after which a waiting answer is recalled, each once. */
export const REMINDER_AFTER_DAYS = [7, 21] as const;

const DAY_MS = 86_400_000;

/** Claims the reminders of one threshold for the given subjects; returns those this call won. */
async function claim(tx: DbOrTx, subjectKind: "stage_change" | "milestone_link", subjectIds: string[], afterDays: number, now: Date) {
  if (subjectIds.length === 0) return new Set<string>();
  const won = await tx
    .insert(answerReminders)
    .values(subjectIds.map((subjectId) => ({ subjectKind, subjectId, afterDays, sentAt: now })))
    .onConflictDoNothing()
    .returning({ subjectId: answerReminders.subjectId });
  return new Set(won.map((row) => row.subjectId));
}

export async function remindWaitingAnswers(db: Database, now = new Date()) {
  return db.transaction(async (tx) => {
    let reminded = 0;
    // The longest wait first: what has waited 21 days gets that reminder alone, its 7-day one marked as passed.
    for (const afterDays of [...REMINDER_AFTER_DAYS].reverse()) {
      const due = new Date(now.getTime() - afterDays * DAY_MS);
      const shorter = REMINDER_AFTER_DAYS.filter((days) => days < afterDays);

      const proposals = await tx
        .select({
          id: stageChanges.id,
          relationshipId: relationships.id,
          projectId: relationships.projectId,
          authorityId: relationships.authorityId,
          authorityName: organisations.name,
          fromStage: stageChanges.fromStage,
          toStage: stageChanges.toStage,
          proposedSide: stageChanges.proposedSide,
          proposedById: stageChanges.proposedById,
        })
        .from(stageChanges)
        .innerJoin(relationships, eq(relationships.id, stageChanges.relationshipId))
        .innerJoin(organisations, eq(organisations.id, relationships.authorityId))
        .where(
          and(
            eq(stageChanges.status, "pending"),
            lt(stageChanges.proposedAt, due),
            sql`not exists (select 1 from ${answerReminders} where ${answerReminders.subjectKind} = 'stage_change'
              and ${answerReminders.subjectId} = ${stageChanges.id}::text and ${answerReminders.afterDays} = ${afterDays})`,
          ),
        );
      const wonProposals = await claim(
        tx,
        "stage_change",
        proposals.map((row) => row.id),
        afterDays,
        now,
      );
      for (const days of shorter) await claim(tx, "stage_change", [...wonProposals], days, now);
      for (const proposal of proposals.filter((row) => wonProposals.has(row.id))) {
        await notify(tx, {
          userIds: await peopleOfSide(tx, proposal.projectId, otherSide(proposal.proposedSide), proposal.authorityId),
          kind: "stage_proposed",
          projectId: proposal.projectId,
          actorId: proposal.proposedById,
          payload: {
            from: proposal.fromStage ?? "",
            to: proposal.toStage,
            authority: proposal.authorityName,
            stageChangeId: proposal.id,
            relationshipId: proposal.relationshipId,
            reminder: String(afterDays),
          },
        });
        reminded += 1;
      }

      const links = await tx
        .select({
          milestoneId: milestones.id,
          relationshipId: milestoneRelationships.relationshipId,
          projectId: milestones.projectId,
          authorityId: relationships.authorityId,
          title: milestones.title,
          recordedSide: milestones.recordedSide,
          recordedById: milestones.recordedById,
        })
        .from(milestoneRelationships)
        .innerJoin(milestones, eq(milestones.id, milestoneRelationships.milestoneId))
        .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
        .where(
          and(
            eq(milestoneRelationships.confirmation, "pending"),
            isNull(milestones.hiddenAt),
            lt(milestones.createdAt, due),
            sql`not exists (select 1 from ${answerReminders} where ${answerReminders.subjectKind} = 'milestone_link'
              and ${answerReminders.subjectId} = ${milestones.id}::text || ':' || ${milestoneRelationships.relationshipId}::text
              and ${answerReminders.afterDays} = ${afterDays})`,
          ),
        );
      const subject = (link: { milestoneId: string; relationshipId: string }) => `${link.milestoneId}:${link.relationshipId}`;
      const wonLinks = await claim(tx, "milestone_link", links.map(subject), afterDays, now);
      for (const days of shorter) await claim(tx, "milestone_link", [...wonLinks], days, now);
      for (const link of links.filter((row) => wonLinks.has(subject(row)))) {
        await notify(tx, {
          userIds: await peopleOfSide(tx, link.projectId, otherSide(link.recordedSide), link.authorityId),
          kind: "milestone_recorded",
          projectId: link.projectId,
          actorId: link.recordedById,
          payload: { title: link.title, milestoneId: link.milestoneId, reminder: String(afterDays) },
        });
        reminded += 1;
      }
    }
    return { reminded };
  });
}
