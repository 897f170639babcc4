// Project files and the organisations that are parties to them.
import { bigint, check, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { COLLECTIVE_STAGES, FUNDING_SOURCES, FUNDING_STATUSES, PROJECT_STATUSES } from "@/server/domain/project-file";
import { users } from "./auth";
import { organisations } from "./organisations";
import { territories } from "./territories";
import { SECTORS } from "@/server/domain/sectors";

/**
 * What an organisation is to a project: one of its holding structures (a collective, or a public
 * body holding a share, as a commune in a SCIC), an authority it has a relationship with, or a
 * network that accompanies it.
 */
export const partyRole = pgEnum("party_role", ["holder", "authority", "network"]);
/**
 * A network joins a project's portfolio on the collective's request, accepted by one of its
 * moderators ("requested"), or on the network's invitation, accepted by the collective ("invited").
 * A structure invited to co-hold a project is "invited" until its admin accepts.
 */
export const partyStatus = pgEnum("party_status", ["active", "requested", "invited"]);
export const collectiveStage = pgEnum("collective_stage", COLLECTIVE_STAGES);
export const projectVisibility = pgEnum("project_visibility", ["parties", "territory", "public"]);
export const projectStatus = pgEnum("project_status", PROJECT_STATUSES);
export const fundingSource = pgEnum("funding_source", FUNDING_SOURCES);
export const fundingStatus = pgEnum("funding_status", FUNDING_STATUSES);

export type ProjectLink = { label: string; url: string };
export type ProjectContact = { name: string; role: string; email?: string; phone?: string };

export const projects = pgTable(
  "project",
  {
    id: uuid().primaryKey().defaultRandom(),
    title: text().notNull(),
    summary: text().notNull().default(""),
    /** The holding structure to contact, one of its active holders (project_party, role "holder"). */
    contactHolderId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** The commune it is based in; `project_commune` lists every commune where it acts. */
    communeId: text()
      .notNull()
      .references(() => territories.id),
    /** One of SECTORS (server/domain/sectors.ts), or "" when not said. */
    sector: text().notNull().default(""),
    /** For « autre » only: the sector in the collective's own words. */
    sectorDetail: text().notNull().default(""),
    collectiveStage: collectiveStage().notNull().default("idea"),
    jobsNow: integer().notNull().default(0),
    jobsPotential: integer().notNull().default(0),
    /** land, funding, expertise, skills, network */
    needs: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    links: jsonb().$type<ProjectLink[]>().notNull().default([]),
    /** Private: never shown on the public view of a project. */
    contacts: jsonb().$type<ProjectContact[]>().notNull().default([]),
    visibility: projectVisibility().notNull().default("territory"),
    /** Paused or archived by its holders: still readable, out of the « stalled » lists, reversible. */
    status: projectStatus().notNull().default("active"),
    /** Set while a request to make the file public waits for a moderator (or a platform admin). */
    publicRequestedAt: timestamp({ withTimezone: true }),
    publicRequestedById: text().references(() => users.id, { onDelete: "set null" }),
    createdById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Optimistic concurrency: a save names the version it started from. */
    version: integer().notNull().default(1),
  },
  (table) => [
    index().on(table.communeId),
    index().on(table.contactHolderId),
    // The public projects, latest first: the observatory's lists and the directory.
    index("project_public_latest_index")
      .on(table.updatedAt.desc(), table.id)
      .where(sql`${table.visibility} = 'public'`),
    check("project_title_not_blank", sql`length(trim(${table.title})) > 0`),
    check("project_sector_listed", sql.raw(`sector in ('', ${SECTORS.map((sector) => `'${sector}'`).join(", ")})`)),
  ],
);

/**
 * A project's jobs now and potential as its file said them from `at` on, for their dated history.
 * A trigger (migration 0029) adds a row whenever either figure changes, whatever writes it: the
 * file's form, an import, a seed.
 */
export const jobFigures = pgTable(
  "job_figure",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    jobsNow: integer().notNull(),
    jobsPotential: integer().notNull(),
  },
  (table) => [index().on(table.projectId, table.at)],
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
    status: partyStatus().notNull().default("active"),
    /** Who asked an organisation to join (a co-holder's invitation, a network's). */
    invitedById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.organisationId] }), index().on(table.organisationId)],
);

export const projectCommunes = pgTable(
  "project_commune",
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    communeId: text()
      .notNull()
      .references(() => territories.id),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.communeId] }), index().on(table.communeId)],
);

export const fundingLines = pgTable(
  "funding_line",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    position: integer().notNull(),
    source: fundingSource().notNull(),
    label: text().notNull().default(""),
    amountEuros: integer().notNull(),
    status: fundingStatus().notNull(),
  },
  (table) => [index().on(table.projectId, table.position), check("funding_amount_positive", sql`${table.amountEuros} >= 0`)],
);
