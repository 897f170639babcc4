import { z, ZId } from "../zod";
import { ZTerritoryId } from "./territory.schema";

export const ZCreateProjectInput = z
  .object({
    title: z.string().trim().min(3).max(160),
    summary: z.string().trim().max(4000).default(""),
    leadCollectiveId: ZId,
    communeId: ZTerritoryId,
  })
  .strict();
export type TCreateProjectInput = z.infer<typeof ZCreateProjectInput>;

export const ZProjectIdInput = z.object({ projectId: ZId }).strict();

export const ZTerritoryProjectsInput = z.object({ authorityId: ZId }).strict();
