import { ZId, z, zText } from "../zod";
import { TERRITORY_KINDS } from "@/server/domain/territories";

export const ZTerritoryKind = z.enum(TERRITORY_KINDS);
export const ZTerritoryId = zText().regex(/^(region|departement|epci|commune)-[0-9AB]{2,9}$/, "Territoire invalide.");

export const ZSearchTerritoriesInput = z
  .object({
    query: zText().trim().min(1).max(100),
    kinds: z.array(ZTerritoryKind).max(4).optional(),
    limit: z.number().int().min(1).max(25).optional(),
  })
  .strict();
export type TSearchTerritoriesInput = z.infer<typeof ZSearchTerritoriesInput>;

export const ZGetTerritoryInput = z.object({ territoryId: ZTerritoryId }).strict();

export const ZCouncilPackInput = z.object({ authorityId: ZId }).strict();
