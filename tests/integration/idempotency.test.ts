// A creating write sent twice with one key — a retry after a lost answer, the offline outbox
// sending again — lands once and answers the same both times; a refused one keeps no key.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows } from "@/db";
import { comments, idempotentWrites, milestones } from "@/db/schema";
import { purgeExpiredData } from "@/server/services/privacy";
import { useTestDatabase } from "../support/db";
import { callerFor } from "../support/factories";
import { buildWorld } from "../support/world";

describe("writes with an idempotency key", () => {
  const database = useTestDatabase();

  const milestoneInput = (world: Awaited<ReturnType<typeof buildWorld>>, key: string) => ({
    idempotencyKey: key,
    projectId: world.project.id,
    as: "collective" as const,
    relationshipIds: [world.relationshipId],
    kind: "first_meeting" as const,
    title: "Réunion à la salle des fêtes",
    occursOn: "2026-11-30",
    status: "done" as const,
    description: "Notée sans réseau.",
    evidenceLinks: [],
    levers: [],
  });

  it("records a milestone once when it is sent twice with one key, answers the same, and tells the other side once", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const api = callerFor(db, world.people.collectiveMember);
    const key = randomUUID();
    const first = await api.milestone.create(milestoneInput(world, key));
    const again = await api.milestone.create(milestoneInput(world, key));
    expect(again).toEqual(first);
    const rows = await db
      .select()
      .from(milestones)
      .where(and(eq(milestones.title, "Réunion à la salle des fêtes"), eq(milestones.projectId, world.project.id)));
    expect(rows).toHaveLength(1);
    const told = await selectRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from notification where user_id = ${world.people.partyOfficial.userId} and kind = 'milestone_recorded'
        and payload->>'milestoneId' = ${first.milestoneId}`,
    );
    expect(told[0]?.n).toBe(1);
    // Another key is another write.
    await api.milestone.create(milestoneInput(world, randomUUID()));
    expect(
      await db
        .select()
        .from(milestones)
        .where(and(eq(milestones.title, "Réunion à la salle des fêtes"), eq(milestones.projectId, world.project.id))),
    ).toHaveLength(2);
  });

  it("lets two requests with one key race: one comment, the same answer to both", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const api = callerFor(db, world.people.collectiveMember);
    const key = randomUUID();
    const input = { idempotencyKey: key, projectId: world.project.id, body: "Compte rendu envoyé deux fois" };
    const [one, two] = await Promise.all([api.comment.add(input), api.comment.add(input)]);
    expect(two).toEqual(one);
    expect(
      await db
        .select()
        .from(comments)
        .where(and(eq(comments.body, "Compte rendu envoyé deux fois"), eq(comments.projectId, world.project.id))),
    ).toHaveLength(1);
  });

  it("keeps no key for a refused write, so that the same key works once the write is allowed", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const stranger = callerFor(db, world.people.otherCollectiveMember);
    const key = randomUUID();
    const input = { idempotencyKey: key, projectId: world.project.id, body: "Pas mon projet" };
    await expect(stranger.comment.add(input)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.select().from(idempotentWrites).where(eq(idempotentWrites.key, key))).toHaveLength(0);
    // The key is the person's own: someone else's same key is a different write.
    const member = callerFor(db, world.people.collectiveMember);
    await member.comment.add(input);
    expect(
      await db
        .select()
        .from(comments)
        .where(and(eq(comments.body, "Pas mon projet"), eq(comments.projectId, world.project.id))),
    ).toHaveLength(1);
  });

  it("refuses a key already used for another action, and forgets keys after thirty days", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const api = callerFor(db, world.people.collectiveMember);
    const key = randomUUID();
    await api.comment.add({ idempotencyKey: key, projectId: world.project.id, body: "Premier envoi" });
    await expect(api.milestone.create(milestoneInput(world, key))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await db
        .select()
        .from(milestones)
        .where(and(eq(milestones.title, "Réunion à la salle des fêtes"), eq(milestones.projectId, world.project.id))),
    ).toHaveLength(0);
    await db
      .update(idempotentWrites)
      .set({ createdAt: new Date(Date.now() - 31 * 86_400_000) })
      .where(eq(idempotentWrites.key, key));
    const purged = await purgeExpiredData(db);
    expect(purged.idempotencyKeys).toBeGreaterThanOrEqual(1);
    expect(
      await db
        .select()
        .from(idempotentWrites)
        .where(and(eq(idempotentWrites.key, key))),
    ).toHaveLength(0);
    // Forgotten, the key writes again.
    await api.comment.add({ idempotencyKey: key, projectId: world.project.id, body: "Premier envoi" });
    expect(
      await db
        .select()
        .from(comments)
        .where(and(eq(comments.body, "Premier envoi"), eq(comments.projectId, world.project.id))),
    ).toHaveLength(2);
  });
});
