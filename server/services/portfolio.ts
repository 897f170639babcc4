// A support network's portfolio: the projects it accompanies. A project joins on the collective's
// request (see requestNetwork) or on the network's invitation, accepted by the collective; either
// side can end it, with a reason the other side is told.
import { and, eq } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { memberships, organisations, projectParties } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { assertCanModerateNetwork, assertCollectiveSide, loadProjectAccess, requireActor, speaksForAHolder, speaksForNetworkSql, type Actor } from "./access";
import { recordChange } from "./history";
import { notify, peopleOfSide } from "./notifications";
import type { TAnswerNetworkInvitationInput, TInviteProjectInput, TLeaveNetworkInput } from "@/server/api/routers/portfolio.schema";

/** A support network by its id; NOT_FOUND for any other id. */
export async function findNetwork(db: DbOrTx, networkId: string) {
  const [network] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, networkId), eq(organisations.kind, "network")));
  if (!network) throw notFound("networkNotFound");
  return network;
}

/** The people who speak for a network: its moderators and admins. */
export async function moderatorsOf(db: DbOrTx, networkId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, networkId), speaksForNetworkSql(memberships.role)));
  return rows.map((row) => row.userId);
}

/** A network's moderator invites a project they can read into the portfolio; its collective answers. */
export async function inviteProject(db: Database, actor: Actor | null, input: TInviteProjectInput) {
  const moderator = await assertCanModerateNetwork(db, actor, input.networkId);
  const access = await loadProjectAccess(db, moderator, input.projectId);
  const network = await findNetwork(db, input.networkId);
  const [party] = await db
    .insert(projectParties)
    .values({ projectId: input.projectId, organisationId: network.id, role: "network", status: "invited" })
    .onConflictDoNothing()
    .returning();
  if (!party) throw new DomainError("CONFLICT", "networkAlreadyThere", { values: { name: network.name } });
  await recordChange(db, {
    actorId: moderator.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${network.id}`,
    projectId: input.projectId,
    action: "invite_network",
    changes: [{ field: "network", before: null, after: network.name }],
  });
  await notify(db, {
    userIds: await peopleOfSide(db, access.projectId, "collective", ""),
    kind: "portfolio",
    projectId: input.projectId,
    actorId: moderator.userId,
    payload: { event: "invited", network: network.name, reason: "" },
  });
  return { networkId: network.id, status: "invited" as const };
}

/** The collective accepts or declines a network's invitation. */
export async function answerNetworkInvitation(db: Database, actor: Actor | null, input: TAnswerNetworkInvitationInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const member = assertCollectiveSide(access);
  const network = await findNetwork(db, input.networkId);
  const where = and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, network.id), eq(projectParties.status, "invited"));
  const answered = input.accept
    ? await db.update(projectParties).set({ status: "active" }).where(where).returning()
    : await db.delete(projectParties).where(where).returning();
  if (answered.length === 0) throw notFound("networkInvitationNotFound");
  await recordChange(db, {
    actorId: member.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${network.id}`,
    projectId: input.projectId,
    action: input.accept ? "accept_network_invitation" : "decline_network_invitation",
  });
  await notify(db, {
    userIds: await moderatorsOf(db, network.id),
    kind: "portfolio",
    projectId: input.projectId,
    actorId: member.userId,
    payload: { event: input.accept ? "invitation_accepted" : "invitation_declined", network: network.name, reason: "" },
  });
  return { accepted: input.accept };
}

/**
 * Either side ends the accompaniment: a member of the collective, or a moderator of the network.
 * A pending request or invitation is withdrawn the same way.
 */
export async function leaveNetwork(db: Database, actor: Actor | null, input: TLeaveNetworkInput) {
  const signedIn = requireActor(actor);
  const [party] = await db
    .select({ status: projectParties.status })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, input.networkId), eq(projectParties.role, "network")));
  if (!party) throw notFound("networkNotFound");
  const collectiveMember = await speaksForAHolder(db, signedIn, input.projectId);
  const side = collectiveMember ? "collective" : "network";
  if (!collectiveMember) await assertCanModerateNetwork(db, signedIn, input.networkId);
  const network = await findNetwork(db, input.networkId);
  const [removed] = await db
    .delete(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, network.id), eq(projectParties.role, "network")))
    .returning();
  if (!removed) throw new DomainError("CONFLICT", "networkJustLeft");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${network.id}`,
    projectId: input.projectId,
    action: "leave_network",
    changes: [
      { field: "status", before: removed.status, after: null },
      { field: "reason", before: null, after: input.reason },
    ],
  });
  await notify(db, {
    userIds: side === "collective" ? await moderatorsOf(db, network.id) : await peopleOfSide(db, input.projectId, "collective", ""),
    kind: "portfolio",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { event: side === "collective" ? "left_by_collective" : "left_by_network", network: network.name, reason: input.reason },
  });
  return { left: true, by: side };
}
