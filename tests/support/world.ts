// The shared test world of the authorization families: one project with a party authority, a
// holding network and a milestone, and around it a person of every kind of caller.
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { handovers, organisations, projectParties, projects } from "@/db/schema";
import { callerFor, ensureAuthority, freeCommune, makeAuthority, makeCollective, makeNetwork, makePerson, membershipOf, type TestPerson } from "./factories";

export const CALLERS = [
  "anonymous",
  "collectiveMember",
  "coHolderMember",
  "otherCollectiveMember",
  "partyOfficial",
  "territoryOfficial",
  "unrelatedOfficial",
  "unverifiedPartyOfficial",
  "holdingModerator",
  "otherModerator",
  "platformAdmin",
] as const;
export type CallerKind = (typeof CALLERS)[number];

export type World = Awaited<ReturnType<typeof buildWorld>>;
export type Api = ReturnType<typeof callerFor>;

/**
 * A project held by two collectives — the contact, which created it, and a co-holder — in a commune
 * whose authority is a party (relationship at Observation), accompanied by a network, with a
 * milestone recorded by the contact collective's member; around it, the people of every kind of caller.
 *  - collectiveMember: admin of the contact collective; coHolderMember: admin of the co-holding one
 *  - partyOfficial: verified admin of the commune, a party; unverifiedPartyOfficial: unverified member of it
 *  - territoryOfficial: verified member of the commune's EPCI, not a party
 *  - unrelatedOfficial: verified official of a commune in another département
 *  - holdingModerator: moderator of the holding network; otherModerator: of another network
 */
export async function buildWorld(db: Database) {
  const people = {
    collectiveMember: await makePerson(db),
    coHolderMember: await makePerson(db),
    otherCollectiveMember: await makePerson(db),
    partyOfficial: await makePerson(db),
    territoryOfficial: await makePerson(db),
    unrelatedOfficial: await makePerson(db),
    unverifiedPartyOfficial: await makePerson(db),
    holdingModerator: await makePerson(db),
    otherModerator: await makePerson(db),
    platformAdmin: await makePerson(db, { platformAdmin: true }),
  };
  const collective = await makeCollective(db, { admin: people.collectiveMember }, "scic");
  const coHolder = await makeCollective(db, { admin: people.coHolderMember }, "association");
  const otherCollective = await makeCollective(db, { admin: people.otherCollectiveMember });
  const commune = await freeCommune(db, ["26", "38", "01"], { inEpci: true });
  const authority = await makeAuthority(db, commune.id, [
    { person: people.partyOfficial, verified: true },
    { person: people.unverifiedPartyOfficial, role: "member", office: "conseiller_municipal", verified: false },
  ]);
  await ensureAuthority(db, `epci-${commune.epciCode}`, [{ person: people.territoryOfficial, verified: true }]);
  const unrelatedCommune = await freeCommune(db, ["42", "73", "63", "69"]);
  await makeAuthority(db, unrelatedCommune.id, [{ person: people.unrelatedOfficial, verified: true }]);
  const holdingNetwork = await makeNetwork(db, [people.holdingModerator]);
  const otherNetwork = await makeNetwork(db, [people.otherModerator]);

  const asCollective = callerFor(db, people.collectiveMember);
  const created = await asCollective.project.create({
    title: "Tiers-lieu de la matrice",
    summary: "",
    contactHolderId: collective.id,
    communeId: commune.id,
  });
  const [project] = await db.select().from(projects).where(eq(projects.id, created.id));
  if (!project) throw new Error("no project");
  await db.insert(projectParties).values([
    { projectId: project.id, organisationId: coHolder.id, role: "holder" },
    { projectId: project.id, organisationId: holdingNetwork.id, role: "network" },
  ]);
  const added = await asCollective.party.addAuthority({
    projectId: project.id,
    territoryId: commune.id,
    startingStage: "observation",
    reason: "On se connaît depuis la réunion publique.",
  });
  await callerFor(db, people.partyOfficial).stage.confirm({ stageChangeId: added.proposalId ?? "", comment: "" });
  const milestone = await asCollective.milestone.create({
    projectId: project.id,
    as: "collective",
    relationshipIds: [added.relationshipId],
    kind: "first_meeting",
    title: "Première rencontre en mairie",
    occursOn: "2026-03-12",
    status: "done",
    description: "",
    evidenceLinks: [],
    levers: ["representations"],
  });
  const pendingMembership = await membershipOf(db, people.unverifiedPartyOfficial.userId, authority.id);
  if (!pendingMembership) throw new Error("no pending membership");
  // A commune with no authority yet, for opening one or adding it as a party.
  const openCommune = await freeCommune(db, ["07", "05", "43", "15", "48"]);
  return {
    people,
    collective,
    coHolder,
    otherCollective,
    commune,
    authority,
    project,
    relationshipId: added.relationshipId,
    milestoneId: milestone.milestoneId,
    holdingNetwork,
    otherNetwork,
    pendingMembership,
    openCommune,
  };
}

export function personOf(world: World, caller: CallerKind): TestPerson | null {
  return caller === "anonymous" ? null : world.people[caller];
}

/** The side a caller would act for: officials for their authority, everyone else for the collective. */
export function sideOf(caller: CallerKind) {
  return ["partyOfficial", "territoryOfficial", "unrelatedOfficial", "unverifiedPartyOfficial"].includes(caller)
    ? ("authority" as const)
    : ("collective" as const);
}

/** A pending proposal by the collective: Observation → Collaboration. */
export async function pendingProposal(db: Database, world: World) {
  const { stageChangeId } = await callerFor(db, world.people.collectiveMember).stage.propose({
    relationshipId: world.relationshipId,
    as: "collective",
    toStage: "collaboration",
    reason: "La convention est signée.",
  });
  return { stageChangeId };
}

/** An invitation the collective sent to the party authority. */
export async function pendingInvitation(db: Database, world: World) {
  const { invitationId } = await callerFor(db, world.people.collectiveMember).invitation.send({
    projectId: world.project.id,
    authorityId: world.authority.id,
    email: "adjoint@mairie.test",
    office: "adjoint",
  });
  return { invitationId };
}

/** A project the holding network imported naming the world's collective, which has its people: it waits, led by a stand-in, for the collective to take it over. */
export async function pendingHandover(db: Database, world: World) {
  const [standIn] = await db.insert(organisations).values({ kind: "collective", name: world.collective.name, legalForm: "scic" }).returning();
  if (!standIn) throw new Error("no stand-in collective");
  const [project] = await db
    .insert(projects)
    .values({
      title: "Recyclerie importée",
      summary: "",
      contactHolderId: standIn.id,
      communeId: world.commune.id,
      createdById: world.people.holdingModerator.userId,
    })
    .returning();
  if (!project) throw new Error("no project");
  await db.insert(projectParties).values([
    { projectId: project.id, organisationId: standIn.id, role: "holder" },
    { projectId: project.id, organisationId: world.holdingNetwork.id, role: "network" },
  ]);
  const [handover] = await db
    .insert(handovers)
    .values({
      projectId: project.id,
      collectiveId: world.collective.id,
      networkId: world.holdingNetwork.id,
      proposedById: world.people.holdingModerator.userId,
    })
    .returning();
  if (!handover) throw new Error("no handover");
  return { handoverId: handover.id, projectId: project.id, standInId: standIn.id };
}
