import { z } from "../zod";

export const ZUpdateProfileInput = z.object({ name: z.string().trim().min(1).max(120) }).strict();
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;
