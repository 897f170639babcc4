// The two-sided barometer: each side answers the indicator questions for its relationship.
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { barometerAnswerSets, relationships } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { TAnswerBarometerInput } from "@/server/api/routers/barometer.schema";
import { assertActsFor, loadProjectAccess, requireActor, type Actor } from "./access";
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
  const [set] = await db
    .insert(barometerAnswerSets)
    .values({ relationshipId: relationship.id, side: input.as, respondentId: signedIn.userId, answers: input.answers })
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
