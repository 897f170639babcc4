import { z, ZId } from "../zod";

export const ZFollowInput = z.object({ projectId: ZId, follow: z.boolean() }).strict();
export type TFollowInput = z.infer<typeof ZFollowInput>;
