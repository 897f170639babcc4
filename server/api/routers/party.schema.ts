import { SIDES, STAGES } from "@/server/domain/gradient";
import { z, zComment, ZId, ZReason } from "../zod";
import { ZTerritoryId } from "./territory.schema";

export const ZAddAuthorityInput = z
  .object({ projectId: ZId, territoryId: ZTerritoryId, startingStage: z.enum(STAGES), reason: zComment().default("") })
  .strict();
export const ZRequestNetworkInput = z.object({ projectId: ZId, networkId: ZId }).strict();
export const ZDecideNetworkInput = z.object({ projectId: ZId, networkId: ZId, accept: z.boolean(), reason: zComment().default("") }).strict();
export type TAddAuthorityInput = z.infer<typeof ZAddAuthorityInput>;
export type TRequestNetworkInput = z.infer<typeof ZRequestNetworkInput>;
export type TDecideNetworkInput = z.infer<typeof ZDecideNetworkInput>;
export const ZEndRelationshipInput = z.object({ relationshipId: ZId, as: z.enum(SIDES), reason: ZReason }).strict();
export type TEndRelationshipInput = z.infer<typeof ZEndRelationshipInput>;
