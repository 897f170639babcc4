// Project files and the organisations that are parties to them.
import { check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./auth";
import { organisations } from "./organisations";
import { territories } from "./territories";

export const partyRole = pgEnum("party_role", ["lead", "authority", "network"]);

export const projects = pgTable(
  "project",
  {
    id: uuid().primaryKey().defaultRandom(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    leadCollectiveId: uuid()
      .notNull()
      .references(() => organisations.id),
    communeId: text()
      .notNull()
      .references(() => territories.id),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: a save names the version it started from. */
    version: integer().notNull().default(1),
  },
  (table) => [
    index().on(table.communeId),
    index().on(table.leadCollectiveId),
    check("project_title_not_blank", sql`length(trim(${table.title})) > 0`),
  ],
);

export const projectParties = pgTable(
  "project_party",
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    role: partyRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.organisationId] }), index().on(table.organisationId)],
);
