import { CHANGE_ENTITIES } from "@/server/domain/change-log";
import { z, ZDay, zText } from "../zod";

export const ZAuditSearchInput = z
  .object({
    person: zText().trim().max(120).optional(),
    entity: z.enum(CHANGE_ENTITIES).optional(),
    recordId: zText().trim().max(120).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    before: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
