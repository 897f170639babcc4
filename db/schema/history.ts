// The change log: who changed what, when, field by field. One mechanism for every recorded mutation.
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { ChangeAction, ChangeEntity } from "@/server/domain/change-log";
import { users } from "./auth";

export type FieldChange = { field: string; before: unknown; after: unknown };

export const changeLog = pgTable(
  "change_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    /** What kind of record: "project", "membership", "milestone"… */
    entity: text().$type<ChangeEntity>().notNull(),
    entityId: text().notNull(),
    /** The project the change belongs to, for its "Historique" tab; null outside any project. */
    projectId: uuid(),
    action: text().$type<ChangeAction>().notNull(),
    /** For a record under optimistic concurrency: its version once changed. */
    version: integer(),
    changes: jsonb().$type<FieldChange[]>().notNull().default([]),
  },
  (table) => [
    index().on(table.projectId, table.at),
    index().on(table.entity, table.entityId),
    // A person's latest actions: which of their organisations they act for most (the header), the journal by actor.
    index().on(table.actorId, table.at),
  ],
);
