import { CHANGE_ENTITIES } from "@/server/domain/change-log";
import { z, ZDay, zText } from "../zod";

export const ZAuditSearchInput = z
  .object({
    /** Part of the actor's name or address. */
    person: zText().trim().max(120).optional(),
    /** Part of the name or address of the person acted upon (added, verified, removed…). */
    subject: zText().trim().max(120).optional(),
    /** Part of a project's title: its entries. */
    project: zText().trim().max(160).optional(),
    entity: z.enum(CHANGE_ENTITIES).optional(),
    /** A record's id, or a project's: its entries and those of everything in it. */
    recordId: zText().trim().max(120).optional(),
    from: ZDay.optional(),
    to: ZDay.optional(),
    /** Entries older than this id: the next page. */
    before: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();
export type TAuditSearchInput = z.infer<typeof ZAuditSearchInput>;
