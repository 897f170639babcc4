// « À traiter »: everything that waits for the person's own answer, across all their projects and
// organisations — stage proposals and starting stages their side decides, milestones their side
// confirms or contests, claims to verify, invitations to co-hold a project, requests to a network
// they moderate. Each is first found by SQL, then kept only if the rule its mutation checks lets
// this person answer it.
import { and, asc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { memberships, milestoneRelationships, milestones, organisations, projectParties, projects, relationships, stageChanges, users } from "@/db/schema";
import type { Side, Stage } from "@/server/domain/gradient";
import { groupedBy } from "@/server/domain/group-by";
import type { MilestoneKind } from "@/server/domain/milestones";
import type { AuthorityOffice } from "@/server/domain/organisations";
import { canVerifyClaims, loadProjectAccess, mayAnswerMilestone, relationshipDecisions, requireActor, type Actor, type ProjectAccess } from "./access";
import { listHolderInvitations } from "./holders";
import { listNetworkRequests } from "./parties";

/** Enough for a desk: past it, the page says there are more and the project pages hold the rest. */
export const DESK_LIMIT = 100;

export type DeskItem =
  | {
      kind: "proposal";
      key: string;
      since: Date;
      stageChangeId: string;
      projectId: string;
      projectTitle: string;
      authorityName: string;
      fromStage: Stage | null;
      toStage: Stage;
      proposedSide: Side;
      declaredBy: string | null;
      askedBy: string | null;
      reason: string;
    }
  | {
      kind: "milestone";
      key: string;
      since: Date;
      milestoneId: string;
      relationshipId: string;
      projectId: string;
      projectTitle: string;
      authorityName: string;
      title: string;
      milestoneKind: MilestoneKind;
      occursOn: string;
      askedBy: string | null;
    }
  | {
      kind: "membership";
      key: string;
      since: Date;
      membershipId: string;
      organisationId: string;
      organisationName: string;
      askedBy: string | null;
      email: string;
      office: AuthorityOffice | null;
    }
  | {
      kind: "coHolding";
      key: string;
      since: Date;
      projectId: string;
      projectTitle: string;
      organisationId: string;
      organisationName: string;
      askedBy: string | null;
    }
  | {
      kind: "network";
      key: string;
      since: Date;
      projectId: string;
      projectTitle: string;
      networkId: string;
      networkName: string;
      askedBy: string;
    };

/** The projects held by one of the person's organisations, as SQL on `projects.id`. */
function heldByOneOf(db: DbOrTx, organisationIds: ReturnType<typeof myOrganisations>) {
  return inArray(
    projects.id,
    db
      .select({ id: projectParties.projectId })
      .from(projectParties)
      .where(and(eq(projectParties.role, "holder"), eq(projectParties.status, "active"), inArray(projectParties.organisationId, organisationIds))),
  );
}

/** The person's organisations as the SQL filters read them. */
function myOrganisations(db: DbOrTx, userId: string, verifiedOnly: boolean) {
  return db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), verifiedOnly ? isNotNull(memberships.verifiedAt) : undefined));
}

/** The oldest rows first, one past the desk's limit (so that it knows there are more). */
function oldestFirst<T extends { since: Date }>(rows: T[]): T[] {
  return rows.sort((a, b) => a.since.getTime() - b.since.getTime()).slice(0, DESK_LIMIT + 1);
}

/** Stage proposals waiting for an answer on relationships that `side` selects, oldest first. */
function pendingProposals(db: DbOrTx, side: SQL | undefined) {
  const proposer = alias(users, "proposer");
  const authority = alias(organisations, "authority");
  const declaringNetwork = alias(organisations, "declaring_network");
  return db
    .select({
      stageChangeId: stageChanges.id,
      projectId: projects.id,
      projectTitle: projects.title,
      authorityId: relationships.authorityId,
      authorityName: authority.name,
      stage: relationships.stage,
      fromStage: stageChanges.fromStage,
      toStage: stageChanges.toStage,
      proposedSide: stageChanges.proposedSide,
      /** The network that declared the stage, when one did: both sides confirm it. */
      declaredBy: declaringNetwork.name,
      firstAgreedSide: stageChanges.firstAgreedSide,
      askedBy: proposer.name,
      reason: stageChanges.reason,
      since: stageChanges.proposedAt,
    })
    .from(stageChanges)
    .innerJoin(relationships, eq(relationships.id, stageChanges.relationshipId))
    .innerJoin(projects, eq(projects.id, relationships.projectId))
    .innerJoin(authority, eq(authority.id, relationships.authorityId))
    .leftJoin(proposer, eq(proposer.id, stageChanges.proposedById))
    .leftJoin(declaringNetwork, eq(declaringNetwork.id, stageChanges.declaredByNetworkId))
    .where(and(eq(stageChanges.status, "pending"), side))
    .orderBy(asc(stageChanges.proposedAt))
    .limit(DESK_LIMIT + 1);
}

/** Milestones waiting for an answer on relationships that `side` selects, oldest first. */
function pendingMilestones(db: DbOrTx, side: SQL | undefined) {
  const recorder = alias(users, "recorder");
  const authority = alias(organisations, "authority");
  return db
    .select({
      milestoneId: milestones.id,
      relationshipId: milestoneRelationships.relationshipId,
      projectId: projects.id,
      projectTitle: projects.title,
      authorityId: relationships.authorityId,
      authorityName: authority.name,
      title: milestones.title,
      milestoneKind: milestones.kind,
      occursOn: milestones.occursOn,
      recordedSide: milestones.recordedSide,
      askedBy: recorder.name,
      since: milestones.createdAt,
    })
    .from(milestoneRelationships)
    .innerJoin(milestones, eq(milestones.id, milestoneRelationships.milestoneId))
    .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
    .innerJoin(projects, eq(projects.id, relationships.projectId))
    .innerJoin(authority, eq(authority.id, relationships.authorityId))
    .leftJoin(recorder, eq(recorder.id, milestones.recordedById))
    .where(and(eq(milestoneRelationships.confirmation, "pending"), isNull(milestones.hiddenAt), side))
    .orderBy(asc(milestones.createdAt))
    .limit(DESK_LIMIT + 1);
}

export async function listAwaitingMe(db: DbOrTx, actor: Actor | null): Promise<{ items: DeskItem[]; more: boolean }> {
  const signedIn = requireActor(actor);
  const collectiveSide = myOrganisations(db, signedIn.userId, false);
  const authoritySide = myOrganisations(db, signedIn.userId, true);
  const [proposalRows, milestoneRows, claimRows, networkRows, coHoldingRows] = await Promise.all([
    Promise.all([
      pendingProposals(db, and(or(eq(stageChanges.proposedSide, "authority"), isNotNull(stageChanges.declaredByNetworkId)), heldByOneOf(db, collectiveSide))),
      pendingProposals(db, and(eq(stageChanges.proposedSide, "collective"), inArray(relationships.authorityId, authoritySide))),
    ]).then(([forCollective, forAuthority]) =>
      // A stage a network declared is the two sides' to confirm: read once for a person on both.
      oldestFirst([...new Map([...forCollective, ...forAuthority].map((row) => [row.stageChangeId, row])).values()]),
    ),
    // Each side read apart: as one OR, the planner joined every pending milestone of the country before filtering.
    Promise.all([
      pendingMilestones(db, and(eq(milestones.recordedSide, "authority"), heldByOneOf(db, collectiveSide))),
      pendingMilestones(db, and(eq(milestones.recordedSide, "collective"), inArray(relationships.authorityId, authoritySide))),
    ]).then(([forCollective, forAuthority]) => oldestFirst([...forCollective, ...forAuthority])),
    claimsToVerify(db, signedIn),
    listNetworkRequests(db, signedIn),
    listHolderInvitations(db, signedIn),
  ]);

  // The rules of the mutations that answer them, decided once per project.
  const projectIds = [...new Set([...proposalRows, ...milestoneRows].map((row) => row.projectId))];
  const accesses = new Map<string, ProjectAccess>(
    await Promise.all(projectIds.map(async (projectId) => [projectId, await loadProjectAccess(db, signedIn, projectId)] as const)),
  );

  const items: DeskItem[] = [
    ...proposalRows.flatMap((row): DeskItem[] => {
      const access = accesses.get(row.projectId);
      const pending = { proposedSide: row.proposedSide, declaredByNetwork: row.declaredBy !== null, firstAgreedSide: row.firstAgreedSide };
      if (!access || !relationshipDecisions(access, { authorityId: row.authorityId, stage: row.stage, endedAt: null }, pending).canDecide) return [];
      const { authorityId: _authority, stage: _stage, firstAgreedSide: _agreed, ...item } = row;
      return [{ kind: "proposal", key: `proposal-${row.stageChangeId}`, ...item }];
    }),
    ...milestoneRows.flatMap((row): DeskItem[] => {
      const access = accesses.get(row.projectId);
      if (!access || !mayAnswerMilestone(access, row, { authorityId: row.authorityId, confirmation: "pending" })) return [];
      const { authorityId: _authority, recordedSide: _side, ...item } = row;
      return [{ kind: "milestone", key: `milestone-${row.milestoneId}-${row.relationshipId}`, ...item }];
    }),
    ...claimRows,
    ...coHoldingRows.map((row): DeskItem => ({
      kind: "coHolding",
      key: `co-holding-${row.projectId}-${row.organisationId}`,
      since: row.since,
      projectId: row.projectId,
      projectTitle: row.projectTitle,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      askedBy: row.invitedBy,
    })),
    ...networkRows.map((row): DeskItem => ({
      kind: "network",
      key: `network-${row.projectId}-${row.networkId}`,
      since: row.requestedAt,
      projectId: row.projectId,
      projectTitle: row.projectTitle,
      networkId: row.networkId,
      networkName: row.networkName,
      askedBy: row.contactHolderName,
    })),
  ].sort((a, b) => a.since.getTime() - b.since.getTime() || a.key.localeCompare(b.key));
  return { items: items.slice(0, DESK_LIMIT), more: items.length > DESK_LIMIT };
}

/** Claims to speak for an authority that this person may verify (access/organisations.ts decides). */
async function claimsToVerify(db: DbOrTx, actor: Actor): Promise<DeskItem[]> {
  const admin = alias(memberships, "admin_membership");
  const claimant = alias(users, "claimant");
  const rows = await db
    .select({
      membershipId: memberships.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      askedBy: claimant.name,
      email: claimant.email,
      office: memberships.office,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(claimant, eq(claimant.id, memberships.userId))
    .leftJoin(admin, and(eq(admin.organisationId, organisations.id), eq(admin.userId, actor.userId), eq(admin.role, "admin"), isNotNull(admin.verifiedAt)))
    .where(
      and(
        eq(organisations.kind, "authority"),
        isNull(memberships.verifiedAt),
        sql`${memberships.userId} <> ${actor.userId}`,
        actor.isPlatformAdmin ? undefined : isNotNull(admin.id),
      ),
    )
    .orderBy(asc(memberships.createdAt))
    .limit(DESK_LIMIT + 1);
  const byAuthority = groupedBy(rows, (row) => row.organisationId);
  const allowed = new Set<string>();
  for (const authorityId of byAuthority.keys()) if (await canVerifyClaims(db, actor, authorityId)) allowed.add(authorityId);
  return rows
    .filter((row) => allowed.has(row.organisationId))
    .map((row) => ({ kind: "membership", key: `membership-${row.membershipId}`, ...row, office: row.office as AuthorityOffice | null }));
}
