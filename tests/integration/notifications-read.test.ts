// A notification that asks for an answer stops asking once the thing is answered, for everyone
// who got it; it says which authority and which stage, and quotes with an ellipsis.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, notifications } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makePerson } from "../support/factories";
import { buildWorld } from "../support/world";

describe("notifications that ask for an answer", () => {
  const database = useTestDatabase();

  async function noticesOf(userId: string, kind: (typeof notifications.$inferSelect)["kind"]) {
    return database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  }

  it("name the authority and the stage of a proposal, lead to its relationship, and are read once it is decided", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const { stageChangeId } = await callerFor(db, world.people.collectiveMember).stage.propose({
      relationshipId: world.relationshipId,
      as: "collective",
      toStage: "collaboration",
      reason: "Convention signée.",
    });
    const [asked] = (await noticesOf(world.people.partyOfficial.userId, "stage_proposed")).filter((notice) => notice.payload.stageChangeId === stageChangeId);
    expect(asked).toMatchObject({
      readAt: null,
      payload: expect.objectContaining({ to: "collaboration", authority: world.authority.name, stageChangeId, relationshipId: world.relationshipId }),
    });
    await callerFor(db, world.people.partyOfficial).stage.confirm({ stageChangeId, comment: "" });
    const [answered] = (await noticesOf(world.people.partyOfficial.userId, "stage_proposed")).filter(
      (notice) => notice.payload.stageChangeId === stageChangeId,
    );
    expect(answered?.readAt).toBeInstanceOf(Date);
  });

  it("are read for the whole side once a milestone is answered by one of them", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const colleague = await makePerson(db);
    await db.insert(memberships).values({ organisationId: world.authority.id, userId: colleague.userId, role: "member", verifiedAt: new Date() });
    const { milestoneId } = await callerFor(db, world.people.collectiveMember).milestone.create({
      projectId: world.project.id,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "site_visit",
      title: "Visite du chantier",
      occursOn: "2026-11-20",
      status: "done",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    for (const person of [world.people.partyOfficial, colleague]) {
      expect((await noticesOf(person.userId, "milestone_recorded")).filter((notice) => notice.payload.milestoneId === milestoneId)).toEqual([
        expect.objectContaining({ readAt: null }),
      ]);
    }
    await callerFor(db, world.people.partyOfficial).milestone.confirm({ milestoneId, relationshipId: world.relationshipId, comment: "" });
    for (const person of [world.people.partyOfficial, colleague]) {
      const [notice] = (await noticesOf(person.userId, "milestone_recorded")).filter((candidate) => candidate.payload.milestoneId === milestoneId);
      expect(notice?.readAt).toBeInstanceOf(Date);
    }
  });

  it("are read by the verifier once the claim is answered", async () => {
    const db = database.db;
    const mayor = await makePerson(db);
    const commune = await freeCommune(db);
    const authority = await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const agent = await makePerson(db);
    await callerFor(db, agent).organisation.joinAuthority({ territoryId: commune.id, office: "agent" });
    const [claim] = await noticesOf(mayor.userId, "membership");
    expect(claim).toMatchObject({ readAt: null, actorId: agent.userId, payload: expect.objectContaining({ event: "claim", organisationId: authority.id }) });
    const pending = (await callerFor(db, mayor).organisation.get({ organisationId: authority.id })).members.find((member) => member.userId === agent.userId);
    await callerFor(db, mayor).organisation.verifyMembership({ membershipId: pending?.membershipId ?? "" });
    const [answered] = await noticesOf(mayor.userId, "membership");
    expect(answered?.readAt).toBeInstanceOf(Date);
  });

  it("quote a long comment up to a whole word, with an ellipsis", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const body = `Madame la maire, ${"nous aimerions vous présenter le projet lors du prochain conseil, ".repeat(4)}merci.`;
    await callerFor(db, world.people.collectiveMember).comment.add({ projectId: world.project.id, body, mentionIds: [world.people.partyOfficial.userId] });
    const [mention] = await noticesOf(world.people.partyOfficial.userId, "mention");
    const excerpt = mention?.payload.excerpt ?? "";
    expect(excerpt.endsWith("…")).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(140);
    expect(body.charAt(excerpt.length - 1)).toBe(" ");
  });
});
