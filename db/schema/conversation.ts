// What people say and are told about a project: comments with mentions, follows, notifications.
import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { NOTIFICATION_KINDS } from "@/server/domain/notifications";
import { users } from "./auth";
import { membershipRole, organisations } from "./organisations";
import { projects } from "./projects";

export const comments = pgTable(
  "comment",
  {
    id: uuid().primaryKey().defaultRandom(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    authorId: text().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Deleted by its author: the text is gone from the thread, kept in the history. */
    deletedAt: timestamp({ withTimezone: true }),
    /** Hidden by a moderator: gone for everyone but moderators, kept in the history. */
    hiddenAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.projectId, table.createdAt)],
);

export const commentMentions = pgTable(
  "comment_mention",
  {
    commentId: uuid()
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (table) => [primaryKey({ columns: [table.commentId, table.userId] })],
);

export const follows = pgTable(
  "follow",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    followedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** When the person last opened the project: what came after is "new" for them. */
    lastVisitedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.projectId] }), index().on(table.projectId)],
);

export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);

export const notifications = pgTable(
  "notification",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind().notNull(),
    projectId: uuid().references(() => projects.id, { onDelete: "cascade" }),
    actorId: text().references(() => users.id, { onDelete: "set null" }),
    /** What the message needs to be said: a title, stages, an excerpt. */
    payload: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    /** Set when an immediate email about it has been claimed for sending. */
    emailedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.userId, table.createdAt), index().on(table.userId, table.readAt), index().on(table.emailedAt)],
);

/**
 * A reminder sent about something that still waits for an answer (a stage proposal, a milestone for
 * one relationship), once per threshold: the row is the claim, so two instances never both send it.
 */
export const answerReminders = pgTable(
  "answer_reminder",
  {
    subjectKind: text().$type<"stage_change" | "milestone_link">().notNull(),
    /** The stage change's id, or « milestone id:relationship id ». */
    subjectId: text().notNull(),
    /** 7 or 21: the days it had waited. */
    afterDays: integer().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.subjectKind, table.subjectId, table.afterDays] })],
);

/** A private, revocable calendar address: planned milestones of the projects a person follows. */
export const calendarFeeds = pgTable(
  "calendar_feed",
  {
    token: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.userId)],
);

/** An invitation of an official or an agent to a project, on behalf of one of its authorities. */
export const invitations = pgTable(
  "invitation",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** SHA-256 of the emailed token: the token itself is never stored. */
    tokenHash: text().notNull().unique(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    /** An invitation to speak for one of the project's authorities, with an office… */
    authorityId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    office: text(),
    /** …or to join its lead collective, with a role (its first member to accept becomes its admin). */
    collectiveId: uuid().references(() => organisations.id, { onDelete: "cascade" }),
    collectiveRole: membershipRole(),
    email: text().notNull(),
    invitedById: text().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    sentCount: integer().notNull().default(1),
    usedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index().on(table.projectId),
    index().on(table.email),
    index().on(table.collectiveId, table.email),
    check(
      "invitation_one_organisation",
      sql`(${table.authorityId} is not null and ${table.office} is not null and ${table.collectiveId} is null and ${table.collectiveRole} is null)
        or (${table.collectiveId} is not null and ${table.collectiveRole} is not null and ${table.authorityId} is null and ${table.office} is null)`,
    ),
  ],
);

export const emailFrequency = pgEnum("email_frequency", ["immediate", "weekly", "never"]);

/** How a person wants to be emailed about one kind of notification; absent means the default. */
export const emailPreferences = pgTable(
  "email_preference",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind().notNull(),
    frequency: emailFrequency().notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.kind] })],
);

/** One row per person and week: whoever inserts it sends that digest, so it never goes out twice. */
export const digestClaims = pgTable(
  "digest_claim",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    weekStart: date({ mode: "string" }).notNull(),
    claimedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    notificationCount: integer().notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.userId, table.weekStart] })],
);
