// Project files: creating one for a collective, and listing those a person may read.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import {
  follows,
  fundingLines,
  jobFigures,
  memberships,
  milestones,
  organisations,
  relationships,
  projectCommunes,
  projectParties,
  projects,
  territories,
} from "@/db/schema";
import type { FundingSource, FundingStatus, Need } from "@/server/domain/project-file";
import { type Stage } from "@/server/domain/gradient";
import { DomainError, notFound } from "@/server/errors";
import type { TCreateProjectInput, TUpdateProjectInput } from "@/server/api/routers/project.schema";
import { changedFields, changesSinceVersion, recordChange } from "./history";
import { coHolderNamesOf } from "./holders";
import { assertCanActForCollective, assertCanEditProject, assertCanReadProject, partyMemberOf, projectDecisions, requireActor, type Actor } from "./access";
import type { Sector } from "@/server/domain/sectors";

export async function createProject(db: Database, actor: Actor | null, input: TCreateProjectInput) {
  const signedIn = requireActor(actor);
  await assertCanActForCollective(db, signedIn, input.contactHolderId);
  const [commune] = await db
    .select({ id: territories.id })
    .from(territories)
    .where(and(eq(territories.id, input.communeId), eq(territories.kind, "commune")));
  if (!commune) throw new DomainError("BAD_REQUEST", "chooseCommuneFromList");
  const [project] = await db
    .insert(projects)
    .values({
      title: input.title,
      summary: input.summary,
      contactHolderId: input.contactHolderId,
      communeId: commune.id,
      createdById: signedIn.userId,
    })
    .returning({ id: projects.id, title: projects.title });
  if (!project) throw new Error("insert returned no row");
  await db.insert(projectParties).values({ projectId: project.id, organisationId: input.contactHolderId, role: "holder" });
  await db.insert(projectCommunes).values({ projectId: project.id, communeId: commune.id });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project",
    entityId: project.id,
    projectId: project.id,
    action: "create",
    changes: changedFields({}, { title: input.title, summary: input.summary, communeIds: [commune.id] }),
    version: 1,
  });
  return project;
}

export const contactHolder = alias(organisations, "contact_holder");

const summaryColumns = {
  id: projects.id,
  title: projects.title,
  summary: projects.summary,
  updatedAt: projects.updatedAt,
  contactHolderId: projects.contactHolderId,
  contactHolderName: contactHolder.name,
  legalForm: contactHolder.legalForm,
  /** The other active holding structures, oldest first. */
  coHolderNames: coHolderNamesOf(projects.id, projects.contactHolderId),
  /** Paused or archived by its holders, or under way. */
  status: projects.status,
  communeId: projects.communeId,
  communeName: territories.name,
  departementCode: territories.departementCode,
};

type TrustRelationship = { projectId: string; relationshipId: string; authorityName: string; stage: Stage | null };

type LatestMilestone = { projectId: string; title: string; occursOn: string };

/**
 * A list of projects with, for each, its relationships' current stages and its latest milestone
 * that took place: one statement whatever the number of rows (JSON subqueries, no query per row).
 */
export function projectListQuery(db: DbOrTx) {
  return db
    .select({
      ...summaryColumns,
      relationships: sql<TrustRelationship[]>`coalesce((select json_agg(json_build_object('projectId', r.project_id,
          'relationshipId', r.id, 'authorityName', a.name, 'stage', r.stage) order by r.created_at, r.id)
        from ${relationships} r join ${organisations} a on a.id = r.authority_id where r.project_id = ${projects.id}), '[]'::json)`,
      latestMilestone: sql<LatestMilestone | null>`(select json_build_object('projectId', m.project_id, 'title', m.title, 'occursOn', m.occurs_on)
        from ${milestones} m where m.project_id = ${projects.id} and m.status = 'done' and m.hidden_at is null
        order by m.occurs_on desc, m.created_at desc, m.id limit 1)`,
    })
    .from(projects)
    .innerJoin(contactHolder, eq(contactHolder.id, projects.contactHolderId))
    .innerJoin(territories, eq(territories.id, projects.communeId));
}

export type ProjectSummary = Awaited<ReturnType<ReturnType<typeof projectListQuery>["execute"]>>[number];

const myProjectsStatement = preparedPerHandle((db) =>
  projectListQuery(db)
    .where(partyMemberOf(db, sql.placeholder("userId")))
    .orderBy(desc(projects.updatedAt), asc(projects.id))
    .prepare("my_projects"),
);

/** "Mes projets": the projects of the organisations the person belongs to. */
export async function listMyProjects(db: DbOrTx, actor: Actor | null): Promise<ProjectSummary[]> {
  const signedIn = requireActor(actor);
  return myProjectsStatement(db).execute({ userId: signedIn.userId });
}

/** One statement: the file, its parties, communes and funding lines as JSON, whether the reader follows it. */
const projectFileStatement = preparedPerHandle((db) =>
  db
    .select({
      ...summaryColumns,
      file: projects,
      following: sql<boolean>`exists (select 1 from ${follows} where ${follows.userId} = ${sql.placeholder("viewerId")} and ${follows.projectId} = ${projects.id})`,
      collectiveHasMembers: sql<boolean>`exists (select 1 from ${memberships} m join ${projectParties} pp on pp.organisation_id = m.organisation_id
        where pp.project_id = ${projects.id} and pp.role = 'holder' and pp.status = 'active')`,
      parties: sql<
        {
          organisationId: string;
          name: string;
          kind: (typeof organisations.$inferSelect)["kind"];
          legalForm: (typeof organisations.$inferSelect)["legalForm"];
          role: (typeof projectParties.$inferSelect)["role"];
          status: (typeof projectParties.$inferSelect)["status"];
        }[]
      >`coalesce((
        select json_agg(json_build_object('organisationId', o.id, 'name', o.name, 'kind', o.kind, 'legalForm', o.legal_form, 'role', pp.role, 'status', pp.status)
          order by pp.created_at, pp.organisation_id)
        from ${projectParties} pp join ${organisations} o on o.id = pp.organisation_id where pp.project_id = ${projects.id}), '[]'::json)`,
      communes: sql<{ id: string; name: string; departementCode: string | null }[]>`coalesce((
        select json_agg(json_build_object('id', c.id, 'name', c.name, 'departementCode', c.departement_code) order by c.name, c.id)
        from ${projectCommunes} pc join ${territories} c on c.id = pc.commune_id where pc.project_id = ${projects.id}), '[]'::json)`,
      fundingLines: sql<{ source: FundingSource; label: string; amountEuros: number; status: FundingStatus }[]>`coalesce((
        select json_agg(json_build_object('source', f.source, 'label', f.label, 'amountEuros', f.amount_euros, 'status', f.status) order by f.position)
        from ${fundingLines} f where f.project_id = ${projects.id}), '[]'::json)`,
      // The jobs' dated history (kept by a trigger on every change of the two figures).
      jobFigures: sql<{ at: string; jobsNow: number; jobsPotential: number }[]>`coalesce((
        select json_agg(json_build_object('at', j.at, 'jobsNow', j.jobs_now, 'jobsPotential', j.jobs_potential) order by j.at, j.id)
        from ${jobFigures} j where j.project_id = ${projects.id}), '[]'::json)`,
    })
    .from(projects)
    .innerJoin(contactHolder, eq(contactHolder.id, projects.contactHolderId))
    .innerJoin(territories, eq(territories.id, projects.communeId))
    .where(eq(projects.id, sql.placeholder("projectId")))
    .prepare("project_file"),
);

export async function getProject(db: DbOrTx, actor: Actor | null, projectId: string) {
  // The file goes out with the access check; nothing of it is returned unless the check passes.
  const [access, [row]] = await Promise.all([
    assertCanReadProject(db, actor, projectId),
    projectFileStatement(db).execute({ projectId, viewerId: actor?.userId ?? null }),
  ]);
  if (!row) throw notFound("projectNotFound");
  const { file, following, collectiveHasMembers, parties, communes, fundingLines: funding, jobFigures: figures, ...project } = row;
  return {
    ...project,
    sector: file.sector as Sector | "",
    sectorDetail: file.sectorDetail,
    collectiveStage: file.collectiveStage,
    jobsNow: file.jobsNow,
    jobsPotential: file.jobsPotential,
    /** Each change of the two figures, oldest first. */
    jobsHistory: figures.map((figure) => ({ at: new Date(figure.at), jobsNow: figure.jobsNow, jobsPotential: figure.jobsPotential })),
    needs: file.needs as Need[],
    links: file.links,
    // Contacts are private: a reader who sees the project only because it is public does not get them.
    contacts: access.publicOnly ? [] : file.contacts,
    visibility: file.visibility,
    status: file.status,
    publicRequested: file.publicRequestedAt !== null,
    version: file.version,
    communes,
    fundingLines: funding,
    parties,
    /** The active holding structures, the contact first; then those invited to co-hold, until their admin answers. */
    holders: parties
      .filter((party) => party.role === "holder")
      .map((party) => ({ ...party, contact: party.organisationId === project.contactHolderId }))
      .sort((a, b) => Number(b.contact) - Number(a.contact) || Number(a.status !== "active") - Number(b.status !== "active")),
    following,
    /** Until someone accepts an invitation to it, an imported project's holding structure has nobody to keep its file. */
    collectiveHasMembers,
    /** What the person may do with the file: decided by services/access, shown as is by the page. */
    can: projectDecisions(access, parties),
    /** The party authorities the reader's claim waits to be verified for: why buttons are missing. */
    awaitingVerificationFor: access.awaitingVerification,
    publicOnly: access.publicOnly,
  };
}

/**
 * Saves changes to a project file made from `version`. A save over a newer version is refused
 * with what changed in between, so that nobody's edit silently overwrites another's.
 */
export async function updateProjectFile(db: Database, actor: Actor | null, input: TUpdateProjectInput) {
  const { actor: signedIn } = await assertCanEditProject(db, actor, input.projectId);
  const [current] = await db.select().from(projects).where(eq(projects.id, input.projectId)).for("update");
  if (!current) throw notFound("projectNotFound");
  if (current.version !== input.version) {
    const missed = await changesSinceVersion(db, "project", input.projectId, input.version);
    const who = [...new Set(missed.flatMap((change) => change.actorName ?? change.actorEmail ?? []))].join(", ");
    const fields = [...new Set(missed.flatMap((change) => change.changes.map((fieldChange) => fieldChange.field)))];
    throw new DomainError("CONFLICT", who ? "projectChangedMeanwhileBy" : "projectChangedMeanwhile", {
      values: { who },
      details: { currentVersion: current.version, fields, changes: missed },
    });
  }
  const { communeIds, fundingLines: newFunding, ...typedChanges } = input.changes;
  // The precision belongs to « autre »: choosing a listed sector drops it.
  const scalarChanges = typedChanges.sector !== undefined && typedChanges.sector !== "autre" ? { ...typedChanges, sectorDetail: "" } : typedChanges;
  const [currentCommunes, currentFunding] = await Promise.all([
    db.select({ id: projectCommunes.communeId }).from(projectCommunes).where(eq(projectCommunes.projectId, input.projectId)),
    db
      .select({ source: fundingLines.source, label: fundingLines.label, amountEuros: fundingLines.amountEuros, status: fundingLines.status })
      .from(fundingLines)
      .where(eq(fundingLines.projectId, input.projectId))
      .orderBy(asc(fundingLines.position)),
  ]);
  const before = {
    ...current,
    communeIds: currentCommunes.map((commune) => commune.id).sort(),
    fundingLines: currentFunding,
  };
  const changes = changedFields(before, {
    ...scalarChanges,
    communeIds: communeIds ? [...new Set(communeIds)].sort() : undefined,
    fundingLines: newFunding,
  });
  if (changes.length === 0) return { id: current.id, version: current.version, changedFields: [] as string[] };

  if (communeIds) {
    const unique = [...new Set(communeIds)];
    const found = await db
      .select({ id: territories.id })
      .from(territories)
      .where(and(inArray(territories.id, unique), eq(territories.kind, "commune")));
    if (found.length !== unique.length) throw new DomainError("BAD_REQUEST", "chooseCommunesFromList");
    await db.delete(projectCommunes).where(eq(projectCommunes.projectId, current.id));
    await db.insert(projectCommunes).values(unique.map((communeId) => ({ projectId: current.id, communeId })));
  }
  if (newFunding) {
    await db.delete(fundingLines).where(eq(fundingLines.projectId, current.id));
    if (newFunding.length > 0) {
      await db.insert(fundingLines).values(newFunding.map((line, position) => ({ ...line, projectId: current.id, position })));
    }
  }
  const version = current.version + 1;
  await db
    .update(projects)
    .set({
      ...scalarChanges,
      ...(communeIds?.[0] ? { communeId: communeIds[0] } : {}),
      version,
      updatedAt: new Date(),
    })
    .where(eq(projects.id, current.id));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project",
    entityId: current.id,
    projectId: current.id,
    action: "update",
    changes,
    version,
  });
  return { id: current.id, version, changedFields: changes.map((change) => change.field) };
}
