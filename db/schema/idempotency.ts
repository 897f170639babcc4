// Writes sent with a key of the browser's making: a write sent again with the same key (a retry
// after a lost answer, the offline outbox sending once more) gets the first answer back and writes
// nothing (server/services/idempotency.ts).
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const idempotentWrites = pgTable(
  "idempotent_write",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: uuid().notNull(),
    /** The procedure the key was first sent to ("milestone.create"). */
    procedure: text().notNull(),
    /** The first answer, as the API's serializer wrote it. */
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.key] }), index().on(table.createdAt)],
);
