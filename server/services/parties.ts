// The parties of a project: the authorities it has a relationship with (opened by the collective,
// ended by either side), the networks that accompany it (asked by the collective, answered by the network).
import { and, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "@/db";
import { memberships, organisations, projectParties, projects, relationships, stageChanges } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import {
  assertActsFor,
  assertCanModerateNetwork,
  assertCollectiveSide,
  loadProjectAccess,
  requireActor,
  speakingStructure,
  speaksForNetworkSql,
  type Actor,
} from "./access";
import { recordChange } from "./history";
import { openAuthority } from "./authorities";
import { markAnnouncedRead, notify, peopleOfSide } from "./notifications";
import { otherSide } from "@/server/domain/gradient";
import type { TAddAuthorityInput, TDecideNetworkInput, TEndRelationshipInput, TRequestNetworkInput } from "@/server/api/routers/party.schema";

/**
 * Adds an authority to the project (opening its page if nobody has yet) and opens the relationship,
 * with a starting stage proposed by the collective that the authority side confirms.
 */
export async function addAuthority(db: Database, actor: Actor | null, input: TAddAuthorityInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCollectiveSide(access);
  const authority = await openAuthority(db, input.territoryId);
  if (!authority) throw new DomainError("BAD_REQUEST", "chooseAuthorityFromList");
  const [party] = await db
    .insert(projectParties)
    .values({ projectId: input.projectId, organisationId: authority.id, role: "authority" })
    .onConflictDoNothing()
    .returning();
  if (!party) throw new DomainError("CONFLICT", "alreadyParty", { values: { name: authority.name } });
  const [relationship] = await db.insert(relationships).values({ projectId: input.projectId, authorityId: authority.id }).returning({ id: relationships.id });
  if (!relationship) throw new Error("insert returned no row");
  const [proposal] = await db
    .insert(stageChanges)
    .values({
      relationshipId: relationship.id,
      fromStage: null,
      toStage: input.startingStage,
      reason: input.reason,
      proposedSide: "collective",
      proposedById: signedIn.userId,
      proposedByOrganisationId: speakingStructure(access, "collective", authority.id),
    })
    .returning({ id: stageChanges.id });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "relationship",
    entityId: relationship.id,
    projectId: input.projectId,
    action: "add_authority",
    changes: [
      { field: "authority", before: null, after: authority.name },
      { field: "proposedStage", before: null, after: input.startingStage },
    ],
  });
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, input.projectId));
  await notify(db, {
    userIds: await peopleOfSide(db, input.projectId, "authority", authority.id),
    kind: "stage_proposed",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { to: input.startingStage, authority: authority.name, stageChangeId: proposal?.id ?? "", relationshipId: relationship.id },
  });
  return { relationshipId: relationship.id, authorityId: authority.id, authorityName: authority.name, proposalId: proposal?.id };
}

/**
 * One side ends a relationship, with a reason the other side reads: kept with its history, its
 * waiting proposal withdrawn, nothing more happens in it.
 */
export async function endRelationship(db: Database, actor: Actor | null, input: TEndRelationshipInput) {
  requireActor(actor);
  const [relationship] = await db.select().from(relationships).where(eq(relationships.id, input.relationshipId));
  if (!relationship) throw notFound("relationshipNotFound");
  const access = await loadProjectAccess(db, actor, relationship.projectId, "relationshipNotFound");
  const signedIn = assertActsFor(access, input.as, relationship.authorityId);
  const [ended] = await db
    .update(relationships)
    .set({
      endedAt: new Date(),
      endedSide: input.as,
      endedById: signedIn.userId,
      endedByOrganisationId: speakingStructure(access, input.as, relationship.authorityId),
      endReason: input.reason,
    })
    .where(and(eq(relationships.id, relationship.id), isNull(relationships.endedAt)))
    .returning({ id: relationships.id });
  if (!ended) throw new DomainError("CONFLICT", "relationshipEnded");
  const withdrawn = await db
    .update(stageChanges)
    .set({ status: "withdrawn", decidedById: signedIn.userId, decidedAt: new Date(), decisionComment: input.reason })
    .where(and(eq(stageChanges.relationshipId, relationship.id), eq(stageChanges.status, "pending")))
    .returning({ id: stageChanges.id });
  for (const proposal of withdrawn) await markAnnouncedRead(db, "stage_proposed", { stageChangeId: proposal.id });
  const [authority] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, relationship.authorityId));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "relationship",
    entityId: relationship.id,
    projectId: relationship.projectId,
    action: "end",
    changes: [
      { field: "authority", before: authority?.name ?? null, after: null },
      { field: "reason", before: null, after: input.reason },
    ],
  });
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, relationship.projectId));
  await notify(db, {
    userIds: await peopleOfSide(db, relationship.projectId, otherSide(input.as), relationship.authorityId),
    kind: "relationship_ended",
    projectId: relationship.projectId,
    actorId: signedIn.userId,
    payload: { authority: authority?.name ?? "", reason: input.reason, relationshipId: relationship.id },
  });
  return { relationshipId: relationship.id, ended: true };
}

/** A collective asks a support network to accompany its project; a moderator of the network decides. */
export async function requestNetwork(db: Database, actor: Actor | null, input: TRequestNetworkInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCollectiveSide(access);
  const [network] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, input.networkId), eq(organisations.kind, "network")));
  if (!network) throw notFound("networkNotFound");
  const [party] = await db
    .insert(projectParties)
    .values({ projectId: input.projectId, organisationId: network.id, role: "network", status: "requested" })
    .onConflictDoNothing()
    .returning();
  if (!party) throw new DomainError("CONFLICT", "networkAlreadyThere", { values: { name: network.name } });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${network.id}`,
    projectId: input.projectId,
    action: "request_network",
    changes: [{ field: "network", before: null, after: network.name }],
  });
  return { networkId: network.id, status: "requested" as const };
}

/** A moderator (or admin) of the network accepts or refuses to accompany the project. */
export async function decideNetwork(db: Database, actor: Actor | null, input: TDecideNetworkInput) {
  const signedIn = await assertCanModerateNetwork(db, actor, input.networkId);
  const [request] = await db
    .select({ status: projectParties.status })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, input.networkId), eq(projectParties.role, "network")));
  if (!request) throw notFound("requestNotFound");
  if (request.status !== "requested") throw new DomainError("CONFLICT", "requestAnswered");
  const where = and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, input.networkId), eq(projectParties.status, "requested"));
  const decided = input.accept
    ? await db.update(projectParties).set({ status: "active" }).where(where).returning()
    : await db.delete(projectParties).where(where).returning();
  if (decided.length === 0) throw new DomainError("CONFLICT", "requestAnswered");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${input.networkId}`,
    projectId: input.projectId,
    action: input.accept ? "accept_network" : "refuse_network",
    changes: [{ field: "reason", before: null, after: input.reason }],
  });
  const [network] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.networkId));
  await notify(db, {
    userIds: await peopleOfSide(db, input.projectId, "collective", ""),
    kind: "portfolio",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { event: input.accept ? "request_accepted" : "request_refused", network: network?.name ?? "", reason: input.reason },
  });
  return { accepted: input.accept };
}

/** The requests to accompany a project waiting for the networks the person moderates. */
export async function listNetworkRequests(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const network = alias(organisations, "requested_network");
  const contact = alias(organisations, "contact_holder");
  return db
    .select({
      projectId: projects.id,
      projectTitle: projects.title,
      contactHolderName: contact.name,
      networkId: network.id,
      networkName: network.name,
      requestedAt: projectParties.createdAt,
    })
    .from(projectParties)
    .innerJoin(network, eq(network.id, projectParties.organisationId))
    .innerJoin(projects, eq(projects.id, projectParties.projectId))
    .innerJoin(contact, eq(contact.id, projects.contactHolderId))
    .innerJoin(memberships, and(eq(memberships.organisationId, network.id), eq(memberships.userId, signedIn.userId)))
    .where(and(eq(projectParties.role, "network"), eq(projectParties.status, "requested"), speaksForNetworkSql(memberships.role)))
    .orderBy(projectParties.createdAt);
}
