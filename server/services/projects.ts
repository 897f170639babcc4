// Project files: creating one for a collective, and listing those a person may read.
import { and, desc, eq, exists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "@/db";
import { memberships, organisations, projectParties, projects, territories } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import {
  assertCanActForCollective,
  assertCanFollowTerritoryOf,
  assertCanReadProject,
  communeWithinTerritory,
  projectVisibleTo,
  requireActor,
  type Actor,
} from "./access";

export type CreateProjectInput = { title: string; summary: string; leadCollectiveId: string; communeId: string };

export async function createProject(db: Database, actor: Actor | null, input: CreateProjectInput) {
  const signedIn = requireActor(actor);
  await assertCanActForCollective(db, signedIn, input.leadCollectiveId);
  return db.transaction(async (tx) => {
    const [commune] = await tx
      .select({ id: territories.id })
      .from(territories)
      .where(and(eq(territories.id, input.communeId), eq(territories.kind, "commune")));
    if (!commune) throw new DomainError("BAD_REQUEST", "Choisissez une commune dans la liste.");
    const [project] = await tx
      .insert(projects)
      .values({
        title: input.title,
        summary: input.summary,
        leadCollectiveId: input.leadCollectiveId,
        communeId: commune.id,
        createdById: signedIn.userId,
      })
      .returning({ id: projects.id, title: projects.title });
    if (!project) throw new Error("insert returned no row");
    await tx.insert(projectParties).values({ projectId: project.id, organisationId: input.leadCollectiveId, role: "lead" });
    return project;
  });
}

const leadCollective = alias(organisations, "lead_collective");

function projectSummaryQuery(db: DbOrTx) {
  return db
    .select({
      id: projects.id,
      title: projects.title,
      summary: projects.summary,
      updatedAt: projects.updatedAt,
      leadCollectiveId: projects.leadCollectiveId,
      leadCollectiveName: leadCollective.name,
      legalForm: leadCollective.legalForm,
      communeId: projects.communeId,
      communeName: territories.name,
      departementCode: territories.departementCode,
    })
    .from(projects)
    .innerJoin(leadCollective, eq(leadCollective.id, projects.leadCollectiveId))
    .innerJoin(territories, eq(territories.id, projects.communeId));
}

export type ProjectSummary = Awaited<ReturnType<ReturnType<typeof projectSummaryQuery>["execute"]>>[number];

/** "Mes projets": the projects of the organisations the person belongs to. */
export async function listMyProjects(db: DbOrTx, actor: Actor | null): Promise<ProjectSummary[]> {
  const signedIn = requireActor(actor);
  const myParty = db
    .select({ one: sql`1` })
    .from(projectParties)
    .innerJoin(memberships, eq(memberships.organisationId, projectParties.organisationId))
    .where(and(eq(projectParties.projectId, projects.id), eq(memberships.userId, signedIn.userId)));
  return projectSummaryQuery(db).where(exists(myParty)).orderBy(desc(projects.updatedAt));
}

export async function getProject(db: DbOrTx, actor: Actor | null, projectId: string) {
  const signedIn = await assertCanReadProject(db, actor, projectId);
  const [project] = await projectSummaryQuery(db).where(eq(projects.id, projectId));
  if (!project) throw notFound("Projet introuvable.");
  const parties = await db
    .select({ organisationId: organisations.id, name: organisations.name, kind: organisations.kind, role: projectParties.role })
    .from(projectParties)
    .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
    .where(eq(projectParties.projectId, projectId));
  const [membership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, signedIn.userId), eq(memberships.organisationId, project.leadCollectiveId)));
  return { ...project, parties, canEdit: membership !== undefined };
}

/** The projects acting in an authority's territory: its commune, member communes, département or région. */
export async function listTerritoryProjects(db: DbOrTx, actor: Actor | null, input: { authorityId: string }) {
  const signedIn = requireActor(actor);
  await assertCanFollowTerritoryOf(db, signedIn, input.authorityId);
  const authorityTerritory = alias(territories, "authority_territory");
  const [authority] = await db
    .select({ id: organisations.id, name: organisations.name, territoryId: organisations.territoryId })
    .from(organisations)
    .where(and(eq(organisations.id, input.authorityId), eq(organisations.kind, "authority")));
  if (!authority?.territoryId) throw notFound("Collectivité introuvable.");
  const rows = await projectSummaryQuery(db)
    .innerJoin(authorityTerritory, eq(authorityTerritory.id, authority.territoryId))
    .where(and(communeWithinTerritory(territories, authorityTerritory), projectVisibleTo(db, signedIn)))
    .orderBy(desc(projects.updatedAt));
  return { authority: { id: authority.id, name: authority.name }, projects: rows };
}
