import { OBSERVATORY_LEVELS } from "@/server/domain/observatory";
import { z } from "../zod";

/** A territory's code as the official files write it: digits (and 2A/2B for Corsica), FR for France. */
const ZTerritoryCode = z.string().regex(/^(FR|\d{2,9}|2[AB]\d{0,3})$/, "Code de territoire invalide.");

export const ZObservatoryPageInput = z
  .object({ level: z.enum(OBSERVATORY_LEVELS), code: ZTerritoryCode, page: z.number().int().min(1).max(10_000).optional() })
  .strict();
export type TObservatoryPageInput = z.infer<typeof ZObservatoryPageInput>;
