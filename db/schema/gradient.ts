// Relationships between a project and an authority: their stage, its proposed and confirmed changes,
// the milestones that build trust, and the two-sided barometer.
import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { SIDES, STAGES } from "@/server/domain/gradient";
import { MILESTONE_KINDS, MILESTONE_STATUSES } from "@/server/domain/milestones";
import { users } from "./auth";
import { organisations } from "./organisations";
import { projects } from "./projects";

export const stage = pgEnum("stage", STAGES);
export const side = pgEnum("side", SIDES);
export const proposalStatus = pgEnum("proposal_status", ["pending", "confirmed", "declined", "withdrawn"]);
export const milestoneKind = pgEnum("milestone_kind", MILESTONE_KINDS);
export const milestoneStatus = pgEnum("milestone_status", MILESTONE_STATUSES);
export const confirmation = pgEnum("confirmation", ["pending", "confirmed", "contested"]);

export const relationships = pgTable(
  "relationship",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    authorityId: uuid()
      .notNull()
      .references(() => organisations.id),
    /** The confirmed stage; null until the authority side confirms the starting stage ("à confirmer"). */
    stage: stage(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Ended by one side, with a reason the other reads: kept, with its history, but nothing more happens in it. */
    endedAt: timestamp({ withTimezone: true }),
    endedSide: side(),
    endedById: text().references(() => users.id, { onDelete: "set null" }),
    endedByOrganisationId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    endReason: text(),
  },
  (table) => [unique().on(table.projectId, table.authorityId), index().on(table.authorityId)],
);

export const stageChanges = pgTable(
  "stage_change",
  {
    id: uuid().primaryKey().defaultRandom(),
    relationshipId: uuid()
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    fromStage: stage(),
    toStage: stage().notNull(),
    reason: text().notNull().default(""),
    proposedSide: side().notNull(),
    proposedById: text().references(() => users.id, { onDelete: "set null" }),
    /** The structure the proposer spoke for: the authority, or which of the project's holding structures. */
    proposedByOrganisationId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    proposedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    status: proposalStatus().notNull().default("pending"),
    decidedById: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    /** The structure the decider spoke for, as proposedByOrganisationId. */
    decidedByOrganisationId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    decisionComment: text(),
    /** Set when a support network declared this stage (by importing its spreadsheet) on the collective's behalf. */
    declaredByNetworkId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    /**
     * A stage a network declared waits for both sides: the first to confirm it is kept here, the
     * second's confirmation (in decided*) makes it the relationship's stage.
     */
    firstAgreedSide: side(),
    firstAgreedById: text().references(() => users.id, { onDelete: "set null" }),
    firstAgreedByOrganisationId: uuid().references(() => organisations.id, { onDelete: "set null" }),
    firstAgreedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index().on(table.relationshipId, table.proposedAt),
    // One open proposal per relationship at a time.
    uniqueIndex("stage_change_one_pending_idx")
      .on(table.relationshipId)
      .where(sql`${table.status} = 'pending'`),
  ],
);

export const milestones = pgTable(
  "milestone",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    kind: milestoneKind().notNull(),
    title: text().notNull(),
    occursOn: date({ mode: "string" }).notNull(),
    status: milestoneStatus().notNull(),
    description: text().notNull().default(""),
    evidenceLinks: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    recordedSide: side().notNull(),
    recordedById: text().references(() => users.id, { onDelete: "set null" }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Hidden by a moderator: gone for everyone but moderators, kept in the history. */
    hiddenAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index().on(table.projectId, table.occursOn),
    // A project's latest milestone that counts (the dashboards' "last activity"), read from the index alone.
    index("milestone_activity_idx")
      .on(table.projectId, table.occursOn)
      .where(sql`${table.status} <> 'cancelled' and ${table.hiddenAt} is null`),
  ],
);

export const milestoneRelationships = pgTable(
  "milestone_relationship",
  {
    milestoneId: uuid()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    relationshipId: uuid()
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    confirmation: confirmation().notNull().default("pending"),
    comment: text(),
    decidedById: text().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.milestoneId, table.relationshipId] }), index().on(table.relationshipId)],
);

/** A moderator's note on a disputed stage change, or on a contested milestone of one relationship. */
export const mediationNotes = pgTable(
  "mediation_note",
  {
    id: uuid().primaryKey().defaultRandom(),
    stageChangeId: uuid().references(() => stageChanges.id, { onDelete: "cascade" }),
    milestoneId: uuid(),
    relationshipId: uuid(),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    networkId: uuid()
      .notNull()
      .references(() => organisations.id),
    text: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index().on(table.stageChangeId),
    index().on(table.milestoneId, table.relationshipId),
    foreignKey({
      name: "mediation_note_milestone_link_fk",
      columns: [table.milestoneId, table.relationshipId],
      foreignColumns: [milestoneRelationships.milestoneId, milestoneRelationships.relationshipId],
    }).onDelete("cascade"),
    check(
      "mediation_note_one_subject",
      sql`(${table.stageChangeId} is null) <> (${table.milestoneId} is null) and (${table.milestoneId} is null) = (${table.relationshipId} is null)`,
    ),
  ],
);

export const milestoneLevers = pgTable(
  "milestone_lever",
  {
    milestoneId: uuid()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    leverId: text().notNull(),
  },
  (table) => [primaryKey({ columns: [table.milestoneId, table.leverId] }), index().on(table.leverId)],
);

export const stageChangeMilestones = pgTable(
  "stage_change_milestone",
  {
    stageChangeId: uuid()
      .notNull()
      .references(() => stageChanges.id, { onDelete: "cascade" }),
    milestoneId: uuid()
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.stageChangeId, table.milestoneId] })],
);

export const barometerAnswerSets = pgTable(
  "barometer_answer_set",
  {
    id: uuid().primaryKey().defaultRandom(),
    relationshipId: uuid()
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    side: side().notNull(),
    respondentId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answeredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Indicator id → 1..5 */
    answers: jsonb().$type<Record<string, number>>().notNull(),
  },
  (table) => [index().on(table.relationshipId, table.side, table.answeredAt)],
);
