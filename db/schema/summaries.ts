// Facts the portfolio dashboard would otherwise recompute from every milestone and answer set of
// thousands of projects. Database triggers keep them (migration 0014: whatever writes a stage
// change, a milestone, a link, a lever or an answer set, in the app, an import or a seed); the
// service only reads them.
import { doublePrecision, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { relationships, stage, stageChanges } from "./gradient";

/** One row per confirmed stage change, with its neighbours and, for a step forward, the levers since the previous one. */
export const stageMoves = pgTable(
  "stage_move",
  {
    stageChangeId: uuid()
      .primaryKey()
      .references(() => stageChanges.id, { onDelete: "cascade" }),
    relationshipId: uuid()
      .notNull()
      .references(() => relationships.id, { onDelete: "cascade" }),
    projectId: uuid().notNull(),
    fromStage: stage(),
    toStage: stage().notNull(),
    decidedAt: timestamp({ withTimezone: true }).notNull(),
    /** The relationship's confirmed change before and after this one. */
    previousAt: timestamp({ withTimezone: true }),
    nextAt: timestamp({ withTimezone: true }),
    /**
     * For a step forward: the levers of the milestones linked to the relationship (neither
     * cancelled nor hidden) that took place after the previous confirmed change, up to the day of this one.
     */
    levers: text().array().notNull(),
  },
  (table) => [index().on(table.projectId, table.decidedAt), index().on(table.relationshipId)],
);

/**
 * One row per relationship that has stage changes or barometer answers: its latest stage activity
 * and the widest gap between its two sides' barometer readings. A reading depends on the day (answers
 * older than twelve months drop out): the row says for which instants it holds (`readingFrom` to
 * `readingUntil`); outside them the service reads the answers instead, and a nightly job refreshes it.
 */
export const relationshipSummaries = pgTable(
  "relationship_summary",
  {
    relationshipId: uuid()
      .primaryKey()
      .references(() => relationships.id, { onDelete: "cascade" }),
    projectId: uuid().notNull(),
    /** The latest proposal or decision of a stage change. */
    stageActivityAt: timestamp({ withTimezone: true }),
    /** The stage where the two sides' readings are furthest apart (the first in gradient order on a tie), and by how much (0–4). */
    widestStage: stage(),
    widestGap: doublePrecision(),
    readingFrom: timestamp({ withTimezone: true }).notNull(),
    readingUntil: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [index().on(table.projectId)],
);
