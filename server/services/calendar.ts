// The private calendar feed: planned milestones of the projects a person follows or is a party of, as iCalendar.
import { randomBytes } from "node:crypto";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { createEvents, type EventAttributes } from "ics";
import type { Database, DbOrTx } from "@/db";
import { calendarFeeds, follows, memberships, milestones, organisations, projectParties, projects } from "@/db/schema";
import { env } from "@/server/env";
import { recordChange } from "./history";
import { membershipCounts, projectVisibleTo, requireActor, type Actor } from "./access";

const feedUrl = (token: string) => `${env.APP_URL}/api/calendrier/${token}`;

export async function getCalendarFeed(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const [feed] = await db
    .select({ token: calendarFeeds.token })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.userId, signedIn.userId), isNull(calendarFeeds.revokedAt)));
  return { url: feed ? feedUrl(feed.token) : null };
}

/** A new address; the previous one stops working at once. */
export async function renewCalendarFeed(db: Database, actor: Actor | null) {
  const signedIn = requireActor(actor);
  await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, signedIn.userId), isNull(calendarFeeds.revokedAt)));
  const token = randomBytes(24).toString("base64url");
  await db.insert(calendarFeeds).values({ token, userId: signedIn.userId });
  // The token itself is a secret: the log says that a feed was renewed, never its address.
  await recordChange(db, { actorId: signedIn.userId, entity: "calendar_feed", entityId: signedIn.userId, action: "renew" });
  return { url: feedUrl(token) };
}

export async function revokeCalendarFeed(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const revoked = await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.userId, signedIn.userId), isNull(calendarFeeds.revokedAt)))
    .returning({ token: calendarFeeds.token });
  await recordChange(db, { actorId: signedIn.userId, entity: "calendar_feed", entityId: signedIn.userId, action: "revoke" });
  return { revoked: revoked.length };
}

export type CalendarAnswer = { status: 404 } | { status: 200; ics: string };

/** A feed's token as renewCalendarFeed makes it: anything else is no token (and never reaches SQL). */
const FEED_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * A value as an iCalendar text: line breaks become plain newlines (which ics escapes), and other
 * control characters go. A bare carriage return would end the line for a calendar app, and what
 * follows it would be read as a property of the event.
 */
export function calendarText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, " ")
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
}

/** What the feed's address answers: 404 for an unknown or revoked token. */
export async function calendarFor(db: DbOrTx, token: string): Promise<CalendarAnswer> {
  if (!FEED_TOKEN.test(token)) return { status: 404 };
  const [feed] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.token, token), isNull(calendarFeeds.revokedAt)));
  if (!feed) return { status: 404 };
  const reader: Actor = { userId: feed.userId, isPlatformAdmin: false };
  const planned = await db
    .select({
      id: milestones.id,
      title: milestones.title,
      occursOn: milestones.occursOn,
      description: milestones.description,
      projectId: projects.id,
      projectTitle: projects.title,
    })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(
      and(
        eq(milestones.status, "planned"),
        isNull(milestones.hiddenAt),
        projectVisibleTo(db, reader),
        // The projects one follows, and one's own: a party needs not follow its projects to see what is planned.
        or(
          sql`exists (select 1 from ${follows} where ${follows.projectId} = ${projects.id} and ${follows.userId} = ${feed.userId})`,
          sql`exists (select 1 from ${projectParties} pp join ${memberships} m on m.organisation_id = pp.organisation_id
            join ${organisations} o on o.id = pp.organisation_id
            where pp.project_id = ${projects.id} and pp.status = 'active' and m.user_id = ${feed.userId}
              and ${membershipCounts(sql`o.kind`, sql`m.verified_at`)})`,
        ),
      ),
    )
    .orderBy(asc(milestones.occursOn));
  const events: EventAttributes[] = planned.map((milestone) => {
    const [year, month, day] = milestone.occursOn.split("-").map(Number) as [number, number, number];
    return {
      uid: `${milestone.id}@maillage`,
      title: calendarText(`${milestone.title} — ${milestone.projectTitle}`),
      description: calendarText(milestone.description),
      // An all-day event: the next day as its end (ics writes a one-day DURATION as P1DT, which is invalid).
      start: [year, month, day],
      end: nextDay(year, month, day),
      url: `${env.APP_URL}/projets/${milestone.projectId}`,
      productId: "maillage/jalons",
      calName: "Maillage — jalons prévus",
    };
  });
  const { error, value } = createEvents(events, { calName: "Maillage — jalons prévus", productId: "maillage/jalons" });
  if (error || !value) throw error ?? new Error("calendar generation failed");
  return { status: 200, ics: value };
}

function nextDay(year: number, month: number, day: number): [number, number, number] {
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}
