// A network's import that names a collective with its own people does not make the project theirs
// unasked: the project waits, led by a collective of the network's own, and the collective's admins
// take it over or decline. Taking it over makes their collective the project's holder, in the stand-in's place.
import { and, asc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { handovers, memberships, organisations, projectParties, projects, territories, users } from "@/db/schema";
import { groupedBy } from "@/server/domain/group-by";
import { DomainError, notFound } from "@/server/errors";
import { assertCanManageOrganisation, assertCanSeeOrganisation, requireActor, type Actor } from "./access";
import { recordChange } from "./history";
import { notify } from "./notifications";
import { findNetwork, moderatorsOf } from "./portfolio";
import type { ProposedHandover } from "./portfolio-import-writes";
import type { TAnswerHandoverInput, THandoversInput } from "@/server/api/routers/portfolio.schema";

/** Tells each asked collective's admins, in the import's transaction. */
export async function notifyProposedHandovers(tx: DbOrTx, moderatorId: string, network: { id: string; name: string }, proposed: ProposedHandover[]) {
  for (const [collectiveId, asked] of groupedBy(proposed, (handover) => handover.collective.id)) {
    const admins = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, collectiveId), eq(memberships.role, "admin")));
    for (const handover of asked) {
      await notify(tx, {
        userIds: admins.map((admin) => admin.userId),
        kind: "portfolio",
        // The project is not theirs to read yet: the notice leads to their collective's page.
        projectId: null,
        actorId: moderatorId,
        payload: { event: "handover", network: network.name, title: handover.title, organisation: handover.collective.name, organisationId: collectiveId },
      });
    }
  }
}

/** The projects networks ask this collective to take over, still unanswered: for its members to see, its admins to answer. */
export async function listHandovers(db: DbOrTx, actor: Actor | null, input: THandoversInput) {
  await assertCanSeeOrganisation(db, actor, input.collectiveId);
  return db
    .select({
      id: handovers.id,
      projectTitle: projects.title,
      projectSummary: projects.summary,
      communeName: territories.name,
      networkName: organisations.name,
      proposedByName: users.name,
      createdAt: handovers.createdAt,
    })
    .from(handovers)
    .innerJoin(projects, eq(projects.id, handovers.projectId))
    .innerJoin(territories, eq(territories.id, projects.communeId))
    .innerJoin(organisations, eq(organisations.id, handovers.networkId))
    .leftJoin(users, eq(users.id, handovers.proposedById))
    .where(and(eq(handovers.collectiveId, input.collectiveId), isNull(handovers.answeredAt)))
    .orderBy(asc(handovers.createdAt), asc(handovers.id));
}

/**
 * The collective's admin takes the project over (their collective becomes its holder and contact; the network's
 * stand-in collective goes if nothing else needs it) or declines (the project stays with the
 * network, which is told either way).
 */
export async function answerHandover(db: DbOrTx, actor: Actor | null, input: TAnswerHandoverInput) {
  const signedIn = requireActor(actor);
  // Locked: two admins answering at once, one of them finds it answered.
  const [handover] = await db.select().from(handovers).where(eq(handovers.id, input.handoverId)).for("update");
  if (!handover) throw notFound("handoverNotFound");
  await assertCanManageOrganisation(db, signedIn, handover.collectiveId, "handoverNotFound");
  if (handover.answeredAt) throw new DomainError("CONFLICT", "handoverAnswered");
  await db.update(handovers).set({ answeredAt: new Date(), answeredById: signedIn.userId, accepted: input.accept }).where(eq(handovers.id, handover.id));
  const [collective] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, handover.collectiveId));
  if (input.accept) await takeOver(db, handover.projectId, handover.collectiveId);
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "handover",
    entityId: handover.id,
    projectId: handover.projectId,
    action: input.accept ? "accept_handover" : "decline_handover",
    changes: input.accept ? [{ field: "contactHolderId", before: null, after: handover.collectiveId }] : [],
  });
  const network = await findNetwork(db, handover.networkId);
  await notify(db, {
    userIds: await moderatorsOf(db, network.id),
    kind: "portfolio",
    projectId: handover.projectId,
    actorId: signedIn.userId,
    payload: { event: input.accept ? "handover_accepted" : "handover_declined", network: network.name, organisation: collective?.name ?? "" },
  });
  return { handoverId: handover.id, accepted: input.accept };
}

async function takeOver(db: DbOrTx, projectId: string, collectiveId: string) {
  const [project] = await db.select({ contactHolderId: projects.contactHolderId }).from(projects).where(eq(projects.id, projectId)).for("update");
  if (!project) throw notFound("projectNotFound");
  const standIn = project.contactHolderId;
  await db.update(projects).set({ contactHolderId: collectiveId }).where(eq(projects.id, projectId));
  await db
    .delete(projectParties)
    .where(and(eq(projectParties.projectId, projectId), eq(projectParties.organisationId, standIn), eq(projectParties.role, "holder")));
  await db
    .insert(projectParties)
    .values({ projectId, organisationId: collectiveId, role: "holder" })
    .onConflictDoUpdate({ target: [projectParties.projectId, projectParties.organisationId], set: { role: "holder", status: "active" } });
  const [stillContact] = await db.select({ id: projects.id }).from(projects).where(eq(projects.contactHolderId, standIn)).limit(1);
  const [anyMember] = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.organisationId, standIn)).limit(1);
  const [anyParty] = await db.select({ id: projectParties.projectId }).from(projectParties).where(eq(projectParties.organisationId, standIn)).limit(1);
  if (!stillContact && !anyMember && !anyParty) await db.delete(organisations).where(eq(organisations.id, standIn));
}
