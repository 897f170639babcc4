import { AUTHORITY_OFFICES, COLLECTIVE_INVITATION_ROLES } from "@/server/domain/organisations";
import { z, ZId, ZIdempotencyKey } from "../zod";

export const ZInviteOfficialInput = z
  .object({
    idempotencyKey: ZIdempotencyKey.optional(),
    projectId: ZId,
    authorityId: ZId,
    email: z.email({ error: "Adresse e-mail invalide." }).max(254),
    office: z.enum(AUTHORITY_OFFICES),
  })
  .strict();
export const ZInviteToCollectiveInput = z
  .object({
    idempotencyKey: ZIdempotencyKey.optional(),
    projectId: ZId,
    email: z.email({ error: "Adresse e-mail invalide." }).max(254),
    role: z.enum(COLLECTIVE_INVITATION_ROLES),
  })
  .strict();
export const ZInvitationIdInput = z.object({ invitationId: ZId }).strict();
export type TInviteOfficialInput = z.infer<typeof ZInviteOfficialInput>;
export type TInviteToCollectiveInput = z.infer<typeof ZInviteToCollectiveInput>;
export type TInvitationIdInput = z.infer<typeof ZInvitationIdInput>;
