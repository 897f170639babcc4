// Trust in motion: stage changes both ways, milestones across sides, the barometer's two readings.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makePerson, makeNetwork } from "../support/factories";
import { projectParties } from "@/db/schema";

async function errorOf(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

/** A project with its commune as a party, the starting stage confirmed at Observation. */
async function relationshipAtObservation(db: Database) {
  const member = await makePerson(db, { name: "Camille" });
  const mayor = await makePerson(db, { name: "Élise" });
  const collective = await makeCollective(db, { members: [member] });
  const commune = await freeCommune(db, ["26", "38"], { inEpci: true });
  await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
  const asCollective = callerFor(db, member);
  const asMayor = callerFor(db, mayor);
  const { id: projectId } = await asCollective.project.create({ title: "Fournil", summary: "", contactHolderId: collective.id, communeId: commune.id });
  const added = await asCollective.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
  return { db, member, mayor, collective, commune, projectId, relationshipId: added.relationshipId, proposalId: added.proposalId ?? "", asCollective, asMayor };
}

describe("the gradient of a relationship", () => {
  const database = useTestDatabase();

  it("shows « à confirmer » until the authority side confirms the starting stage", async () => {
    const world = await relationshipAtObservation(database.db);
    let [relationship] = (await world.asCollective.project.overview({ projectId: world.projectId })).relationships;
    expect(relationship).toMatchObject({ stage: null, pending: { fromStage: null, toStage: "observation", proposedSide: "collective" } });
    expect((await errorOf(world.asCollective.stage.confirm({ stageChangeId: world.proposalId, comment: "" }))).code).toBe("FORBIDDEN");
    expect(
      (await errorOf(world.asCollective.stage.propose({ relationshipId: world.relationshipId, as: "collective", toStage: "coportage", reason: "x" }))).code,
    ).toBe("BAD_REQUEST");
    await world.asMayor.stage.confirm({ stageChangeId: world.proposalId, comment: "Bienvenue !" });
    [relationship] = (await world.asCollective.project.overview({ projectId: world.projectId })).relationships;
    expect(relationship).toMatchObject({ stage: "observation", pending: null });
    expect(relationship?.progression.map((point) => point.stage)).toEqual(["observation"]);
  });

  it("moves several stages at once, and back, each time proposed by one side and confirmed by the other", async () => {
    const world = await relationshipAtObservation(database.db);
    await world.asMayor.stage.confirm({ stageChangeId: world.proposalId, comment: "" });
    const up = await world.asMayor.stage.propose({
      relationshipId: world.relationshipId,
      as: "authority",
      toStage: "coportage",
      reason: "La commune entre au capital de la SCIC.",
    });
    expect((await errorOf(world.asMayor.stage.confirm({ stageChangeId: up.stageChangeId, comment: "" }))).code).toBe("FORBIDDEN");
    await world.asCollective.stage.confirm({ stageChangeId: up.stageChangeId, comment: "Oui !" });
    const down = await world.asCollective.stage.propose({
      relationshipId: world.relationshipId,
      as: "collective",
      toStage: "collaboration",
      reason: "Le nouveau conseil se retire du capital.",
    });
    await world.asMayor.stage.confirm({ stageChangeId: down.stageChangeId, comment: "" });
    const [relationship] = (await world.asCollective.project.overview({ projectId: world.projectId })).relationships;
    expect(relationship?.stage).toBe("collaboration");
    expect(relationship?.changes.map((change) => [change.fromStage, change.toStage, change.status, change.proposedSide])).toEqual([
      [null, "observation", "confirmed", "collective"],
      ["observation", "coportage", "confirmed", "authority"],
      ["coportage", "collaboration", "confirmed", "collective"],
    ]);
    expect(relationship?.progression.map((point) => point.stage)).toEqual(["observation", "coportage", "collaboration"]);
  });

  it("keeps one open proposal at a time, which the proposer may withdraw and the other side decline with a reason", async () => {
    const world = await relationshipAtObservation(database.db);
    await world.asMayor.stage.confirm({ stageChangeId: world.proposalId, comment: "" });
    const first = await world.asCollective.stage.propose({ relationshipId: world.relationshipId, as: "collective", toStage: "collaboration", reason: "x" });
    expect((await errorOf(world.asMayor.stage.propose({ relationshipId: world.relationshipId, as: "authority", toStage: "defiance", reason: "y" }))).code).toBe(
      "CONFLICT",
    );
    expect((await errorOf(world.asMayor.stage.withdraw({ stageChangeId: first.stageChangeId, comment: "" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(world.asMayor.stage.decline({ stageChangeId: first.stageChangeId, comment: "" }))).code).toBe("BAD_REQUEST");
    await world.asMayor.stage.decline({ stageChangeId: first.stageChangeId, comment: "Attendons le vote du budget." });
    expect((await errorOf(world.asMayor.stage.confirm({ stageChangeId: first.stageChangeId, comment: "" }))).code).toBe("CONFLICT");
    const second = await world.asCollective.stage.propose({ relationshipId: world.relationshipId, as: "collective", toStage: "collaboration", reason: "x" });
    await world.asCollective.stage.withdraw({ stageChangeId: second.stageChangeId, comment: "Trop tôt." });
    const [relationship] = (await world.asCollective.project.overview({ projectId: world.projectId })).relationships;
    expect(relationship?.stage).toBe("observation");
    expect(relationship?.changes.map((change) => change.status)).toEqual(["confirmed", "declined", "withdrawn"]);
    expect(relationship?.changes[1]?.decisionComment).toBe("Attendons le vote du budget.");
    // The side that proposed reads why, in its notifications and in the history.
    const notices = await world.asCollective.notification.list();
    expect(notices.find((notice) => notice.kind === "stage_declined")?.payload.reason).toBe("Attendons le vote du budget.");
    const history = await world.asCollective.project.history({ projectId: world.projectId });
    expect(history.find((entry) => entry.action === "decline")?.changes).toEqual([{ field: "reason", before: null, after: "Attendons le vote du budget." }]);
  });

  it("lets a holding network's moderator add a mediation note both sides see, but not confirm", async () => {
    const world = await relationshipAtObservation(database.db);
    const moderator = await makePerson(database.db, { name: "Sophie" });
    const network = await makeNetwork(database.db, [moderator]);
    await database.db.insert(projectParties).values({ projectId: world.projectId, organisationId: network.id, role: "network" });
    const asModerator = callerFor(database.db, moderator);
    await asModerator.stage.addMediationNote({ stageChangeId: world.proposalId, text: "Proposons une visite commune." });
    expect((await errorOf(asModerator.stage.confirm({ stageChangeId: world.proposalId, comment: "" }))).code).toBe("FORBIDDEN");
    const [relationship] = (await world.asMayor.project.overview({ projectId: world.projectId })).relationships;
    expect(relationship?.pending?.notes).toEqual([
      expect.objectContaining({ text: "Proposons une visite commune.", authorName: "Sophie", networkName: network.name }),
    ]);
  });
});

describe("milestones", () => {
  const database = useTestDatabase();

  it("are recorded by one side and confirmed or contested, with a reason, by the other", async () => {
    const world = await relationshipAtObservation(database.db);
    const { milestoneId } = await world.asMayor.milestone.create({
      projectId: world.projectId,
      as: "authority",
      relationshipIds: [world.relationshipId],
      kind: "council_deliberation",
      title: "Délibération du conseil municipal",
      occursOn: "2026-06-20",
      status: "done",
      description: "Mise à disposition de la halle.",
      evidenceLinks: ["https://mairie.example/deliberation-2026-14.pdf"],
      levers: ["land-tools", "first-action"],
    });
    expect((await errorOf(world.asMayor.milestone.confirm({ milestoneId, relationshipId: world.relationshipId, comment: "" }))).code).toBe("FORBIDDEN");
    expect((await errorOf(world.asCollective.milestone.contest({ milestoneId, relationshipId: world.relationshipId, comment: "" }))).code).toBe("BAD_REQUEST");
    await world.asCollective.milestone.contest({ milestoneId, relationshipId: world.relationshipId, comment: "La halle n'est pas encore disponible." });
    const { milestones } = await world.asCollective.project.overview({ projectId: world.projectId });
    expect(milestones[0]).toMatchObject({
      title: "Délibération du conseil municipal",
      recordedSide: "authority",
      recordedByName: "Élise",
      relationships: [{ relationshipId: world.relationshipId, confirmation: "contested", comment: "La halle n'est pas encore disponible." }],
    });
    expect(milestones[0]?.levers.sort()).toEqual(["first-action", "land-tools"]);
  });

  it("are edited only by the side that recorded them, from the version they started from", async () => {
    const world = await relationshipAtObservation(database.db);
    const { milestoneId } = await world.asCollective.milestone.create({
      projectId: world.projectId,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "first_meeting",
      title: "Première rencontre",
      occursOn: "2026-02-01",
      status: "planned",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    expect((await errorOf(world.asMayor.milestone.update({ milestoneId, version: 1, changes: { status: "done" } }))).code).toBe("FORBIDDEN");
    await world.asCollective.milestone.update({ milestoneId, version: 1, changes: { status: "done", levers: ["representations"] } });
    expect((await errorOf(world.asCollective.milestone.update({ milestoneId, version: 1, changes: { title: "Autre" } }))).code).toBe("CONFLICT");
    const history = await world.asCollective.project.history({ projectId: world.projectId });
    expect(history.find((entry) => entry.entity === "milestone" && entry.action === "update")?.changes).toEqual([
      { field: "status", before: "planned", after: "done" },
      { field: "levers", before: [], after: ["representations"] },
    ]);
  });

  it("mark the levers a confirmed milestone mobilised among the next steps the study recommends, naming it", async () => {
    const world = await relationshipAtObservation(database.db);
    await world.asMayor.stage.confirm({ stageChangeId: world.proposalId, comment: "" });
    const { milestoneId } = await world.asCollective.milestone.create({
      projectId: world.projectId,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "information_exchange",
      title: "Étude de besoins présentée au conseil",
      occursOn: "2026-04-01",
      status: "done",
      description: "",
      evidenceLinks: [],
      levers: ["needs-studies"],
    });
    // Planned milestones and those the commune has not confirmed mobilise nothing yet.
    await world.asCollective.milestone.create({
      projectId: world.projectId,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "joint_event",
      title: "Forum des associations",
      occursOn: "2026-09-01",
      status: "planned",
      description: "",
      evidenceLinks: [],
      levers: ["local-ecosystem"],
    });
    const nextSteps = async () => (await world.asCollective.project.overview({ projectId: world.projectId })).relationships[0]?.nextSteps;
    expect((await nextSteps())?.filter((step) => step.used)).toEqual([]);
    await world.asMayor.milestone.confirm({ milestoneId, relationshipId: world.relationshipId, comment: "" });
    expect(await nextSteps()).toEqual([
      { lever: "authority-levels", used: false, by: null },
      { lever: "public-policies", used: false, by: null },
      { lever: "local-ecosystem", used: false, by: null },
      { lever: "long-time", used: false, by: null },
      { lever: "needs-studies", used: true, by: { milestoneId, title: "Étude de besoins présentée au conseil" } },
    ]);
  });
});

describe("the barometer", () => {
  const database = useTestDatabase();

  it("shows each side's reading, the stage it suggests and where the sides diverge, without changing the stage", async () => {
    const world = await relationshipAtObservation(database.db);
    await world.asMayor.stage.confirm({ stageChangeId: world.proposalId, comment: "" });
    const high = {
      misunderstanding: 1,
      noEarlyLink: 1,
      holdersDistrust: 1,
      officialsDistrust: 1,
      curiosity: 5,
      informationNetwork: 4,
      constraints: 4,
      complementary: 4,
      trust: 2,
      skills: 2,
    } as const;
    const low = {
      misunderstanding: 4,
      noEarlyLink: 4,
      holdersDistrust: 3,
      officialsDistrust: 3,
      curiosity: 3,
      informationNetwork: 3,
      constraints: 2,
      complementary: 2,
      trust: 1,
      skills: 1,
    } as const;
    await world.asCollective.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: high });
    await world.asMayor.barometer.answer({ relationshipId: world.relationshipId, as: "authority", answers: low });
    expect((await errorOf(world.asMayor.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: high }))).code).toBe("FORBIDDEN");
    const [relationship] = (await world.asCollective.project.overview({ projectId: world.projectId })).relationships;
    expect(relationship?.stage).toBe("observation");
    expect(relationship?.barometer?.collective).toMatchObject({ respondents: 1, suggestion: "collaboration" });
    expect(relationship?.barometer?.authority).toMatchObject({ respondents: 1, suggestion: "defiance" });
    expect(relationship?.barometer?.divergence.defiance).toBeCloseTo(2.5);
    expect(relationship?.barometer?.divergence.collaboration).toBeCloseTo(2);
  });

  it("is not shown, nor are private contacts, to someone who reads the project only because it is public", async () => {
    const world = await relationshipAtObservation(database.db);
    const admin = await makePerson(database.db, { platformAdmin: true });
    await world.asCollective.project.update({
      projectId: world.projectId,
      version: 1,
      changes: { contacts: [{ name: "Camille", role: "Co-gérante", phone: "06 00 00 00 00" }] },
    });
    await world.asCollective.project.requestPublic({ projectId: world.projectId });
    await callerFor(database.db, admin).project.reviewPublic({ projectId: world.projectId, accept: true, reason: "" });
    await world.asCollective.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: { trust: 4 } });

    const anonymous = callerFor(database.db, null);
    const file = await anonymous.project.get({ projectId: world.projectId });
    expect(file).toMatchObject({ title: "Fournil", contacts: [], can: { edit: false }, publicOnly: true });
    const overview = await anonymous.project.overview({ projectId: world.projectId });
    expect(overview.relationships[0]?.barometer).toBeNull();
    expect((await errorOf(anonymous.project.history({ projectId: world.projectId }))).code).toBe("UNAUTHORIZED");
    const stranger = callerFor(database.db, await makePerson(database.db));
    expect((await stranger.project.get({ projectId: world.projectId })).contacts).toEqual([]);
    expect((await world.asCollective.project.get({ projectId: world.projectId })).contacts).toHaveLength(1);
  });
});

describe("one's own barometer answers", () => {
  const database = useTestDatabase();

  it("come back on the form after saving, one's own and for the side one answered as", async () => {
    const db = database.db;
    const { buildWorld } = await import("../support/world");
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    await asCollective.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: { misunderstanding: 2, noEarlyLink: 4 } });
    await asCollective.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: { misunderstanding: 3 } });
    await callerFor(db, world.people.partyOfficial).barometer.answer({
      relationshipId: world.relationshipId,
      as: "authority",
      answers: { misunderstanding: 5 },
    });

    const mine = (await asCollective.project.overview({ projectId: world.project.id })).relationships.find(
      (relationship) => relationship.id === world.relationshipId,
    );
    // The latest set only, and nobody else's — with the past fact the side answered once, carried.
    expect(mine?.myAnswers).toEqual({ collective: { answers: { misunderstanding: 3, noEarlyLink: 4 }, answeredAt: expect.any(Date) }, authority: null });
    const theirs = (await callerFor(db, world.people.partyOfficial).project.overview({ projectId: world.project.id })).relationships.find(
      (relationship) => relationship.id === world.relationshipId,
    );
    expect(theirs?.myAnswers).toEqual({ collective: null, authority: { answers: { misunderstanding: 5 }, answeredAt: expect.any(Date) } });
  });
});
