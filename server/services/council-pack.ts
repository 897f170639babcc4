// « Dossier pour le conseil »: what a verified official brings to a council meeting about the
// collective projects acting in the authority's territory — for each, the stage of the relationship
// with this authority and its last twelve months, the period's milestones, what waits for this
// authority's decision, the funding asked of it and the jobs; a summary first. Only what that
// official may read goes in: the projects of the territory view, under the same rules.
import { and, asc, desc, eq, gte, inArray, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { fundingLines, milestoneRelationships, milestones, organisations, projects, relationships, stageChanges } from "@/db/schema";
import type { Stage } from "@/server/domain/gradient";
import { groupedBy } from "@/server/domain/group-by";
import type { MilestoneKind, MilestoneStatus } from "@/server/domain/milestones";
import type { FundingSource, FundingStatus } from "@/server/domain/project-file";
import type { TerritoryKind } from "@/server/domain/territories";
import { type Actor } from "./access";
import { coHolderNamesOf } from "./holders";
import { contactHolder } from "./projects";
import { territoryOfAuthority } from "./territories";

/** The period the pack looks back over. */
export const COUNCIL_PACK_MONTHS = 12;
/** More projects than a council reads: past it, the pack says how many it left out. */
export const COUNCIL_PACK_LIMIT = 300;

/** The funding source that is this level of authority. */
const FUNDING_SOURCE_OF: Record<TerritoryKind, FundingSource> = { commune: "commune", epci: "epci", departement: "departement", region: "region" };

export type CouncilPackProject = {
  id: string;
  title: string;
  /** The holding structures, the contact first. */
  holderNames: string[];
  stage: Stage | null;
  /** Whether the project has a relationship with this authority at all. */
  related: boolean;
  jobsNow: number;
  jobsPotential: number;
  changes: { at: Date; fromStage: Stage | null; toStage: Stage; declined: boolean }[];
  /** The period's milestones, planned ones included (a council deliberation to come, with its date). */
  milestones: { title: string; kind: MilestoneKind; occursOn: string; status: MilestoneStatus; confirmation: string }[];
  /** What waits for a decision of this authority: a proposal of the collective, milestones to confirm. */
  awaiting: { proposal: { fromStage: Stage | null; toStage: Stage; reason: string } | null; milestones: string[] };
  funding: { label: string; amountEuros: number; status: FundingStatus }[];
  fundingAsked: number;
};

export type CouncilPack = Awaited<ReturnType<typeof buildCouncilPack>>;

export async function buildCouncilPack(db: DbOrTx, actor: Actor | null, authorityId: string, now = new Date()) {
  const { authority, inTerritory } = await territoryOfAuthority(db, actor, authorityId);
  const since = new Date(now);
  since.setMonth(since.getMonth() - COUNCIL_PACK_MONTHS);
  const sinceDay = since.toISOString().slice(0, 10);
  const rows = await db
    .select({
      id: projects.id,
      title: projects.title,
      contactHolderName: contactHolder.name,
      coHolderNames: coHolderNamesOf(projects.id, projects.contactHolderId),
      jobsNow: projects.jobsNow,
      jobsPotential: projects.jobsPotential,
      relationshipId: relationships.id,
      stage: relationships.stage,
    })
    .from(projects)
    .innerJoin(contactHolder, eq(contactHolder.id, projects.contactHolderId))
    .leftJoin(relationships, and(eq(relationships.projectId, projects.id), eq(relationships.authorityId, authority.id)))
    .where(inTerritory)
    .orderBy(asc(projects.title), asc(projects.id))
    .limit(COUNCIL_PACK_LIMIT + 1);
  const listed = rows.slice(0, COUNCIL_PACK_LIMIT);
  const projectIds = listed.map((row) => row.id);
  const relationshipIds = listed.flatMap((row) => (row.relationshipId ? [row.relationshipId] : []));
  const source = FUNDING_SOURCE_OF[authority.kind as TerritoryKind];

  const [changeRows, milestoneRows, fundingRows] = await Promise.all([
    relationshipIds.length === 0
      ? []
      : db
          .select({
            relationshipId: stageChanges.relationshipId,
            fromStage: stageChanges.fromStage,
            toStage: stageChanges.toStage,
            status: stageChanges.status,
            reason: stageChanges.reason,
            proposedSide: stageChanges.proposedSide,
            firstAgreedSide: stageChanges.firstAgreedSide,
            proposedAt: stageChanges.proposedAt,
            decidedAt: stageChanges.decidedAt,
          })
          .from(stageChanges)
          .where(and(inArray(stageChanges.relationshipId, relationshipIds), ne(stageChanges.status, "withdrawn")))
          .orderBy(asc(stageChanges.proposedAt)),
    relationshipIds.length === 0
      ? []
      : db
          .select({
            relationshipId: milestoneRelationships.relationshipId,
            title: milestones.title,
            kind: milestones.kind,
            occursOn: milestones.occursOn,
            status: milestones.status,
            confirmation: milestoneRelationships.confirmation,
            recordedSide: milestones.recordedSide,
          })
          .from(milestoneRelationships)
          .innerJoin(milestones, eq(milestones.id, milestoneRelationships.milestoneId))
          .where(
            and(
              inArray(milestoneRelationships.relationshipId, relationshipIds),
              isNull(milestones.hiddenAt),
              ne(milestones.status, "cancelled"),
              gte(milestones.occursOn, sinceDay),
            ),
          )
          .orderBy(desc(milestones.occursOn)),
    projectIds.length === 0
      ? []
      : db
          .select({ projectId: fundingLines.projectId, label: fundingLines.label, amountEuros: fundingLines.amountEuros, status: fundingLines.status })
          .from(fundingLines)
          .where(and(inArray(fundingLines.projectId, projectIds), eq(fundingLines.source, source)))
          .orderBy(asc(fundingLines.position)),
  ]);
  const changesOf = groupedBy(changeRows, (row) => row.relationshipId);
  const milestonesOf = groupedBy(milestoneRows, (row) => row.relationshipId);
  const fundingOf = groupedBy(fundingRows, (row) => row.projectId);

  const packProjects: CouncilPackProject[] = listed.map((row) => {
    const changes = row.relationshipId ? (changesOf.get(row.relationshipId) ?? []) : [];
    const linked = row.relationshipId ? (milestonesOf.get(row.relationshipId) ?? []) : [];
    // What waits for the authority: a proposal of the collective side (or a network's), unless the authority confirmed it already.
    const pending = changes.find((change) => change.status === "pending" && change.proposedSide === "collective" && change.firstAgreedSide !== "authority");
    const funding = (fundingOf.get(row.id) ?? []).map(({ projectId: _project, ...line }) => line);
    return {
      id: row.id,
      title: row.title,
      holderNames: [row.contactHolderName, ...row.coHolderNames],
      stage: row.stage,
      related: row.relationshipId !== null,
      jobsNow: row.jobsNow,
      jobsPotential: row.jobsPotential,
      changes: changes
        .filter((change) => (change.status === "confirmed" || change.status === "declined") && change.decidedAt && change.decidedAt >= since)
        .map((change) => ({ at: change.decidedAt as Date, fromStage: change.fromStage, toStage: change.toStage, declined: change.status === "declined" })),
      milestones: linked.map((milestone) => ({
        title: milestone.title,
        kind: milestone.kind,
        occursOn: milestone.occursOn,
        status: milestone.status,
        confirmation: milestone.confirmation,
      })),
      awaiting: {
        proposal: pending ? { fromStage: pending.fromStage, toStage: pending.toStage, reason: pending.reason } : null,
        milestones: linked
          .filter((milestone) => milestone.recordedSide === "collective" && milestone.confirmation === "pending")
          .map((milestone) => milestone.title),
      },
      funding,
      fundingAsked: funding.reduce((sum, line) => sum + line.amountEuros, 0),
    };
  });
  const [named] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, authority.id));
  return {
    authority: { id: authority.id, name: named?.name ?? authority.name, kind: authority.kind as TerritoryKind },
    preparedAt: now,
    since,
    projects: packProjects,
    leftOut: Math.max(0, rows.length - COUNCIL_PACK_LIMIT),
    totals: {
      projects: packProjects.length,
      jobsNow: packProjects.reduce((sum, project) => sum + project.jobsNow, 0),
      jobsPotential: packProjects.reduce((sum, project) => sum + project.jobsPotential, 0),
      fundingAsked: packProjects.reduce((sum, project) => sum + project.fundingAsked, 0),
      awaiting: packProjects.filter((project) => project.awaiting.proposal || project.awaiting.milestones.length > 0).length,
    },
  };
}
