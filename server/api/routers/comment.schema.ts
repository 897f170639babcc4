import { z, ZId, zText, ZVersion, ZIdempotencyKey } from "../zod";

const ZBody = zText().trim().min(1, "Écrivez votre message.").max(4000);

export const ZAddCommentInput = z
  .object({ idempotencyKey: ZIdempotencyKey.optional(), projectId: ZId, body: ZBody, mentionIds: z.array(zText().min(1).max(64)).max(20).default([]) })
  .strict();
export const ZEditCommentInput = z.object({ commentId: ZId, version: ZVersion, body: ZBody }).strict();
export const ZCommentIdInput = z.object({ commentId: ZId }).strict();
export type TAddCommentInput = z.infer<typeof ZAddCommentInput>;
export type TEditCommentInput = z.infer<typeof ZEditCommentInput>;
export type TCommentIdInput = z.infer<typeof ZCommentIdInput>;
