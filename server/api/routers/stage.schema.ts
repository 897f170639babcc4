import { SIDES, STAGES } from "@/server/domain/gradient";
import { z, zComment, ZId, zText, ZIdempotencyKey } from "../zod";

export const ZProposeStageInput = z
  .object({
    idempotencyKey: ZIdempotencyKey.optional(),
    relationshipId: ZId,
    as: z.enum(SIDES),
    toStage: z.enum(STAGES),
    reason: zComment().min(1, "Dites pourquoi en quelques mots."),
    milestoneIds: z.array(ZId).max(50).optional(),
  })
  .strict();
export const ZDecideStageInput = z.object({ stageChangeId: ZId, comment: zComment().default("") }).strict();
export const ZDeclineStageInput = z.object({ stageChangeId: ZId, comment: zComment().min(1, "Dites pourquoi en quelques mots.") }).strict();
export const ZMediationNoteInput = z.object({ stageChangeId: ZId, text: zText().trim().min(1).max(2000) }).strict();
export type TProposeStageInput = z.infer<typeof ZProposeStageInput>;
export type TMediationNoteInput = z.infer<typeof ZMediationNoteInput>;
