// L'Observatoire's figures, counted ahead of its readers: every territory's, recounted as a whole
// when they are older than the observatory says (server/services/observatory-count.ts).
import { jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const observatoryFigures = pgTable(
  "observatory_figure",
  {
    /** france, region, departement, epci or commune. */
    level: text().notNull(),
    /** The territory's official code ("FR" for France). */
    code: text().notNull(),
    /** What the database counted, every project included; published under the small-cell rule when read. */
    figures: jsonb().notNull(),
    countedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.level, table.code] })],
);
