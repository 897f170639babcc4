import { z, ZId } from "../zod";

export const ZMarkReadInput = z.object({ ids: z.array(ZId).max(200).optional() }).strict();
export type TMarkReadInput = z.infer<typeof ZMarkReadInput>;
