// Emails about notifications: at once, weekly or never; each digest sent once; one-click unsubscribe.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { digestClaims, notifications, outboxEmails } from "@/db/schema";
import { readUnsubscribeToken, sendImmediateEmails, sendWeeklyDigests, unsubscribe, weekStartOf } from "@/server/services/email-notifications";
import { notify } from "@/server/services/notifications";
import { useTestDatabase } from "../support/db";
import { callerFor, makePerson, type TestPerson } from "../support/factories";
import { testServerUrl } from "../support/test-database";

const mailsTo = (db: Database, email: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, email));
const MONDAY = new Date("2026-11-23T07:00:00Z");

async function weeklyNotification(db: Database, person: TestPerson, title: string) {
  await notify(db, { userIds: [person.userId], kind: "milestone_confirmed", projectId: null, actorId: null, payload: { title } });
  // Recorded during the week before MONDAY.
  await db
    .update(notifications)
    .set({ createdAt: new Date("2026-11-18T10:00:00Z") })
    .where(and(eq(notifications.userId, person.userId), sql`${notifications.payload}->>'title' = ${title}`));
}

describe("emails about notifications", () => {
  const database = useTestDatabase();

  it("sends a mention at once, once, with a one-click unsubscribe for its kind", async () => {
    const db = database.db;
    const person = await makePerson(db);
    await notify(db, { userIds: [person.userId], kind: "mention", projectId: null, actorId: null, payload: { excerpt: "Réunion jeudi ?" } });
    await sendImmediateEmails(db);
    await sendImmediateEmails(db);
    const mails = await mailsTo(db, person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("Réunion jeudi ?");
    expect(mails[0]?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const token = mails[0]?.headers["List-Unsubscribe"]?.match(/jeton=([^>]+)>/)?.[1] ?? "";
    expect(readUnsubscribeToken(token)).toEqual({ userId: person.userId, kind: "mention" });
    expect(mails[0]?.text).toContain(`/desabonnement?jeton=${token}`);

    expect(await unsubscribe(db, token)).toEqual({ status: 200, kind: "mention" });
    const preferences = await callerFor(db, person).account.emailPreferences();
    expect(preferences.find((preference) => preference.kind === "mention")?.frequency).toBe("never");
    await notify(db, { userIds: [person.userId], kind: "mention", projectId: null, actorId: null, payload: { excerpt: "Encore ?" } });
    await sendImmediateEmails(db);
    expect(await mailsTo(db, person.email)).toHaveLength(1);
  });

  it("refuses a forged unsubscribe token", async () => {
    const db = database.db;
    const person = await makePerson(db);
    const forged = `${Buffer.from(`${person.userId}|mention`).toString("base64url")}.not-the-signature`;
    expect(await unsubscribe(db, forged)).toEqual({ status: 404 });
    expect(await unsubscribe(db, "")).toEqual({ status: 404 });
  });

  it("keeps weekly kinds for Monday's digest, sent once, and never emails what the person turned off", async () => {
    const db = database.db;
    const weekly = await makePerson(db);
    const silent = await makePerson(db);
    await callerFor(db, silent).account.setEmailPreference({ kind: "milestone_confirmed", frequency: "never" });
    await weeklyNotification(db, weekly, "Visite du site");
    await weeklyNotification(db, weekly, "Convention signée");
    await weeklyNotification(db, silent, "Rien pour moi");
    await sendImmediateEmails(db);
    expect(await mailsTo(db, weekly.email)).toHaveLength(0);

    expect(weekStartOf(MONDAY)).toBe("2026-11-23");
    await sendWeeklyDigests(db, { now: MONDAY });
    await sendWeeklyDigests(db, { now: new Date("2026-11-23T09:30:00Z") });
    const digests = await mailsTo(db, weekly.email);
    expect(digests).toHaveLength(1);
    expect(digests[0]?.subject).toContain("2 nouveautés");
    expect(digests[0]?.text).toContain("Visite du site");
    expect(digests[0]?.text).toContain("Convention signée");
    expect(await mailsTo(db, silent.email)).toHaveLength(0);
  });

  it.runIf(testServerUrl() !== null)("sends each digest exactly once when two workers run at the same moment (PostgreSQL only)", async () => {
    const db = database.db;
    const people = await Promise.all(Array.from({ length: 12 }, () => makePerson(db)));
    for (const person of people) await weeklyNotification(db, person, "Jalon de la semaine");
    await Promise.all([sendWeeklyDigests(db, { now: MONDAY }), sendWeeklyDigests(db, { now: MONDAY }), sendWeeklyDigests(db, { now: MONDAY })]);
    for (const person of people) expect(await mailsTo(db, person.email)).toHaveLength(1);
    const claims = await db.select().from(digestClaims).where(eq(digestClaims.weekStart, "2026-11-23"));
    expect(claims.filter((claim) => people.some((person) => person.userId === claim.userId))).toHaveLength(12);
  });
});
