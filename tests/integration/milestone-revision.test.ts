// A milestone recorded by mistake: corrected or withdrawn by its author while no one has confirmed
// it; withdrawn, it leaves the timeline and every count, the history keeps it, and those told are told again.
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, milestones, notifications } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, makePerson } from "../support/factories";
import { buildWorld } from "../support/world";

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe("a milestone recorded by mistake", () => {
  const database = useTestDatabase();

  it("is corrected by its author, from the version they started from, and the history says what changed", async () => {
    const world = await buildWorld(database.db);
    const asAuthor = callerFor(database.db, world.people.collectiveMember);
    const overview = await asAuthor.project.overview({ projectId: world.project.id });
    expect(overview.milestones.find((milestone) => milestone.id === world.milestoneId)?.canRevise).toBe(true);
    await asAuthor.milestone.update({
      milestoneId: world.milestoneId,
      version: 1,
      changes: { title: "Première rencontre à la mairie", occursOn: "2026-03-13" },
    });
    expect((await failureOf(asAuthor.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { title: "Encore" } }))).code).toBe("CONFLICT");
    const history = await asAuthor.project.history({ projectId: world.project.id });
    expect(history.find((entry) => entry.entityId === world.milestoneId && entry.action === "update")?.changes).toEqual([
      { field: "title", before: "Première rencontre en mairie", after: "Première rencontre à la mairie" },
      { field: "occursOn", before: "2026-03-12", after: "2026-03-13" },
    ]);
  });

  it("is corrected by its author only: a fellow member changes its status, not what it says", async () => {
    const world = await buildWorld(database.db);
    const colleague = await makePerson(database.db, { name: "Paul" });
    await database.db.insert(memberships).values({ userId: colleague.userId, organisationId: world.collective.id, role: "member" });
    const asColleague = callerFor(database.db, colleague);
    const seen = (await asColleague.project.overview({ projectId: world.project.id })).milestones.find((milestone) => milestone.id === world.milestoneId);
    expect(seen?.canRevise).toBe(false);
    expect(await failureOf(asColleague.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { title: "Autre titre" } }))).toEqual({
      code: "FORBIDDEN",
      message: "Seule la personne qui a enregistré ce jalon peut le corriger ou le retirer.",
    });
    expect((await failureOf(asColleague.milestone.withdraw({ milestoneId: world.milestoneId, version: 1 }))).code).toBe("FORBIDDEN");
    await asColleague.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { status: "cancelled" } });
    const [after] = await database.db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
    expect(after).toMatchObject({ title: "Première rencontre en mairie", status: "cancelled" });
  });

  it("stays as the other side confirmed it", async () => {
    const world = await buildWorld(database.db);
    const asAuthor = callerFor(database.db, world.people.collectiveMember);
    await callerFor(database.db, world.people.partyOfficial).milestone.confirm({
      milestoneId: world.milestoneId,
      relationshipId: world.relationshipId,
      comment: "",
    });
    const seen = (await asAuthor.project.overview({ projectId: world.project.id })).milestones.find((milestone) => milestone.id === world.milestoneId);
    expect(seen?.canRevise).toBe(false);
    const refused = await failureOf(asAuthor.milestone.update({ milestoneId: world.milestoneId, version: 1, changes: { title: "Réécrit" } }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("déjà été confirmé");
    expect((await failureOf(asAuthor.milestone.withdraw({ milestoneId: world.milestoneId, version: 1 }))).code).toBe("CONFLICT");
    const [kept] = await database.db.select().from(milestones).where(eq(milestones.id, world.milestoneId));
    expect(kept?.title).toBe("Première rencontre en mairie");
  });

  it("is withdrawn: gone from the timeline and the counts, kept in the history, the official told and no longer asked", async () => {
    const world = await buildWorld(database.db);
    const asAuthor = callerFor(database.db, world.people.collectiveMember);
    const asOfficial = callerFor(database.db, world.people.partyOfficial);
    const unreadBefore = await asOfficial.notification.unreadCount();
    expect((await failureOf(asAuthor.milestone.withdraw({ milestoneId: world.milestoneId, version: 7 }))).code).toBe("CONFLICT");
    await asAuthor.milestone.withdraw({ milestoneId: world.milestoneId, version: 1 });

    const overview = await asOfficial.project.overview({ projectId: world.project.id });
    expect(overview.milestones.map((milestone) => milestone.id)).not.toContain(world.milestoneId);
    const history = await asOfficial.project.history({ projectId: world.project.id });
    expect(history.find((entry) => entry.entityId === world.milestoneId && entry.action === "withdraw")).toMatchObject({
      changes: [{ field: "title", before: "Première rencontre en mairie", after: null }],
    });
    const officialNotifications = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, world.people.partyOfficial.userId), eq(notifications.projectId, world.project.id)));
    const recorded = officialNotifications.find((row) => row.kind === "milestone_recorded");
    expect(recorded?.readAt).toBeInstanceOf(Date);
    const withdrawn = officialNotifications.filter((row) => row.kind === "milestone_withdrawn");
    expect(withdrawn).toHaveLength(1);
    expect(withdrawn[0]?.payload).toEqual({ title: "Première rencontre en mairie" });
    // One unread more (the withdrawal), one fewer (the milestone that no longer asks for an answer).
    expect(await asOfficial.notification.unreadCount()).toBe(unreadBefore);
  });
});
