import { z, ZId, ZIdempotencyKey } from "../zod";
import { ZTerritoryId } from "./territory.schema";

/** A collective by its id, or a public body by its territory (its authority is opened if nobody has yet). */
const ZStructure = z.union([z.object({ collectiveId: ZId }).strict(), z.object({ territoryId: ZTerritoryId }).strict()]);

export const ZInviteHolderInput = z.object({ idempotencyKey: ZIdempotencyKey.optional(), projectId: ZId, structure: ZStructure }).strict();
export const ZAnswerHolderInvitationInput = z.object({ projectId: ZId, organisationId: ZId, accept: z.boolean() }).strict();
export const ZHolderInput = z.object({ projectId: ZId, organisationId: ZId }).strict();
export const ZSearchCollectivesInput = z.object({ projectId: ZId, query: z.string().trim().min(2).max(120) }).strict();

export type TInviteHolderInput = z.infer<typeof ZInviteHolderInput>;
export type TAnswerHolderInvitationInput = z.infer<typeof ZAnswerHolderInvitationInput>;
export type THolderInput = z.infer<typeof ZHolderInput>;
export type TSearchCollectivesInput = z.infer<typeof ZSearchCollectivesInput>;
