// Notifications by email: immediately, in a weekly digest, or never, per person and per kind;
// each email carries a one-click unsubscribe for its kind.
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq, gte, inArray, isNull, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "@/db";
import { digestClaims, emailFrequency, emailPreferences, notifications, projects, users, notificationKind } from "@/db/schema";
import { authSecret, env } from "@/server/env";
import { payloadValues, type NotificationKind } from "@/server/domain/notifications";
import { mailTranslator } from "@/server/i18n/messages";
import { requireActor, type Actor } from "./access";
import { recordChange } from "./history";
import { sendMail } from "./mail";
import { withoutGoneExcerpts } from "./notifications";
import type { TSetEmailPreferenceInput } from "@/server/api/routers/account.schema";

export const EMAIL_FREQUENCIES = emailFrequency.enumValues;
export type EmailFrequency = (typeof EMAIL_FREQUENCIES)[number];
export const NOTIFICATION_KINDS = notificationKind.enumValues;

/** What people get when they have not chosen: what asks for an answer comes at once, the rest weekly. */
export const DEFAULT_FREQUENCY: Record<NotificationKind, EmailFrequency> = {
  milestone_recorded: "immediate",
  milestone_confirmed: "weekly",
  milestone_contested: "immediate",
  milestone_withdrawn: "weekly",
  stage_proposed: "immediate",
  stage_confirmed: "weekly",
  stage_declined: "immediate",
  mention: "immediate",
  invitation: "immediate",
  moderation: "immediate",
  portfolio: "immediate",
  mediation: "immediate",
  membership: "immediate",
  co_holding: "immediate",
  relationship_ended: "immediate",
};

/** The frequency in force for a notification row, as SQL: the person's choice, else the default. */
function frequencyOf(): SQL<EmailFrequency> {
  const defaults = sql.join(
    NOTIFICATION_KINDS.map((kind) => sql`when ${kind} then ${DEFAULT_FREQUENCY[kind]}`),
    sql` `,
  );
  return sql<EmailFrequency>`coalesce(
    (select ${emailPreferences.frequency}::text from ${emailPreferences}
      where ${emailPreferences.userId} = ${notifications.userId} and ${emailPreferences.kind} = ${notifications.kind}),
    case ${notifications.kind}::text ${defaults} end)`;
}

export async function listEmailPreferences(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const chosen = await db.select().from(emailPreferences).where(eq(emailPreferences.userId, signedIn.userId));
  return NOTIFICATION_KINDS.map((kind) => ({
    kind,
    frequency: chosen.find((row) => row.kind === kind)?.frequency ?? DEFAULT_FREQUENCY[kind],
  }));
}

/** How one person wants to be emailed about one kind. */
export async function frequencyFor(db: DbOrTx, userId: string, kind: NotificationKind): Promise<EmailFrequency> {
  const [chosen] = await db
    .select({ frequency: emailPreferences.frequency })
    .from(emailPreferences)
    .where(and(eq(emailPreferences.userId, userId), eq(emailPreferences.kind, kind)));
  return chosen?.frequency ?? DEFAULT_FREQUENCY[kind];
}

export async function setEmailPreference(db: DbOrTx, actor: Actor | null, input: TSetEmailPreferenceInput) {
  const signedIn = requireActor(actor);
  await db
    .insert(emailPreferences)
    .values({ userId: signedIn.userId, kind: input.kind, frequency: input.frequency })
    .onConflictDoUpdate({ target: [emailPreferences.userId, emailPreferences.kind], set: { frequency: input.frequency } });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "email_preference",
    entityId: `${signedIn.userId}:${input.kind}`,
    action: "set",
    changes: [{ field: input.kind, before: null, after: input.frequency }],
  });
  return input;
}

// ── One-click unsubscribe ─────────────────────────────────────────────────────────────────────

const signature = (payload: string) => createHmac("sha256", authSecret()).update(`unsubscribe:${payload}`).digest("base64url");

export function unsubscribeToken(userId: string, kind: NotificationKind | "digest"): string {
  const payload = Buffer.from(`${userId}|${kind}`).toString("base64url");
  return `${payload}.${signature(payload)}`;
}

export function readUnsubscribeToken(token: string): { userId: string; kind: NotificationKind | "digest" } | null {
  const [payload, mac] = token.split(".");
  if (!payload || !mac) return null;
  const expected = Buffer.from(signature(payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const [userId, kind] = Buffer.from(payload, "base64url").toString().split("|");
  if (!userId || !kind || !(kind === "digest" || (NOTIFICATION_KINDS as readonly string[]).includes(kind))) return null;
  return { userId, kind: kind as NotificationKind | "digest" };
}

/** Stops the emails the token names: one kind, or — from a digest — every weekly kind. */
export async function unsubscribe(db: Database, token: string): Promise<{ status: 404 } | { status: 200; kind: NotificationKind | "digest" }> {
  const read = readUnsubscribeToken(token);
  if (!read) return { status: 404 };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, read.userId));
  if (!user) return { status: 404 };
  const actor = { userId: user.id, isPlatformAdmin: false };
  if (read.kind === "digest") {
    const weekly = (await listEmailPreferences(db, actor)).filter((preference) => preference.frequency === "weekly");
    for (const preference of weekly) await setEmailPreference(db, actor, { kind: preference.kind, frequency: "never" });
  } else {
    await setEmailPreference(db, actor, { kind: read.kind, frequency: "never" });
  }
  return { status: 200, kind: read.kind };
}

export function unsubscribeHeaders(token: string) {
  return {
    "List-Unsubscribe": `<${env.APP_URL}/api/desabonnement?jeton=${token}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

function describe(kind: NotificationKind, actorName: string | null, payload: Record<string, string>, projectTitle: string | null) {
  const t = mailTranslator();
  const what = t(`notification.kinds.${kind}`, { ...payloadValues(payload), actor: actorName ?? "—", project: projectTitle ?? "" });
  return payload.reason ? `${what}\n${t("notification.reason", { reason: payload.reason })}` : what;
}

// ── Immediate emails ─────────────────────────────────────────────────────────────────────────

/**
 * Sends the emails due now. Each notification is claimed by the statement that marks it emailed
 * (rows locked, skipped by a concurrent worker), so two workers never send the same one.
 */
export async function sendImmediateEmails(db: Database, options: { limit?: number } = {}) {
  const claimed = await db.transaction(async (tx) => {
    const due = await tx
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(isNull(notifications.emailedAt), sql`${frequencyOf()} = 'immediate'`))
      .limit(options.limit ?? 200)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(notifications)
      .set({ emailedAt: new Date() })
      .where(
        inArray(
          notifications.id,
          due.map((row) => row.id),
        ),
      )
      .returning();
  });
  if (claimed.length === 0) return { sent: 0 };
  const recipient = alias(users, "recipient");
  const actor = alias(users, "notification_actor");
  const details = await db
    .select({ id: notifications.id, email: recipient.email, projectTitle: projects.title, actorName: actor.name })
    .from(notifications)
    .innerJoin(recipient, eq(recipient.id, notifications.userId))
    .leftJoin(projects, eq(projects.id, notifications.projectId))
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(
      inArray(
        notifications.id,
        claimed.map((notification) => notification.id),
      ),
    );
  const t = mailTranslator();
  for (const notification of claimed) {
    const context = details.find((row) => row.id === notification.id);
    if (!context) continue;
    const token = unsubscribeToken(notification.userId, notification.kind);
    await sendMail(db, {
      to: context.email,
      subject: t("notification.subject", { project: context.projectTitle ?? "Maillage" }),
      text: t("notification.text", {
        what: describe(notification.kind, context.actorName, notification.payload, context.projectTitle),
        url: notification.projectId
          ? `${env.APP_URL}/projets/${notification.projectId}`
          : notification.payload.organisationId
            ? `${env.APP_URL}/organisations/${notification.payload.organisationId}`
            : `${env.APP_URL}/notifications`,
        unsubscribe: `${env.APP_URL}/desabonnement?jeton=${token}`,
      }),
      headers: unsubscribeHeaders(token),
    });
  }
  return { sent: claimed.length };
}

// ── The weekly digest ────────────────────────────────────────────────────────────────────────

/** The Monday (UTC date) of the week containing `now`: a digest covers the seven days before it. */
export function weekStartOf(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

/**
 * Sends each person's digest of last week. The claim row (person, week) is inserted before
 * sending: with several instances, only the one whose insert succeeds sends it.
 */
export async function sendWeeklyDigests(db: Database, options: { now: Date }) {
  const weekStart = weekStartOf(options.now);
  const end = new Date(`${weekStart}T00:00:00Z`);
  const start = new Date(end.getTime() - 7 * 24 * 60 * 60 * 1000);
  const inWeek = and(gte(notifications.createdAt, start), lt(notifications.createdAt, end), sql`${frequencyOf()} = 'weekly'`);
  const recipients = await db.selectDistinct({ userId: notifications.userId }).from(notifications).where(inWeek);
  const t = mailTranslator();
  let sent = 0;
  for (const { userId } of recipients) {
    const [claim] = await db.insert(digestClaims).values({ userId, weekStart }).onConflictDoNothing().returning();
    if (!claim) continue;
    // A digest quotes nothing that moderation hid (or its author deleted) during the week.
    const items = await withoutGoneExcerpts(
      db,
      await db
        .select({ kind: notifications.kind, payload: notifications.payload, projectTitle: projects.title, actorName: users.name })
        .from(notifications)
        .leftJoin(projects, eq(projects.id, notifications.projectId))
        .leftJoin(users, eq(users.id, notifications.actorId))
        .where(and(eq(notifications.userId, userId), inWeek))
        .orderBy(notifications.createdAt),
    );
    const [person] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
    if (!person || items.length === 0) continue;
    const token = unsubscribeToken(userId, "digest");
    await sendMail(db, {
      to: person.email,
      subject: t("digest.subject", { count: items.length }),
      text: t("digest.text", {
        lines: items.map((item) => `• ${item.projectTitle ?? ""} — ${describe(item.kind, item.actorName, item.payload, item.projectTitle)}`).join("\n"),
        url: `${env.APP_URL}/notifications`,
        unsubscribe: `${env.APP_URL}/desabonnement?jeton=${token}`,
      }),
      headers: unsubscribeHeaders(token),
    });
    await db
      .update(digestClaims)
      .set({ sentAt: new Date(), notificationCount: items.length })
      .where(and(eq(digestClaims.userId, userId), eq(digestClaims.weekStart, weekStart)));
    sent += 1;
  }
  return { weekStart, sent };
}
