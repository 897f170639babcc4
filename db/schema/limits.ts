// Rate limits kept in the database, so that they hold across app instances.
import { bigint, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const rateLimitHits = pgTable(
  "rate_limit_hit",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** What is limited: "sign-in-email", "sign-in-ip", "invitation"… */
    bucket: text().notNull(),
    /** Who or what it is counted for: an address, an IP, a person. */
    key: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.bucket, table.key, table.at)],
);
