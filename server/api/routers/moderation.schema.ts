import { z } from "zod";
import { ZId, zText } from "../zod";

const ZContentKind = z.enum(["comment", "milestone"]);
const ZReason = zText().trim().min(1, "Indiquez le motif en quelques mots.").max(1000);

export const ZReportInput = z.object({ kind: ZContentKind, contentId: ZId, reason: ZReason }).strict();
export const ZModerateInput = z.object({ kind: ZContentKind, contentId: ZId, reason: ZReason }).strict();
export const ZDismissReportInput = z.object({ reportId: ZId, reason: ZReason }).strict();
export const ZMilestoneNoteInput = z
  .object({ milestoneId: ZId, relationshipId: ZId, text: zText().trim().min(1, "Écrivez votre note.").max(2000) })
  .strict();

export const ZInviteProjectInput = z.object({ networkId: ZId, projectId: ZId }).strict();
export const ZAnswerNetworkInvitationInput = z.object({ projectId: ZId, networkId: ZId, accept: z.boolean() }).strict();
export const ZLeaveNetworkInput = z.object({ projectId: ZId, networkId: ZId, reason: ZReason }).strict();
