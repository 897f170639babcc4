import { AUTHORITY_OFFICES } from "@/server/domain/organisations";
import { z, ZId, zText, ZVersion } from "../zod";

const ZBody = zText().trim().min(1, "Écrivez votre message.").max(4000);

export const ZAddCommentInput = z.object({ projectId: ZId, body: ZBody, mentionIds: z.array(zText().min(1).max(64)).max(20).default([]) }).strict();
export const ZEditCommentInput = z.object({ commentId: ZId, version: ZVersion, body: ZBody }).strict();
export const ZCommentIdInput = z.object({ commentId: ZId }).strict();
export const ZFollowInput = z.object({ projectId: ZId, follow: z.boolean() }).strict();
export const ZMarkReadInput = z.object({ ids: z.array(ZId).max(200).optional() }).strict();

export const ZInviteOfficialInput = z
  .object({
    projectId: ZId,
    authorityId: ZId,
    email: z.email({ error: "Adresse e-mail invalide." }).max(254),
    office: z.enum(AUTHORITY_OFFICES),
  })
  .strict();
export const ZInvitationIdInput = z.object({ invitationId: ZId }).strict();
