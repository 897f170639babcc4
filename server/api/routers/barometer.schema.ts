import { INDICATOR_IDS, SIDES } from "@/server/domain/gradient";
import { z, ZId, ZIdempotencyKey } from "../zod";

const ZScore = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export const ZAnswerBarometerInput = z
  .object({
    idempotencyKey: ZIdempotencyKey.optional(),
    relationshipId: ZId,
    as: z.enum(SIDES),
    answers: z.partialRecord(z.enum(INDICATOR_IDS), ZScore).refine((answers) => Object.keys(answers).length > 0, "Répondez à au moins une question."),
  })
  .strict();
export type TAnswerBarometerInput = z.infer<typeof ZAnswerBarometerInput>;
