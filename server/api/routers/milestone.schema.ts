import { LEVER_IDS, SIDES } from "@/server/domain/gradient";
import { MILESTONE_KINDS, MILESTONE_STATUSES } from "@/server/domain/milestones";
import { z, zComment, ZDay, ZId, zText, zWebUrl, ZVersion, ZIdempotencyKey } from "../zod";

const ZEvidenceLink = zWebUrl();

const milestoneFields = {
  kind: z.enum(MILESTONE_KINDS),
  title: zText().trim().min(3).max(160),
  occursOn: ZDay,
  status: z.enum(MILESTONE_STATUSES),
  description: zText().trim().max(4000).default(""),
  evidenceLinks: z.array(ZEvidenceLink).max(20).default([]),
  levers: z.array(z.enum(LEVER_IDS)).max(15).default([]),
};

export const ZCreateMilestoneInput = z
  .object({
    idempotencyKey: ZIdempotencyKey.optional(),
    projectId: ZId,
    as: z.enum(SIDES),
    relationshipIds: z.array(ZId).min(1, "Choisissez au moins une relation.").max(20),
    ...milestoneFields,
  })
  .strict();
export const ZUpdateMilestoneInput = z
  .object({
    milestoneId: ZId,
    version: ZVersion,
    changes: z
      .object({
        kind: milestoneFields.kind,
        title: milestoneFields.title,
        occursOn: milestoneFields.occursOn,
        status: milestoneFields.status,
        description: zText().trim().max(4000),
        evidenceLinks: z.array(ZEvidenceLink).max(20),
        levers: z.array(z.enum(LEVER_IDS)).max(15),
      })
      .partial()
      .strict(),
  })
  .strict();
export const ZWithdrawMilestoneInput = z.object({ milestoneId: ZId, version: ZVersion }).strict();
export type TWithdrawMilestoneInput = z.infer<typeof ZWithdrawMilestoneInput>;
export type TCreateMilestoneInput = z.infer<typeof ZCreateMilestoneInput>;
export type TUpdateMilestoneInput = z.infer<typeof ZUpdateMilestoneInput>;
export const ZAnswerMilestoneInput = z
  .object({ idempotencyKey: ZIdempotencyKey.optional(), milestoneId: ZId, relationshipId: ZId, comment: zComment().default("") })
  .strict();
export const ZContestMilestoneInput = z
  .object({
    idempotencyKey: ZIdempotencyKey.optional(),
    milestoneId: ZId,
    relationshipId: ZId,
    comment: zComment().min(1, "Dites en quelques mots ce que vous contestez."),
  })
  .strict();
