import { z } from "zod";
import { ZId, ZReason, zText } from "../zod";

const ZContentKind = z.enum(["comment", "milestone"]);

export const ZReportInput = z.object({ kind: ZContentKind, contentId: ZId, reason: ZReason }).strict();
export const ZModerateInput = z.object({ kind: ZContentKind, contentId: ZId, reason: ZReason }).strict();
export const ZDismissReportInput = z.object({ reportId: ZId, reason: ZReason }).strict();
export const ZMilestoneNoteInput = z.object({ milestoneId: ZId, relationshipId: ZId, text: zText().trim().min(1, "Écrivez votre note.").max(2000) }).strict();
export type TReportInput = z.infer<typeof ZReportInput>;
export type TModerateInput = z.infer<typeof ZModerateInput>;
export type TDismissReportInput = z.infer<typeof ZDismissReportInput>;
export type TMilestoneNoteInput = z.infer<typeof ZMilestoneNoteInput>;
