import { z } from "../zod";

const ZDay = z.iso.date({ error: "Date invalide (AAAA-MM-JJ)." });

export const ZAuditSearchInput = z
  .object({
    person: z.string().trim().max(120).optional(),
    entity: z.string().trim().max(60).optional(),
    recordId: z.string().trim().max(120).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    before: z.number().int().positive().optional(),
  })
  .strict();
