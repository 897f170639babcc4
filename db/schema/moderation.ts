// Moderation and support networks' portfolios: reports on what people wrote, the networks' own
// settings, the identifiers a network gives the projects it imported, and those handed over to collectives.
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { users } from "./auth";
import { organisations } from "./organisations";
import { projects } from "./projects";

export const reportedContent = pgEnum("reported_content", ["comment", "milestone"]);
export const reportStatus = pgEnum("report_status", ["open", "dismissed", "acted"]);

/** A party's report on a comment or a milestone, waiting for a moderator. */
export const contentReports = pgTable(
  "content_report",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    contentKind: reportedContent().notNull(),
    /** The comment's or the milestone's id (which table depends on contentKind). */
    contentId: uuid().notNull(),
    reason: text().notNull(),
    reporterId: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: reportStatus().notNull().default("open"),
    decidedById: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionReason: text(),
  },
  (table) => [
    index().on(table.projectId, table.status),
    index().on(table.contentKind, table.contentId),
    // One open report per person and content: reporting twice adds nothing.
    uniqueIndex("content_report_one_open_idx")
      .on(table.contentKind, table.contentId, table.reporterId)
      .where(sql`${table.status} = 'open'`),
  ],
);

/** What a network chooses for its own dashboard. */
export const networkSettings = pgTable("network_setting", {
  networkId: uuid()
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** A project is "stuck" after this many days without a milestone or a stage change. */
  stuckAfterDays: integer().notNull().default(90),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The identifier a network gives a project of its portfolio (the `identifiant` of its spreadsheets). */
export const portfolioIdentifiers = pgTable(
  "portfolio_identifier",
  {
    networkId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    identifier: text().notNull(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique().on(table.networkId, table.identifier), unique().on(table.networkId, table.projectId)],
);

/**
 * A network's import named a collective that already has its own people: the project waits, led
 * by a collective of the network's own, until that collective's admins take it over or decline.
 */
export const handovers = pgTable(
  "handover",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** The existing collective asked to take the project. */
    collectiveId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    networkId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    proposedById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredById: text().references(() => users.id, { onDelete: "set null" }),
    accepted: boolean(),
  },
  (table) => [index().on(table.collectiveId), index().on(table.projectId)],
);
