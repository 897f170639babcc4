// Moderation and the portfolio's comings and goings, as the people involved live them: who sees
// what once content is hidden, who is told, and why.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { changeLog, contentReports, notifications, projectParties, projects } from "@/db/schema";
import { calendarFor } from "@/server/services/calendar";
import { useTestDatabase } from "../support/db";
import { callerFor, makeComment } from "../support/factories";
import { codeOf } from "../support/trpc-code";
import { buildWorld, type World } from "../support/world";

async function toldTo(db: Database, userId: string, kind: "moderation" | "portfolio" | "mediation") {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return rows.map((row) => row.payload);
}

async function commentByOfficial(db: Database, world: World, body = "Ce projet est une arnaque, tout le monde le sait.") {
  const { commentId } = await callerFor(db, world.people.partyOfficial).comment.add({ projectId: world.project.id, body, mentionIds: [] });
  return commentId;
}

describe("moderation", () => {
  const database = useTestDatabase();

  it("a reported comment, hidden with a reason, is gone for the parties, kept for moderators and in the history; the author is told", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const commentId = await commentByOfficial(db, world);
    const asCollective = callerFor(db, world.people.collectiveMember);
    const asModerator = callerFor(db, world.people.holdingModerator);
    await asCollective.moderation.report({ kind: "comment", contentId: commentId, reason: "Propos diffamatoires." });

    const queue = await asModerator.moderation.queue();
    expect(queue.reported).toEqual([
      expect.objectContaining({ id: commentId, kind: "comment", reports: [expect.objectContaining({ reason: "Propos diffamatoires." })] }),
    ]);

    await asModerator.moderation.hide({ kind: "comment", contentId: commentId, reason: "Accusation sans fondement." });

    for (const party of [world.people.collectiveMember, world.people.partyOfficial]) {
      const thread = await callerFor(db, party).comment.list({ projectId: world.project.id });
      expect(thread.map((comment) => comment.id)).not.toContain(commentId);
    }
    const seenByModerator = await asModerator.comment.list({ projectId: world.project.id });
    expect(seenByModerator).toEqual(expect.arrayContaining([expect.objectContaining({ id: commentId, hidden: true })]));
    expect(await toldTo(db, world.people.partyOfficial.userId, "moderation")).toEqual([
      expect.objectContaining({ action: "hidden", content: "comment", reason: "Accusation sans fondement." }),
    ]);
    const [report] = await db.select().from(contentReports).where(eq(contentReports.contentId, commentId));
    expect(report).toMatchObject({ status: "acted", decisionReason: "Accusation sans fondement." });
    const history = await db.select().from(changeLog).where(eq(changeLog.entityId, commentId));
    expect(history.map((row) => row.action)).toEqual(expect.arrayContaining(["create", "hide"]));
    expect((await asModerator.moderation.queue()).hidden).toEqual([expect.objectContaining({ id: commentId })]);

    // The author can no longer edit it; the moderator restores it and the author is told.
    await expect(callerFor(db, world.people.partyOfficial).comment.edit({ commentId, version: 1, body: "Autre chose" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await asModerator.moderation.restore({ kind: "comment", contentId: commentId, reason: "Excuses présentées." });
    const thread = await asCollective.comment.list({ projectId: world.project.id });
    expect(thread).toEqual(expect.arrayContaining([expect.objectContaining({ id: commentId, hidden: false })]));
    expect(await toldTo(db, world.people.partyOfficial.userId, "moderation")).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: "restored", reason: "Excuses présentées." })]),
    );
  });

  it("a hidden milestone leaves the timeline, the summaries and the calendar of everyone but moderators", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    const planned = await asCollective.milestone.create({
      projectId: world.project.id,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "site_visit",
      title: "Visite prévue du chantier",
      occursOn: "2030-01-15",
      status: "planned",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    await asCollective.follow.set({ projectId: world.project.id, follow: true });
    const { url } = await asCollective.calendar.renew();
    const token = url.split("/").at(-1) ?? "";
    const feedBefore = await calendarFor(db, token);
    expect(feedBefore.status === 200 && feedBefore.ics).toContain("Visite prévue du chantier");

    const asModerator = callerFor(db, world.people.holdingModerator);
    await asModerator.moderation.hide({ kind: "milestone", contentId: planned.milestoneId, reason: "Doublon." });
    await asModerator.moderation.hide({ kind: "milestone", contentId: world.milestoneId, reason: "Contenu inexact." });

    for (const party of [world.people.collectiveMember, world.people.partyOfficial, world.people.territoryOfficial]) {
      const overview = await callerFor(db, party).project.overview({ projectId: world.project.id });
      expect(overview.milestones).toEqual([]);
    }
    const mine = await asCollective.project.listMine();
    expect(mine.find((project) => project.id === world.project.id)?.latestMilestone).toBeNull();
    const feedAfter = await calendarFor(db, token);
    expect(feedAfter.status === 200 && feedAfter.ics).not.toContain("Visite prévue du chantier");
    const seenByModerator = await asModerator.project.overview({ projectId: world.project.id });
    expect(seenByModerator.milestones.map((milestone) => [milestone.id, milestone.hidden]).sort()).toEqual(
      [
        [planned.milestoneId, true],
        [world.milestoneId, true],
      ].sort(),
    );
    expect(await codeOf(asCollective.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { title: "Corrigé" } }))).toBe("CONFLICT");
  });

  it("a report is made once per person; a dismissed one tells the reporter why, and the content stays", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const commentId = await commentByOfficial(db, world, "Je ne suis pas d'accord avec le budget.");
    const asCollective = callerFor(db, world.people.collectiveMember);
    const { reportId } = await asCollective.moderation.report({ kind: "comment", contentId: commentId, reason: "Agressif." });
    expect(await codeOf(asCollective.moderation.report({ kind: "comment", contentId: commentId, reason: "Encore." }))).toBe("CONFLICT");

    await callerFor(db, world.people.holdingModerator).moderation.dismiss({ reportId, reason: "Un désaccord n'est pas une attaque." });
    expect(await toldTo(db, world.people.collectiveMember.userId, "moderation")).toEqual([
      expect.objectContaining({ action: "dismissed", reason: "Un désaccord n'est pas une attaque." }),
    ]);
    const thread = await asCollective.comment.list({ projectId: world.project.id });
    expect(thread.map((comment) => comment.id)).toContain(commentId);
    expect((await callerFor(db, world.people.holdingModerator).moderation.queue()).reported).toEqual([]);
    expect(await codeOf(callerFor(db, world.people.holdingModerator).moderation.dismiss({ reportId, reason: "Deux fois." }))).toBe("CONFLICT");
  });

  it("limits reports to 20 an hour per person", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    for (let index = 0; index < 20; index += 1) {
      const commentId = await makeComment(db, world.project.id, world.people.partyOfficial, `Message ${index}`);
      await asCollective.moderation.report({ kind: "comment", contentId: commentId, reason: "Hors sujet." });
    }
    const last = await makeComment(db, world.project.id, world.people.partyOfficial, "Message 21");
    const refused = asCollective.moderation.report({ kind: "comment", contentId: last, reason: "Hors sujet." });
    await expect(refused).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS", message: expect.stringContaining("signalements") });
    expect(await db.select().from(contentReports).where(eq(contentReports.contentId, last))).toEqual([]);
  });

  it("a contested milestone is listed for the holding network, whose note both sides read and are told of", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asModerator = callerFor(db, world.people.holdingModerator);
    const note = { milestoneId: world.milestoneId, relationshipId: world.relationshipId, text: "Le compte rendu de la réunion est daté du 12 mars." };
    expect(await codeOf(asModerator.moderation.addMilestoneNote(note))).toBe("CONFLICT");

    await callerFor(db, world.people.partyOfficial).milestone.contest({
      milestoneId: world.milestoneId,
      relationshipId: world.relationshipId,
      comment: "Cette rencontre n'a pas eu lieu en mairie.",
    });
    expect(await asModerator.moderation.contested()).toEqual([
      expect.objectContaining({ milestoneId: world.milestoneId, comment: "Cette rencontre n'a pas eu lieu en mairie.", notes: [] }),
    ]);
    expect(await callerFor(db, world.people.otherModerator).moderation.contested()).toEqual([]);

    await asModerator.moderation.addMilestoneNote(note);
    for (const side of [world.people.collectiveMember, world.people.partyOfficial]) {
      const overview = await callerFor(db, side).project.overview({ projectId: world.project.id });
      const link = overview.milestones.find((milestone) => milestone.id === world.milestoneId)?.relationships[0];
      expect(link?.notes).toEqual([expect.objectContaining({ text: note.text, networkName: world.holdingNetwork.name })]);
      expect(await toldTo(db, side.userId, "mediation")).toEqual([expect.objectContaining({ title: "Première rencontre en mairie" })]);
    }
  });
});

describe("the portfolio", () => {
  const database = useTestDatabase();

  it("a network invites a project, the collective accepts, then the network ends it with a reason the collective reads", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    await db.update(projects).set({ visibility: "public" }).where(eq(projects.id, world.project.id));
    const asOtherModerator = callerFor(db, world.people.otherModerator);
    await asOtherModerator.portfolio.invite({ networkId: world.otherNetwork.id, projectId: world.project.id });
    expect(await toldTo(db, world.people.collectiveMember.userId, "portfolio")).toEqual([
      expect.objectContaining({ event: "invited", network: world.otherNetwork.name }),
    ]);
    expect(await codeOf(asOtherModerator.portfolio.invite({ networkId: world.otherNetwork.id, projectId: world.project.id }))).toBe("CONFLICT");

    await callerFor(db, world.people.collectiveMember).portfolio.answerInvitation({
      projectId: world.project.id,
      networkId: world.otherNetwork.id,
      accept: true,
    });
    expect(await toldTo(db, world.people.otherModerator.userId, "portfolio")).toEqual([expect.objectContaining({ event: "invitation_accepted" })]);
    // Now a holding network: its moderator moderates the project.
    const overview = await asOtherModerator.project.overview({ projectId: world.project.id });
    expect(overview.canModerate).toBe(true);

    await asOtherModerator.portfolio.leave({ projectId: world.project.id, networkId: world.otherNetwork.id, reason: "Le projet a terminé son incubation." });
    const parties = await db
      .select()
      .from(projectParties)
      .where(and(eq(projectParties.projectId, world.project.id), eq(projectParties.organisationId, world.otherNetwork.id)));
    expect(parties).toEqual([]);
    expect(await toldTo(db, world.people.collectiveMember.userId, "portfolio")).toEqual(
      expect.arrayContaining([expect.objectContaining({ event: "left_by_network", reason: "Le projet a terminé son incubation." })]),
    );
  });

  it("a refused request to join or to go public tells the collective why", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    await asCollective.party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id });
    await callerFor(db, world.people.otherModerator).party.decideNetwork({
      projectId: world.project.id,
      networkId: world.otherNetwork.id,
      accept: false,
      reason: "Nous n'accompagnons que des projets en Isère.",
    });
    await asCollective.project.requestPublic({ projectId: world.project.id });
    await callerFor(db, world.people.holdingModerator).project.reviewPublic({
      projectId: world.project.id,
      accept: false,
      reason: "Ajoutez d'abord un résumé.",
    });
    expect(await toldTo(db, world.people.collectiveMember.userId, "portfolio")).toEqual([
      expect.objectContaining({ event: "request_refused", network: world.otherNetwork.name, reason: "Nous n'accompagnons que des projets en Isère." }),
      expect.objectContaining({ event: "public_refused", reason: "Ajoutez d'abord un résumé." }),
    ]);
  });
});
