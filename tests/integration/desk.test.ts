// « À traiter »: each person finds, in one list, what waits for their own side's answer — and only
// what they may answer; answered, it leaves the list.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { callerFor, makePerson } from "../support/factories";
import { buildWorld, pendingProposal } from "../support/world";

describe("what waits for me", () => {
  const database = useTestDatabase();

  it("gives the mayor the collective's proposal, its milestone and a claim to verify, oldest first, and answered they leave", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const { stageChangeId } = await pendingProposal(db, world);
    const asMayor = callerFor(db, world.people.partyOfficial);
    const desk = await asMayor.desk.awaiting();
    expect(desk.more).toBe(false);
    expect(desk.items.map((item) => item.kind)).toEqual(["membership", "milestone", "proposal"]);
    expect(desk.items.find((item) => item.kind === "proposal")).toMatchObject({
      stageChangeId,
      projectId: world.project.id,
      projectTitle: "Tiers-lieu de la matrice",
      fromStage: "observation",
      toStage: "collaboration",
      proposedSide: "collective",
      askedBy: world.people.collectiveMember.name,
      reason: "La convention est signée.",
    });
    expect(desk.items.find((item) => item.kind === "milestone")).toMatchObject({
      milestoneId: world.milestoneId,
      relationshipId: world.relationshipId,
      title: "Première rencontre en mairie",
      askedBy: world.people.collectiveMember.name,
    });
    expect(desk.items.find((item) => item.kind === "membership")).toMatchObject({
      membershipId: world.pendingMembership.id,
      organisationId: world.authority.id,
      email: world.people.unverifiedPartyOfficial.email,
    });

    await asMayor.milestone.confirm({ milestoneId: world.milestoneId, relationshipId: world.relationshipId, comment: "" });
    await asMayor.stage.confirm({ stageChangeId, comment: "" });
    await asMayor.organisation.verifyMembership({ membershipId: world.pendingMembership.id });
    expect((await asMayor.desk.awaiting()).items).toEqual([]);
  });

  it("gives the collective what the authority asks of it, and nothing to those who may not answer", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asMayor = callerFor(db, world.people.partyOfficial);
    const { stageChangeId } = await asMayor.stage.propose({
      relationshipId: world.relationshipId,
      as: "authority",
      toStage: "collaboration",
      reason: "La halle est prêtée.",
    });
    const { milestoneId } = await asMayor.milestone.create({
      projectId: world.project.id,
      as: "authority",
      relationshipIds: [world.relationshipId],
      kind: "joint_event",
      title: "Visite de la halle",
      occursOn: "2026-11-20",
      status: "done",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    const collectiveDesk = await callerFor(db, world.people.collectiveMember).desk.awaiting();
    expect(
      collectiveDesk.items.map((item) => [item.kind, item.kind === "proposal" ? item.stageChangeId : item.kind === "milestone" ? item.milestoneId : ""]),
    ).toEqual([
      ["proposal", stageChangeId],
      ["milestone", milestoneId],
    ]);
    // The side that asked waits; the unverified member, the EPCI's official, another collective and the moderator have nothing to answer.
    const mayorKeys = (await asMayor.desk.awaiting()).items.map((item) => item.key);
    expect(mayorKeys).not.toContain(`proposal-${stageChangeId}`);
    expect(mayorKeys).not.toContain(`milestone-${milestoneId}-${world.relationshipId}`);
    for (const caller of ["unverifiedPartyOfficial", "territoryOfficial", "otherCollectiveMember", "holdingModerator", "unrelatedOfficial"] as const) {
      expect((await callerFor(db, world.people[caller]).desk.awaiting()).items, caller).toEqual([]);
    }
  });

  it("gives a network's moderator the requests to accompany a project", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    await callerFor(db, world.people.collectiveMember).party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id });
    const desk = await callerFor(db, world.people.otherModerator).desk.awaiting();
    expect(desk.items).toEqual([
      expect.objectContaining({ kind: "network", projectId: world.project.id, networkId: world.otherNetwork.id, askedBy: world.collective.name }),
    ]);
    expect((await callerFor(db, await makePerson(db)).desk.awaiting()).items).toEqual([]);
  });
});
