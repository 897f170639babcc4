import { INDICATOR_IDS, LEVER_IDS, SIDES, STAGES } from "@/server/domain/gradient";
import { MILESTONE_KINDS, MILESTONE_STATUSES } from "@/server/domain/milestones";
import { z, ZDay, ZId, zText, zWebUrl, ZVersion } from "../zod";
import { ZTerritoryId } from "./territory.schema";

const ZStage = z.enum(STAGES);
const ZSide = z.enum(SIDES);
const ZComment = zText().trim().max(2000);

export const ZAddAuthorityInput = z
  .object({ projectId: ZId, territoryId: ZTerritoryId, startingStage: ZStage, reason: ZComment.default("") })
  .strict();
export const ZRequestNetworkInput = z.object({ projectId: ZId, networkId: ZId }).strict();
export const ZDecideNetworkInput = z
  .object({ projectId: ZId, networkId: ZId, accept: z.boolean(), reason: ZComment.default("") })
  .strict();

export const ZProposeStageInput = z
  .object({
    relationshipId: ZId,
    as: ZSide,
    toStage: ZStage,
    reason: ZComment.min(1, "Dites pourquoi en quelques mots."),
    milestoneIds: z.array(ZId).max(50).optional(),
  })
  .strict();
export const ZDecideStageInput = z.object({ stageChangeId: ZId, comment: ZComment.default("") }).strict();
export const ZDeclineStageInput = z.object({ stageChangeId: ZId, comment: ZComment.min(1, "Dites pourquoi en quelques mots.") }).strict();
export const ZMediationNoteInput = z.object({ stageChangeId: ZId, text: zText().trim().min(1).max(2000) }).strict();

const ZEvidenceLink = zWebUrl();

const milestoneFields = {
  kind: z.enum(MILESTONE_KINDS),
  title: zText().trim().min(3).max(160),
  occursOn: ZDay,
  status: z.enum(MILESTONE_STATUSES),
  description: zText().trim().max(4000).default(""),
  evidenceLinks: z.array(ZEvidenceLink).max(20).default([]),
  levers: z.array(z.enum(LEVER_IDS as [string, ...string[]])).max(15).default([]),
};

export const ZCreateMilestoneInput = z
  .object({ projectId: ZId, as: ZSide, relationshipIds: z.array(ZId).min(1, "Choisissez au moins une relation.").max(20), ...milestoneFields })
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
        levers: z.array(z.enum(LEVER_IDS as [string, ...string[]])).max(15),
      })
      .partial()
      .strict(),
  })
  .strict();
export const ZAnswerMilestoneInput = z.object({ milestoneId: ZId, relationshipId: ZId, comment: ZComment.default("") }).strict();
export const ZContestMilestoneInput = z
  .object({ milestoneId: ZId, relationshipId: ZId, comment: ZComment.min(1, "Dites en quelques mots ce que vous contestez.") })
  .strict();

const ZScore = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export const ZAnswerBarometerInput = z
  .object({
    relationshipId: ZId,
    as: ZSide,
    answers: z
      .partialRecord(z.enum(INDICATOR_IDS as [string, ...string[]]), ZScore)
      .refine((answers) => Object.keys(answers).length > 0, "Répondez à au moins une question."),
  })
  .strict();

export const ZReviewPublicInput = z.object({ projectId: ZId, accept: z.boolean(), reason: ZComment.default("") }).strict();
