// The two-sided barometer: each side answers the indicator questions for its relationship.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { barometerAnswerSets, milestoneRelationships, milestones, relationships } from "@/db/schema";
import { firstPastFacts, type PastFact } from "@/server/domain/gradient";
import { WORKING_TOGETHER_KINDS } from "@/server/domain/milestones";
import { notFound } from "@/server/errors";
import type { TAnswerBarometerInput } from "@/server/api/routers/barometer.schema";
import { assertActsFor, assertRelationshipOpen, loadProjectAccess, requireActor, type Actor } from "./access";
import { recordChange } from "./history";

/** An answer set as the readings need it (readingOf, answerSetsBySide), with its relationship and side. */
export const answerSetColumns = {
  relationshipId: barometerAnswerSets.relationshipId,
  side: barometerAnswerSets.side,
  respondentId: barometerAnswerSets.respondentId,
  answeredAt: barometerAnswerSets.answeredAt,
  answers: barometerAnswerSets.answers,
};

export async function answerBarometer(db: Database, actor: Actor | null, input: TAnswerBarometerInput) {
  requireActor(actor);
  const [relationship] = await db.select().from(relationships).where(eq(relationships.id, input.relationshipId));
  if (!relationship) throw notFound("relationshipNotFound");
  const access = await loadProjectAccess(db, actor, relationship.projectId, "relationshipNotFound");
  const signedIn = assertActsFor(access, input.as, relationship.authorityId);
  assertRelationshipOpen(relationship);
  // A past fact is answered once by a side: its first answer is carried into every later set.
  const earlier = await db
    .select(answerSetColumns)
    .from(barometerAnswerSets)
    .where(and(eq(barometerAnswerSets.relationshipId, relationship.id), eq(barometerAnswerSets.side, input.as)));
  const answers = { ...input.answers };
  for (const [fact, first] of Object.entries(firstPastFacts(earlier))) answers[fact as PastFact] = first.score;
  const [set] = await db
    .insert(barometerAnswerSets)
    .values({ relationshipId: relationship.id, side: input.as, respondentId: signedIn.userId, answers })
    .returning({ id: barometerAnswerSets.id, answeredAt: barometerAnswerSets.answeredAt });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "barometer_answer_set",
    entityId: set?.id ?? "",
    projectId: relationship.projectId,
    action: "answer",
    changes: [{ field: "side", before: null, after: input.as }],
  });
  return { answerSetId: set?.id, answeredAt: set?.answeredAt };
}

/**
 * Of these relationships, those where the sides have worked together (settlesPastFacts): their
 * readings leave the past facts out of their means. The SQL summaries read the same rule (migration 0033).
 */
export async function pastFactsSettledOf(db: DbOrTx, relationshipIds: string[]): Promise<Set<string>> {
  if (relationshipIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ relationshipId: milestoneRelationships.relationshipId })
    .from(milestoneRelationships)
    .innerJoin(milestones, eq(milestones.id, milestoneRelationships.milestoneId))
    .where(
      and(
        inArray(milestoneRelationships.relationshipId, relationshipIds),
        eq(milestoneRelationships.confirmation, "confirmed"),
        eq(milestones.status, "done"),
        isNull(milestones.hiddenAt),
        inArray(milestones.kind, [...WORKING_TOGETHER_KINDS]),
      ),
    );
  return new Set(rows.map((row) => row.relationshipId));
}
