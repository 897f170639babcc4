// A relationship either side ends, with a reason the other reads, and a project its holders pause
// or archive: both stay readable with their history, and nothing more happens where nothing should.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeLog, notifications, projectParties, projects, relationships, stageChanges } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, makeNetwork, makePerson } from "../support/factories";
import { codeOf } from "../support/trpc-code";
import { buildWorld } from "../support/world";

describe("a relationship's end and a project's pause", () => {
  const database = useTestDatabase();

  it("either side ends a relationship: the other side reads why, and nothing more is proposed, recorded or answered in it", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    const asMayor = callerFor(db, world.people.partyOfficial);
    const { stageChangeId } = await asCollective.stage.propose({
      relationshipId: world.relationshipId,
      as: "collective",
      toStage: "collaboration",
      reason: "On travaille ensemble.",
    });
    // Only those who act for a side end it; the other readers are refused, strangers see nothing.
    expect(
      await codeOf(callerFor(db, world.people.territoryOfficial).party.endRelationship({ relationshipId: world.relationshipId, as: "authority", reason: "x" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(
        callerFor(db, world.people.otherCollectiveMember).party.endRelationship({ relationshipId: world.relationshipId, as: "collective", reason: "x" }),
      ),
    ).toBe("NOT_FOUND");

    await asMayor.party.endRelationship({ relationshipId: world.relationshipId, as: "authority", reason: "Le conseil a changé de priorités." });
    const [relationship] = await db.select().from(relationships).where(eq(relationships.id, world.relationshipId));
    expect(relationship).toMatchObject({
      endedSide: "authority",
      endedById: world.people.partyOfficial.userId,
      endReason: "Le conseil a changé de priorités.",
      stage: "observation",
    });
    // The proposal that waited is withdrawn with it, and both holders are told why.
    expect((await db.select().from(stageChanges).where(eq(stageChanges.id, stageChangeId)))[0]?.status).toBe("withdrawn");
    for (const person of [world.people.collectiveMember, world.people.coHolderMember]) {
      const told = await db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, person.userId), eq(notifications.kind, "relationship_ended")));
      expect(told).toEqual([expect.objectContaining({ payload: expect.objectContaining({ reason: "Le conseil a changé de priorités." }) })]);
    }
    const overview = await asCollective.project.overview({ projectId: world.project.id });
    expect(overview.relationships[0]).toMatchObject({ endReason: "Le conseil a changé de priorités.", endedSide: "authority", pending: null });
    expect(overview.relationships[0]?.can).toMatchObject({ canPropose: false, canEnd: false, openSides: [], sides: ["collective"] });
    // Kept in the history, which every reader of the project reads.
    const [entry] = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.entityId, world.relationshipId), eq(changeLog.action, "end")));
    expect(entry?.changes).toEqual(expect.arrayContaining([{ field: "reason", before: null, after: "Le conseil a changé de priorités." }]));

    expect(
      await codeOf(asCollective.stage.propose({ relationshipId: world.relationshipId, as: "collective", toStage: "collaboration", reason: "Encore ?" })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(
        asCollective.milestone.create({
          projectId: world.project.id,
          as: "collective",
          relationshipIds: [world.relationshipId],
          kind: "other",
          title: "Après la fin",
          occursOn: "2026-12-01",
          status: "done",
          description: "",
          evidenceLinks: [],
          levers: [],
        }),
      ),
    ).toBe("CONFLICT");
    expect(await codeOf(asCollective.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: { curiosity: 4 } }))).toBe("CONFLICT");
    expect(await codeOf(asCollective.party.endRelationship({ relationshipId: world.relationshipId, as: "collective", reason: "Aussi." }))).toBe("CONFLICT");
  });

  it("the holders pause or archive a project: it stays readable, leaves the stalled list, and comes back", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const moderator = await makePerson(db);
    const network = await makeNetwork(db, [moderator]);
    await db.insert(projectParties).values({ projectId: world.project.id, organisationId: network.id, role: "network" });
    // Nothing happened in it for a year: stalled.
    await db
      .update(projects)
      .set({ createdAt: new Date("2024-01-01T10:00:00Z") })
      .where(eq(projects.id, world.project.id));
    await db.execute(sql`update milestone set occurs_on = '2024-02-01' where project_id = ${world.project.id}`);
    await db.execute(sql`update stage_change set proposed_at = '2024-01-05', decided_at = '2024-01-06' where relationship_id = ${world.relationshipId}`);
    const stalled = async () =>
      (await callerFor(db, moderator).portfolio.dashboard({ networkId: network.id })).stuck.projects.map((project) => project.projectId);
    expect(await stalled()).toEqual([world.project.id]);

    expect(await codeOf(callerFor(db, world.people.partyOfficial).project.setStatus({ projectId: world.project.id, status: "paused" }))).toBe("FORBIDDEN");
    await callerFor(db, world.people.coHolderMember).project.setStatus({ projectId: world.project.id, status: "paused" });
    expect(await stalled()).toEqual([]);
    const paused = await callerFor(db, world.people.partyOfficial).project.get({ projectId: world.project.id });
    expect(paused.status).toBe("paused");
    await callerFor(db, world.people.collectiveMember).project.setStatus({ projectId: world.project.id, status: "archived" });
    expect(await stalled()).toEqual([]);
    await callerFor(db, world.people.collectiveMember).project.setStatus({ projectId: world.project.id, status: "active" });
    expect(await stalled()).toEqual([world.project.id]);
    const history = await callerFor(db, world.people.partyOfficial).project.history({ projectId: world.project.id });
    expect(history.filter((entry) => entry.changes.some((change) => change.field === "projectStatus")).map((entry) => entry.changes[0]?.after)).toEqual(
      expect.arrayContaining(["paused", "archived", "active"]),
    );
  });
});
