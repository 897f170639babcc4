// A relationship's stage changes: proposed by one side, confirmed or declined by the other,
// withdrawn by the proposer, with the mediation notes of a holding network.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { mediationNotes, milestones, organisations, projects, relationships, stageChangeMilestones, stageChanges } from "@/db/schema";
import { moveOf, otherSide, type Side } from "@/server/domain/gradient";
import { DomainError, notFound } from "@/server/errors";
import {
  assertActsFor,
  assertHoldingModerator,
  assertRelationshipOpen,
  loadProjectAccess,
  requireActor,
  sidesFor,
  sidesToAnswer,
  speakingStructure,
  type Actor,
} from "./access";
import { recordChange } from "./history";
import { markAnnouncedRead, notify, peopleOfSide } from "./notifications";
import type { TMediationNoteInput, TProposeStageInput } from "@/server/api/routers/stage.schema";

/** Postgres's unique_violation, whatever the driver wraps it in. */
function isUniqueViolation(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: string }).code === "23505") return true;
  }
  return false;
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

export async function proposeStage(db: Database, actor: Actor | null, input: TProposeStageInput) {
  requireActor(actor);
  const relationship = await loadRelationship(db, input.relationshipId);
  if (!relationship) throw notFound("relationshipNotFound");
  const access = await loadProjectAccess(db, actor, relationship.projectId, "relationshipNotFound");
  const signedIn = assertActsFor(access, input.as, relationship.authorityId);
  assertRelationshipOpen(relationship);
  if (relationship.stage === null) {
    throw new DomainError("BAD_REQUEST", "startingStagePending");
  }
  if (moveOf(relationship.stage, input.toStage) === null) {
    throw new DomainError("BAD_REQUEST", "proposeOtherStage");
  }
  const milestoneIds = [...new Set(input.milestoneIds ?? [])];
  try {
    if (milestoneIds.length > 0) {
      const found = await db
        .select({ id: milestones.id })
        .from(milestones)
        .where(and(inArray(milestones.id, milestoneIds), eq(milestones.projectId, relationship.projectId)));
      if (found.length !== milestoneIds.length) throw new DomainError("BAD_REQUEST", "milestonesNotOfProject");
    }
    const [proposal] = await db
      .insert(stageChanges)
      .values({
        relationshipId: relationship.id,
        fromStage: relationship.stage,
        toStage: input.toStage,
        reason: input.reason,
        proposedSide: input.as,
        proposedById: signedIn.userId,
        proposedByOrganisationId: speakingStructure(access, input.as, relationship.authorityId),
      })
      .returning({ id: stageChanges.id });
    if (!proposal) throw new Error("insert returned no row");
    if (milestoneIds.length > 0) {
      await db.insert(stageChangeMilestones).values(milestoneIds.map((milestoneId) => ({ stageChangeId: proposal.id, milestoneId })));
    }
    await recordChange(db, {
      actorId: signedIn.userId,
      entity: "stage_change",
      entityId: proposal.id,
      projectId: relationship.projectId,
      action: "propose",
      changes: [{ field: "stage", before: relationship.stage, after: input.toStage }],
    });
    await notify(db, {
      userIds: await peopleOfSide(db, relationship.projectId, otherSide(input.as), relationship.authorityId),
      kind: "stage_proposed",
      projectId: relationship.projectId,
      actorId: signedIn.userId,
      payload: {
        from: relationship.stage ?? "",
        to: input.toStage,
        authority: await authorityName(db, relationship.authorityId),
        stageChangeId: proposal.id,
        relationshipId: relationship.id,
      },
    });
    return { stageChangeId: proposal.id };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError("CONFLICT", "proposalPending");
    }
    throw error;
  }
}

type Decision = "confirmed" | "declined" | "withdrawn";

/** Confirm or decline (the other side), or withdraw (the proposing side) a pending proposal. */
export async function decideProposal(db: Database, actor: Actor | null, input: { stageChangeId: string; decision: Decision; comment: string }) {
  requireActor(actor);
  const found = await loadProposal(db, input.stageChangeId);
  if (!found) throw notFound("proposalNotFound");
  const { proposal, relationship } = found;
  const access = await loadProjectAccess(db, actor, relationship.projectId, "proposalNotFound");
  const declared = proposal.declaredByNetworkId !== null;
  if (declared && input.decision === "withdrawn") throw new DomainError("BAD_REQUEST", "declaredStageNotWithdrawn");
  // The other side confirms or declines — each side, for a stage a network declared; the side that proposed may withdraw.
  const answering = sidesToAnswer({ proposedSide: proposal.proposedSide, declaredByNetwork: declared, firstAgreedSide: proposal.firstAgreedSide });
  const deciderSide: Side =
    input.decision === "withdrawn"
      ? proposal.proposedSide
      : (answering.find((side) => sidesFor(access, relationship.authorityId).includes(side)) ?? answering[0] ?? otherSide(proposal.proposedSide));
  const signedIn = assertActsFor(access, deciderSide, relationship.authorityId);
  if (declared && input.decision === "confirmed" && proposal.firstAgreedSide === null) {
    return agreeFirst(db, {
      proposal,
      relationship,
      side: deciderSide,
      actorId: signedIn.userId,
      organisationId: speakingStructure(access, deciderSide, relationship.authorityId),
    });
  }
  // Only a pending proposal changes: of two decisions at once, the second finds it decided.
  const [decided] = await db
    .update(stageChanges)
    .set({
      status: input.decision,
      decidedById: signedIn.userId,
      decidedByOrganisationId: speakingStructure(access, deciderSide, relationship.authorityId),
      decidedAt: new Date(),
      decisionComment: input.comment || null,
    })
    .where(and(eq(stageChanges.id, proposal.id), eq(stageChanges.status, "pending")))
    .returning({ id: stageChanges.id });
  if (!decided) throw new DomainError("CONFLICT", "proposalAnswered");
  // Answered (or withdrawn): the notice that asked for an answer asks no more.
  await markAnnouncedRead(db, "stage_proposed", { stageChangeId: proposal.id });
  if (input.decision === "confirmed") {
    await db.update(relationships).set({ stage: proposal.toStage }).where(eq(relationships.id, relationship.id));
  }
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "stage_change",
    entityId: proposal.id,
    projectId: relationship.projectId,
    action: input.decision === "confirmed" ? "confirm" : input.decision === "declined" ? "decline" : "withdraw",
    changes:
      input.decision === "confirmed"
        ? [{ field: "stage", before: relationship.stage, after: proposal.toStage }]
        : input.decision === "declined" && input.comment
          ? [{ field: "reason", before: null, after: input.comment }]
          : [],
  });
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, relationship.projectId));
  if (input.decision !== "withdrawn") {
    await notify(db, {
      userIds: await peopleOfSide(db, relationship.projectId, proposal.proposedSide, relationship.authorityId),
      kind: input.decision === "confirmed" ? "stage_confirmed" : "stage_declined",
      projectId: relationship.projectId,
      actorId: signedIn.userId,
      // A refusal's reason is said to the side that proposed, wherever they read of it.
      payload: {
        from: proposal.fromStage ?? "",
        to: proposal.toStage,
        ...(input.decision === "declined" ? { reason: input.comment } : { comment: input.comment }),
      },
    });
  }
  return { stageChangeId: proposal.id, status: input.decision, stage: input.decision === "confirmed" ? proposal.toStage : relationship.stage };
}

/**
 * The first of the two confirmations a stage a network declared needs: kept, the proposal still
 * waiting for the other side, who is told.
 */
async function agreeFirst(
  db: Database,
  facts: {
    proposal: typeof stageChanges.$inferSelect;
    relationship: typeof relationships.$inferSelect;
    side: Side;
    actorId: string;
    organisationId: string | null;
  },
) {
  const { proposal, relationship } = facts;
  const [agreed] = await db
    .update(stageChanges)
    .set({ firstAgreedSide: facts.side, firstAgreedById: facts.actorId, firstAgreedByOrganisationId: facts.organisationId, firstAgreedAt: new Date() })
    .where(and(eq(stageChanges.id, proposal.id), eq(stageChanges.status, "pending"), isNull(stageChanges.firstAgreedSide)))
    .returning({ id: stageChanges.id });
  if (!agreed) throw new DomainError("CONFLICT", "proposalAnswered");
  await recordChange(db, {
    actorId: facts.actorId,
    entity: "stage_change",
    entityId: proposal.id,
    projectId: relationship.projectId,
    action: "confirm",
    changes: [{ field: "side", before: null, after: facts.side }],
  });
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, relationship.projectId));
  await notify(db, {
    userIds: await peopleOfSide(db, relationship.projectId, otherSide(facts.side), relationship.authorityId),
    kind: "stage_proposed",
    projectId: relationship.projectId,
    actorId: facts.actorId,
    payload: {
      from: proposal.fromStage ?? "",
      to: proposal.toStage,
      authority: await authorityName(db, relationship.authorityId),
      stageChangeId: proposal.id,
      relationshipId: relationship.id,
    },
  });
  return { stageChangeId: proposal.id, status: "pending" as const, stage: relationship.stage };
}

/** A moderator of a network holding the project adds a note both sides see; it confirms nothing. */
export async function addMediationNote(db: Database, actor: Actor | null, input: TMediationNoteInput) {
  requireActor(actor);
  const found = await loadProposal(db, input.stageChangeId);
  if (!found) throw notFound("proposalNotFound");
  const access = await loadProjectAccess(db, actor, found.relationship.projectId, "proposalNotFound");
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

async function authorityName(db: DbOrTx, authorityId: string): Promise<string> {
  const [authority] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, authorityId));
  return authority?.name ?? "";
}
