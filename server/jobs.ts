// Scheduled work: emails due now, every minute; last week's digests, on Mondays at 7:00 (Paris);
// the purge of expired messages and notifications, every night at 3:30; at 3:15, the dashboard's
// barometer readings whose oldest answer has turned twelve months old; at 9:00, claims to speak for
// an authority still waiting after seven days, reminded once to their verifiers; at 9:05, stage
// proposals and milestones still waiting for an answer after 7 and 21 days, reminded once each.
// On PostgreSQL, pg-boss schedules and runs them, so several app instances share one schedule.
// On the embedded PGlite, where pg-boss cannot run, an in-process timer runs the same functions;
// either way the claims in the database (see email-notifications.ts) keep each email to one send.
import { sql } from "drizzle-orm";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { sendImmediateEmails, sendWeeklyDigests } from "@/server/services/email-notifications";
import { remindWaitingAnswers } from "@/server/services/answer-reminders";
import { remindWaitingClaims } from "@/server/services/membership-claims";
import { refreshAgedReadings } from "@/server/services/portfolio-dashboard";
import { purgeExpiredData } from "@/server/services/privacy";

const JOBS = [
  { name: "immediate-emails", cron: "* * * * *", run: () => sendImmediateEmails(getDb()) },
  { name: "weekly-digest", cron: "0 7 * * 1", run: () => sendWeeklyDigests(getDb(), { now: new Date() }) },
  { name: "retention-purge", cron: "30 3 * * *", run: () => purgeExpiredData(getDb()) },
  { name: "aged-readings", cron: "15 3 * * *", run: () => refreshAgedReadings(getDb()) },
  { name: "claim-reminders", cron: "0 9 * * *", run: () => remindWaitingClaims(getDb()) },
  { name: "answer-reminders", cron: "5 9 * * *", run: () => remindWaitingAnswers(getDb()) },
] as const;

/** Any number the app uses for nothing else: the advisory lock taken while declaring the jobs. */
const JOB_SETUP_LOCK = 7_420_102;

const globalForJobs = globalThis as unknown as { maillageJobs?: boolean };

/** Is it Monday, 7:00 or later, in Paris? The in-process fallback's stand-in for the cron. */
function digestDue(now: Date): boolean {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", weekday: "short", hour: "numeric", hour12: false }).formatToParts(now);
  const weekday = parts.find((part) => part.type === "weekday")?.value;
  const hour = Number(parts.find((part) => part.type === "hour")?.value ?? 0);
  return weekday === "Mon" && hour >= 7;
}

export async function startJobs() {
  if (globalForJobs.maillageJobs || !env.SCHEDULED_JOBS) return;
  globalForJobs.maillageJobs = true;
  if (env.DATABASE_URL) {
    const { default: PgBoss } = await import("pg-boss");
    const boss = new PgBoss({ connectionString: env.DATABASE_URL, max: 2 });
    boss.on("error", (error: unknown) => console.error("pg-boss", error));
    await boss.start();
    // Instances starting together would create the same queues at once and deadlock in pg-boss's
    // tables (seen with two instances): they take turns under an advisory lock held by a
    // transaction of ours, while pg-boss writes through its own connections.
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${JOB_SETUP_LOCK})`);
      for (const job of JOBS) {
        await boss.createQueue(job.name);
        await boss.schedule(job.name, job.cron, undefined, { tz: "Europe/Paris" });
      }
    });
    for (const job of JOBS) {
      await boss.work(job.name, async () => {
        await job.run();
      });
    }
    return;
  }
  let ticks = 0;
  const tick = async () => {
    try {
      await sendImmediateEmails(getDb());
      if (digestDue(new Date())) await sendWeeklyDigests(getDb(), { now: new Date() });
      if (++ticks % 60 === 1) {
        await purgeExpiredData(getDb());
        await refreshAgedReadings(getDb());
        await remindWaitingClaims(getDb());
        await remindWaitingAnswers(getDb());
      }
    } catch (error) {
      console.error("scheduled emails", error);
    }
  };
  setInterval(() => void tick(), 60_000).unref();
}
