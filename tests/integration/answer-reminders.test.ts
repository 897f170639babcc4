// What still waits for an answer is recalled after 7 and 21 days, once each, to those who may give
// it — never what was answered meanwhile, never twice when two instances run at once.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { milestones, notifications, outboxEmails, stageChanges } from "@/db/schema";
import { remindWaitingAnswers } from "@/server/services/answer-reminders";
import { sendImmediateEmails } from "@/server/services/email-notifications";
import { useTestDatabase } from "../support/db";
import { callerFor } from "../support/factories";
import { buildWorld, pendingProposal, type World } from "../support/world";

const DAY = 86_400_000;

async function remindersTo(db: Database, world: World, userId: string) {
  const rows = await db
    .select({ kind: notifications.kind, payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.projectId, world.project.id)));
  return rows.filter((row) => row.payload.reminder).map((row) => `${row.kind}:${row.payload.reminder}`);
}

describe("reminders of what waits for an answer", () => {
  const database = useTestDatabase();

  it("recall a milestone and a proposal after 7 days and after 21, once each, to the side that answers", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const { stageChangeId } = await pendingProposal(db, world);
    const start = new Date();
    const mayor = world.people.partyOfficial.userId;
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 6 * DAY))).toEqual({ reminded: 0 });
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 8 * DAY))).toEqual({ reminded: 2 });
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 9 * DAY))).toEqual({ reminded: 0 });
    expect((await remindersTo(db, world, mayor)).sort()).toEqual(["milestone_recorded:7", "stage_proposed:7"]);
    // The side that asked is not reminded of its own request.
    expect(await remindersTo(db, world, world.people.collectiveMember.userId)).toEqual([]);

    // Answered meanwhile: the milestone is confirmed; only the proposal is recalled at 21 days.
    await callerFor(db, world.people.partyOfficial).milestone.confirm({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "" });
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 22 * DAY))).toEqual({ reminded: 1 });
    expect((await remindersTo(db, world, mayor)).sort()).toEqual(["milestone_recorded:7", "stage_proposed:21", "stage_proposed:7"]);
    const [proposal] = await db.select().from(stageChanges).where(eq(stageChanges.id, stageChangeId));
    expect(proposal?.status).toBe("pending");
    // Asking for an answer, they are emailed at once.
    await sendImmediateEmails(db);
    const mails = await db.select().from(outboxEmails).where(eq(outboxEmails.to, world.people.partyOfficial.email));
    expect(mails.map((mail) => mail.text).join("\n")).toContain("Second rappel, en attente depuis 21 jours");
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 40 * DAY))).toEqual({ reminded: 0 });
  });

  it("send what has waited three weeks its 21-day reminder alone, and a hidden milestone none", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const start = new Date();
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 25 * DAY))).toEqual({ reminded: 1 });
    expect(await remindersTo(db, world, world.people.partyOfficial.userId)).toEqual(["milestone_recorded:21"]);
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 26 * DAY))).toEqual({ reminded: 0 });

    const other = await buildWorld(db);
    await db.update(milestones).set({ hiddenAt: new Date() }).where(eq(milestones.id, other.milestoneId));
    expect(await remindWaitingAnswers(db, new Date(start.getTime() + 25 * DAY))).toEqual({ reminded: 0 });
  });

  it("are sent once when two instances run at the same moment", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const later = new Date(Date.now() + 8 * DAY);
    const runs = await Promise.all([remindWaitingAnswers(db, later), remindWaitingAnswers(db, later)]);
    expect(runs.map((run) => run.reminded).sort()).toEqual([0, 1]);
    expect(await remindersTo(db, world, world.people.partyOfficial.userId)).toEqual(["milestone_recorded:7"]);
  });
});
