// The parties of a project and, for each authority, the relationship and its stage changes:
// proposed by one side, confirmed or declined by the other, withdrawn by the proposer.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "@/db";
import {
  memberships,
  mediationNotes,
  milestones,
  organisations,
  projectParties,
  projects,
  relationships,
  stageChangeMilestones,
  stageChanges,
} from "@/db/schema";
import { moveOf, otherSide, type Side, type Stage } from "@/server/domain/gradient";
import { DomainError, notFound } from "@/server/errors";
import {
  assertActsFor,
  assertCanModerateNetwork,
  assertCanReviewPublic,
  assertCollectiveSide,
  assertHoldingModerator,
  loadProjectAccess,
  projectsModeratedBy,
  requireActor,
  speaksForNetworkSql,
  type Actor,
} from "./access";
import { recordChange } from "./history";
import { openAuthority } from "./organisations";
import { notify, peopleOfSide } from "./notifications";

/** Postgres's unique_violation, whatever the driver wraps it in. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: string }).code === "23505") return true;
  }
  return false;
}

/**
 * Adds an authority to the project (opening its page if nobody has yet) and opens the relationship,
 * with a starting stage proposed by the collective that the authority side confirms.
 */
export async function addAuthority(
  db: Database,
  actor: Actor | null,
  input: { projectId: string; territoryId: string; startingStage: Stage; reason: string },
) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCollectiveSide(access);
  return db.transaction(async (tx) => {
    const authority = await openAuthority(tx, input.territoryId);
    if (!authority) throw new DomainError("BAD_REQUEST", "Choisissez une collectivité dans la liste.");
    const [party] = await tx
      .insert(projectParties)
      .values({ projectId: input.projectId, organisationId: authority.id, role: "authority" })
      .onConflictDoNothing()
      .returning();
    if (!party) throw new DomainError("CONFLICT", `${authority.name} est déjà partie prenante du projet.`);
    const [relationship] = await tx
      .insert(relationships)
      .values({ projectId: input.projectId, authorityId: authority.id })
      .returning({ id: relationships.id });
    if (!relationship) throw new Error("insert returned no row");
    const [proposal] = await tx
      .insert(stageChanges)
      .values({
        relationshipId: relationship.id,
        fromStage: null,
        toStage: input.startingStage,
        reason: input.reason,
        proposedSide: "collective",
        proposedById: signedIn.userId,
      })
      .returning({ id: stageChanges.id });
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "relationship",
      entityId: relationship.id,
      projectId: input.projectId,
      action: "add_authority",
      changes: [{ field: "authority", before: null, after: authority.name }, { field: "proposedStage", before: null, after: input.startingStage }],
    });
    await tx.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, input.projectId));
    await notify(tx, {
      userIds: await peopleOfSide(tx, input.projectId, "authority", authority.id),
      kind: "stage_proposed",
      projectId: input.projectId,
      actorId: signedIn.userId,
      payload: { to: input.startingStage, authority: authority.name },
    });
    return { relationshipId: relationship.id, authorityId: authority.id, authorityName: authority.name, proposalId: proposal?.id };
  });
}

/** A collective asks a support network to accompany its project; a moderator of the network decides. */
export async function requestNetwork(db: Database, actor: Actor | null, input: { projectId: string; networkId: string }) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCollectiveSide(access);
  const [network] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, input.networkId), eq(organisations.kind, "network")));
  if (!network) throw notFound("Réseau introuvable.");
  const [party] = await db
    .insert(projectParties)
    .values({ projectId: input.projectId, organisationId: network.id, role: "network", status: "requested" })
    .onConflictDoNothing()
    .returning();
  if (!party) throw new DomainError("CONFLICT", `${network.name} accompagne déjà le projet, ou la demande est en cours.`);
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
export async function decideNetwork(
  db: Database,
  actor: Actor | null,
  input: { projectId: string; networkId: string; accept: boolean; reason: string },
) {
  const signedIn = await assertCanModerateNetwork(db, actor, input.networkId);
  const [request] = await db
    .select({ status: projectParties.status })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, input.networkId), eq(projectParties.role, "network")));
  if (!request) throw notFound("Demande introuvable.");
  if (request.status !== "requested") throw new DomainError("CONFLICT", "Cette demande a déjà reçu une réponse.");
  return db.transaction(async (tx) => {
    const where = and(
      eq(projectParties.projectId, input.projectId),
      eq(projectParties.organisationId, input.networkId),
      eq(projectParties.status, "requested"),
    );
    const decided = input.accept
      ? await tx.update(projectParties).set({ status: "active" }).where(where).returning()
      : await tx.delete(projectParties).where(where).returning();
    if (decided.length === 0) throw new DomainError("CONFLICT", "Cette demande a déjà reçu une réponse.");
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "project_party",
      entityId: `${input.projectId}:${input.networkId}`,
      projectId: input.projectId,
      action: input.accept ? "accept_network" : "refuse_network",
      changes: [{ field: "reason", before: null, after: input.reason }],
    });
    const [network] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.networkId));
    await notify(tx, {
      userIds: await peopleOfSide(tx, input.projectId, "collective", ""),
      kind: "portfolio",
      projectId: input.projectId,
      actorId: signedIn.userId,
      payload: { event: input.accept ? "request_accepted" : "request_refused", network: network?.name ?? "", reason: input.reason },
    });
    return { accepted: input.accept };
  });
}

async function loadRelationship(db: DbOrTx, relationshipId: string) {
  const [relationship] = await db.select().from(relationships).where(eq(relationships.id, relationshipId));
  return relationship ?? null;
}

async function loadProposal(db: DbOrTx, stageChangeId: string) {
  const [proposal] = await db
    .select({ proposal: stageChanges, relationship: relationships })
    .from(stageChanges)
    .innerJoin(relationships, eq(relationships.id, stageChanges.relationshipId))
    .where(eq(stageChanges.id, stageChangeId));
  return proposal ?? null;
}

export async function proposeStage(
  db: Database,
  actor: Actor | null,
  input: { relationshipId: string; as: Side; toStage: Stage; reason: string; milestoneIds?: string[] },
) {
  requireActor(actor);
  const relationship = await loadRelationship(db, input.relationshipId);
  if (!relationship) throw notFound("Relation introuvable.");
  const access = await loadProjectAccess(db, actor, relationship.projectId, "Relation introuvable.");
  const signedIn = assertActsFor(access, input.as, relationship.authorityId);
  if (relationship.stage === null) {
    throw new DomainError("BAD_REQUEST", "Le stade de départ de cette relation attend encore d'être confirmé.");
  }
  if (moveOf(relationship.stage, input.toStage) === null) {
    throw new DomainError("BAD_REQUEST", "Proposez un autre stade que le stade actuel.");
  }
  const milestoneIds = [...new Set(input.milestoneIds ?? [])];
  try {
    return await db.transaction(async (tx) => {
      if (milestoneIds.length > 0) {
        const found = await tx
          .select({ id: milestones.id })
          .from(milestones)
          .where(and(inArray(milestones.id, milestoneIds), eq(milestones.projectId, relationship.projectId)));
        if (found.length !== milestoneIds.length) throw new DomainError("BAD_REQUEST", "Ces jalons ne sont pas ceux du projet.");
      }
      const [proposal] = await tx
        .insert(stageChanges)
        .values({
          relationshipId: relationship.id,
          fromStage: relationship.stage,
          toStage: input.toStage,
          reason: input.reason,
          proposedSide: input.as,
          proposedById: signedIn.userId,
        })
        .returning({ id: stageChanges.id });
      if (!proposal) throw new Error("insert returned no row");
      if (milestoneIds.length > 0) {
        await tx.insert(stageChangeMilestones).values(milestoneIds.map((milestoneId) => ({ stageChangeId: proposal.id, milestoneId })));
      }
      await recordChange(tx, {
        actorId: signedIn.userId,
        entity: "stage_change",
        entityId: proposal.id,
        projectId: relationship.projectId,
        action: "propose",
        changes: [{ field: "stage", before: relationship.stage, after: input.toStage }],
      });
      await notify(tx, {
        userIds: await peopleOfSide(tx, relationship.projectId, otherSide(input.as), relationship.authorityId),
        kind: "stage_proposed",
        projectId: relationship.projectId,
        actorId: signedIn.userId,
        payload: { from: relationship.stage ?? "", to: input.toStage },
      });
      return { stageChangeId: proposal.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("CONFLICT", "Une proposition est déjà en attente pour cette relation : elle doit d'abord recevoir une réponse.");
    }
    throw error;
  }
}

type Decision = "confirmed" | "declined" | "withdrawn";

/** Confirm or decline (the other side), or withdraw (the proposing side) a pending proposal. */
export async function decideProposal(
  db: Database,
  actor: Actor | null,
  input: { stageChangeId: string; decision: Decision; comment: string },
) {
  requireActor(actor);
  const found = await loadProposal(db, input.stageChangeId);
  if (!found) throw notFound("Proposition introuvable.");
  const { proposal, relationship } = found;
  const access = await loadProjectAccess(db, actor, relationship.projectId, "Proposition introuvable.");
  // The other side confirms or declines; the side that proposed may withdraw.
  const deciderSide: Side = input.decision === "withdrawn" ? proposal.proposedSide : otherSide(proposal.proposedSide);
  const signedIn = assertActsFor(access, deciderSide, relationship.authorityId);
  return db.transaction(async (tx) => {
    // Only a pending proposal changes: of two decisions at once, the second finds it decided.
    const [decided] = await tx
      .update(stageChanges)
      .set({ status: input.decision, decidedById: signedIn.userId, decidedAt: new Date(), decisionComment: input.comment || null })
      .where(and(eq(stageChanges.id, proposal.id), eq(stageChanges.status, "pending")))
      .returning({ id: stageChanges.id });
    if (!decided) throw new DomainError("CONFLICT", "Cette proposition a déjà reçu une réponse. Rechargez la page pour voir laquelle.");
    if (input.decision === "confirmed") {
      await tx.update(relationships).set({ stage: proposal.toStage }).where(eq(relationships.id, relationship.id));
    }
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "stage_change",
      entityId: proposal.id,
      projectId: relationship.projectId,
      action: input.decision === "confirmed" ? "confirm" : input.decision === "declined" ? "decline" : "withdraw",
      changes: input.decision === "confirmed" ? [{ field: "stage", before: relationship.stage, after: proposal.toStage }] : [],
    });
    await tx.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, relationship.projectId));
    if (input.decision !== "withdrawn") {
      await notify(tx, {
        userIds: await peopleOfSide(tx, relationship.projectId, proposal.proposedSide, relationship.authorityId),
        kind: input.decision === "confirmed" ? "stage_confirmed" : "stage_declined",
        projectId: relationship.projectId,
        actorId: signedIn.userId,
        payload: { from: proposal.fromStage ?? "", to: proposal.toStage, comment: input.comment },
      });
    }
    return { stageChangeId: proposal.id, status: input.decision, stage: input.decision === "confirmed" ? proposal.toStage : relationship.stage };
  });
}

/** A moderator of a network holding the project adds a note both sides see; it confirms nothing. */
export async function addMediationNote(db: Database, actor: Actor | null, input: { stageChangeId: string; text: string }) {
  requireActor(actor);
  const found = await loadProposal(db, input.stageChangeId);
  if (!found) throw notFound("Proposition introuvable.");
  const access = await loadProjectAccess(db, actor, found.relationship.projectId, "Proposition introuvable.");
  const { actor: moderator, networkId } = assertHoldingModerator(access);
  const [note] = await db
    .insert(mediationNotes)
    .values({ stageChangeId: found.proposal.id, authorId: moderator.userId, networkId, text: input.text })
    .returning({ id: mediationNotes.id });
  await recordChange(db, {
    actorId: moderator.userId,
    entity: "stage_change",
    entityId: found.proposal.id,
    projectId: found.relationship.projectId,
    action: "mediation_note",
    changes: [{ field: "note", before: null, after: input.text }],
  });
  return { noteId: note?.id };
}

/** Going public: the collective asks; a moderator of a holding network, or a platform admin when none, decides. */
export async function requestPublic(db: Database, actor: Actor | null, input: { projectId: string }) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCollectiveSide(access);
  if (access.visibility === "public") throw new DomainError("CONFLICT", "Le dossier est déjà public.");
  await db.update(projects).set({ publicRequestedAt: new Date(), publicRequestedById: signedIn.userId }).where(eq(projects.id, input.projectId));
  await recordChange(db, { actorId: signedIn.userId, entity: "project", entityId: input.projectId, projectId: input.projectId, action: "request_public" });
  return { requested: true };
}

export async function reviewPublic(db: Database, actor: Actor | null, input: { projectId: string; accept: boolean; reason: string }) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const holdingNetworks = await db
    .select({ id: projectParties.organisationId })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.role, "network"), eq(projectParties.status, "active")));
  const reviewer = assertCanReviewPublic(access, holdingNetworks.length > 0);
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(projects)
      .set({ publicRequestedAt: null, publicRequestedById: null, ...(input.accept ? { visibility: "public" as const } : {}) })
      .where(and(eq(projects.id, input.projectId), isNotNull(projects.publicRequestedAt)))
      .returning({ id: projects.id });
    if (!updated) throw new DomainError("CONFLICT", "Aucune demande de publication n'est en attente pour ce projet.");
    await recordChange(tx, {
      actorId: reviewer.userId,
      entity: "project",
      entityId: input.projectId,
      projectId: input.projectId,
      action: input.accept ? "accept_public" : "refuse_public",
      changes: [{ field: "reason", before: null, after: input.reason }],
    });
    await notify(tx, {
      userIds: await peopleOfSide(tx, input.projectId, "collective", ""),
      kind: "portfolio",
      projectId: input.projectId,
      actorId: reviewer.userId,
      payload: { event: input.accept ? "public_accepted" : "public_refused", network: "", reason: input.reason },
    });
    return { visibility: input.accept ? "public" : access.visibility };
  });
}

/** The requests to accompany a project waiting for the networks the person moderates. */
export async function listNetworkRequests(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const network = alias(organisations, "requested_network");
  const lead = alias(organisations, "lead_collective");
  return db
    .select({
      projectId: projects.id,
      projectTitle: projects.title,
      leadCollectiveName: lead.name,
      networkId: network.id,
      networkName: network.name,
      requestedAt: projectParties.createdAt,
    })
    .from(projectParties)
    .innerJoin(network, eq(network.id, projectParties.organisationId))
    .innerJoin(projects, eq(projects.id, projectParties.projectId))
    .innerJoin(lead, eq(lead.id, projects.leadCollectiveId))
    .innerJoin(memberships, and(eq(memberships.organisationId, network.id), eq(memberships.userId, signedIn.userId)))
    .where(and(eq(projectParties.role, "network"), eq(projectParties.status, "requested"), speaksForNetworkSql(memberships.role)))
    .orderBy(projectParties.createdAt);
}

/**
 * Requests to make a project public that the person may review: for the projects their networks
 * hold, and — for a platform admin — those no network holds.
 */
export async function listPublicRequests(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  return db
    .select({ projectId: projects.id, title: projects.title, requestedAt: projects.publicRequestedAt })
    .from(projects)
    .where(and(isNotNull(projects.publicRequestedAt), projectsModeratedBy(db, signedIn)))
    .orderBy(projects.publicRequestedAt);
}

