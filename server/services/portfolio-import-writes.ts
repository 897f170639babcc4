// The writes of a network's import, phase by phase, inside the one transaction runImport opens:
// new projects with their collectives, changes to projects already in the portfolio, stages declared.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import {
  type changeLog,
  handovers,
  memberships,
  organisations,
  portfolioIdentifiers,
  projectCommunes,
  projectParties,
  projects,
  relationships,
  stageChanges,
} from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import type { ImportRow } from "@/server/domain/spreadsheet";
import { openAuthorities } from "./authorities";

export type Resolved = {
  row: ImportRow;
  existingProjectId: string | null;
  communeId: string | null;
  authorityTerritoryId: string | null;
};

export type ProjectFields = { title: string; sector: string; sectorDetail: string; summary: string; jobsNow: number; communeId: string };

export function updatesOf(row: ImportRow, current: ProjectFields, communeId: string | null): Partial<ProjectFields> {
  const changes: Partial<ProjectFields> = {};
  if (row.title !== undefined && row.title !== current.title) changes.title = row.title;
  if (row.sector !== undefined && row.sector !== current.sector) changes.sector = row.sector;
  if (row.sectorDetail !== undefined && row.sectorDetail !== current.sectorDetail) changes.sectorDetail = row.sectorDetail;
  if (row.summary !== undefined && row.summary !== current.summary) changes.summary = row.summary;
  if (row.jobs !== undefined && row.jobs !== current.jobsNow) changes.jobsNow = row.jobs;
  if (communeId && communeId !== current.communeId) changes.communeId = communeId;
  return changes;
}

export async function currentFields(db: DbOrTx, projectIds: string[]) {
  const fields = new Map<string, ProjectFields & { version: number }>();
  for (const part of chunks(projectIds)) {
    const rows = await db
      .select({
        id: projects.id,
        title: projects.title,
        sector: projects.sector,
        sectorDetail: projects.sectorDetail,
        summary: projects.summary,
        jobsNow: projects.jobsNow,
        communeId: projects.communeId,
        version: projects.version,
      })
      .from(projects)
      .where(inArray(projects.id, part));
    for (const row of rows) fields.set(row.id, row);
  }
  return fields;
}

export type AuditEntry = typeof changeLog.$inferInsert;

/** What every phase writes with: the transaction, who imports for which network, the audit entries gathered, the progress. */
export type ImportWriting = {
  tx: DbOrTx;
  moderatorId: string;
  network: { id: string; name: string };
  audit: AuditEntry[];
  step: (count: number) => void;
  now: Date;
};

/**
 * The collectives holding projects of this network's portfolio that rows name: by name, the one to
 * hold the new projects — the network's own (nobody in it) if there is one — and, when a collective
 * of that name has its own people, that collective: it is asked before any project becomes its.
 */
export async function portfolioCollectivesByName(db: DbOrTx, networkId: string, names: string[]) {
  const holding = alias(projectParties, "holding");
  const found = new Map<string, { memberless: string | null; withMembers: { id: string; name: string } | null }>();
  for (const part of chunks(names)) {
    const rows = await db
      .selectDistinct({
        id: organisations.id,
        name: organisations.name,
        createdAt: organisations.createdAt,
        hasMembers: sql<boolean>`exists (select 1 from ${memberships} where ${memberships.organisationId} = ${organisations.id})`,
      })
      .from(organisations)
      .innerJoin(holding, and(eq(holding.organisationId, organisations.id), eq(holding.role, "holder")))
      .innerJoin(
        projectParties,
        and(eq(projectParties.projectId, holding.projectId), eq(projectParties.organisationId, networkId), eq(projectParties.role, "network")),
      )
      .where(and(eq(organisations.kind, "collective"), inArray(organisations.name, part)))
      .orderBy(asc(organisations.createdAt), asc(organisations.id));
    for (const row of rows) {
      const entry = found.get(row.name) ?? { memberless: null, withMembers: null };
      if (row.hasMembers) entry.withMembers ??= { id: row.id, name: row.name };
      else entry.memberless ??= row.id;
      found.set(row.name, entry);
    }
  }
  return found;
}

/**
 * New projects: their collectives, then the projects. Fills `projectIds`. A name the portfolio
 * knows as the network's own collective is reused; a name whose collective has its own people gets
 * a collective of the network's own to lead the project meanwhile, and that collective is asked
 * to take it over (handovers). Returns the handovers proposed.
 */
export async function createProjects(writing: ImportWriting, creates: Resolved[], projectIds: Map<string, string>) {
  const collectiveIds = new Map<string, string>();
  const wantedNames = [...new Set(creates.map((item) => item.row.collective as string))];
  const known = await portfolioCollectivesByName(writing.tx, writing.network.id, wantedNames);
  const handoverTo = new Map<string, { id: string; name: string }>();
  for (const [name, entry] of known) {
    if (entry.memberless) collectiveIds.set(name, entry.memberless);
    if (entry.withMembers) handoverTo.set(name, entry.withMembers);
  }
  // One new collective per name the portfolio has none of its own for, however many rows name it.
  const newNames = wantedNames.filter((name) => !collectiveIds.has(name));
  const legalFormOf = new Map(creates.toReversed().map((item) => [item.row.collective as string, item.row.legalForm]));
  const newCollectives = newNames.map((name) => ({ name, legalForm: legalFormOf.get(name) }));
  for (const part of chunks(newCollectives)) {
    const inserted = await writing.tx
      .insert(organisations)
      .values(part.map((collective) => ({ kind: "collective" as const, name: collective.name, legalForm: collective.legalForm ?? "other" })))
      .returning({ id: organisations.id, name: organisations.name });
    for (const row of inserted) collectiveIds.set(row.name, row.id);
  }
  const proposed: ProposedHandover[] = [];
  for (const part of chunks(creates)) {
    const inserted = await writing.tx
      .insert(projects)
      .values(
        part.map((item) => ({
          title: item.row.title as string,
          summary: item.row.summary ?? "",
          sector: item.row.sector ?? "",
          sectorDetail: item.row.sectorDetail ?? "",
          jobsNow: item.row.jobs ?? 0,
          contactHolderId: collectiveIds.get(item.row.collective as string) as string,
          communeId: item.communeId as string,
          visibility: "parties" as const,
          createdById: writing.moderatorId,
        })),
      )
      .returning({ id: projects.id });
    part.forEach((item, index) => projectIds.set(item.row.identifier, (inserted[index] as { id: string }).id));
    const ids = part.map((item) => ({ item, projectId: projectIds.get(item.row.identifier) as string }));
    await writing.tx.insert(projectParties).values([
      ...ids.map(({ item, projectId }) => ({
        projectId,
        organisationId: collectiveIds.get(item.row.collective as string) as string,
        role: "holder" as const,
      })),
      ...ids.map(({ projectId }) => ({ projectId, organisationId: writing.network.id, role: "network" as const })),
    ]);
    await writing.tx.insert(projectCommunes).values(ids.map(({ item, projectId }) => ({ projectId, communeId: item.communeId as string })));
    await writing.tx
      .insert(portfolioIdentifiers)
      .values(ids.map(({ item, projectId }) => ({ networkId: writing.network.id, identifier: item.row.identifier, projectId })));
    const asked = ids.flatMap(({ item, projectId }) => {
      const collective = handoverTo.get(item.row.collective as string);
      return collective ? [{ projectId, title: item.row.title as string, collective }] : [];
    });
    if (asked.length > 0) {
      const inserted = await writing.tx
        .insert(handovers)
        .values(
          asked.map((handover) => ({
            projectId: handover.projectId,
            collectiveId: handover.collective.id,
            networkId: writing.network.id,
            proposedById: writing.moderatorId,
          })),
        )
        .returning({ id: handovers.id });
      asked.forEach((handover, index) => {
        const handoverId = (inserted[index] as { id: string }).id;
        proposed.push({ ...handover, handoverId });
        writing.audit.push({
          actorId: writing.moderatorId,
          entity: "handover",
          entityId: handoverId,
          projectId: handover.projectId,
          action: "propose_handover",
          changes: [{ field: "collectiveId", before: null, after: handover.collective.id }],
        });
      });
    }
    for (const { item, projectId } of ids) {
      writing.audit.push({
        actorId: writing.moderatorId,
        entity: "project",
        entityId: projectId,
        projectId,
        action: "import_create",
        changes: [
          { field: "identifier", before: null, after: item.row.identifier },
          { field: "title", before: null, after: item.row.title ?? null },
        ],
        version: 1,
      });
    }
    writing.step(part.length);
  }
  return proposed;
}

export type ProposedHandover = { handoverId: string; projectId: string; title: string; collective: { id: string; name: string } };

/** Projects already in the portfolio: only what changed, each one version further. Returns those that changed. */
export async function updateProjects(writing: ImportWriting, updates: Resolved[], projectIds: Map<string, string>): Promise<Set<string>> {
  const fields = await currentFields(
    writing.tx,
    updates.map((item) => item.existingProjectId as string),
  );
  const updated = new Set<string>();
  for (const part of chunks(updates)) {
    for (const item of part) {
      const projectId = item.existingProjectId as string;
      projectIds.set(item.row.identifier, projectId);
      const current = fields.get(projectId);
      if (!current) continue;
      const changes = updatesOf(item.row, current, item.communeId);
      if (Object.keys(changes).length === 0) continue;
      updated.add(projectId);
      await writing.tx
        .update(projects)
        .set({ ...changes, version: current.version + 1, updatedAt: writing.now })
        .where(eq(projects.id, projectId));
      if (changes.communeId) {
        await writing.tx.insert(projectCommunes).values({ projectId, communeId: changes.communeId }).onConflictDoNothing();
      }
      writing.audit.push({
        actorId: writing.moderatorId,
        entity: "project",
        entityId: projectId,
        projectId,
        action: "import_update",
        changes: Object.entries(changes).map(([field, after]) => ({ field, before: current[field as keyof ProjectFields], after })),
        version: current.version + 1,
      });
    }
    writing.step(part.length);
  }
  return updated;
}

/**
 * Stages declared by the network: a starting stage waiting for the authority side, or a change
 * from the confirmed one; nothing when that stage holds already or a proposal waits. Returns how many were declared.
 */
export async function declareStages(writing: ImportWriting, withStage: Resolved[], projectIds: Map<string, string>) {
  const authorityIds = await openAuthorities(writing.tx, [...new Set(withStage.map((item) => item.authorityTerritoryId as string))]);
  const pairs = withStage.map((item) => ({
    item,
    projectId: projectIds.get(item.row.identifier) as string,
    authorityId: authorityIds.get(item.authorityTerritoryId as string) as string,
  }));
  let stagesDeclared = 0;
  for (const part of chunks(pairs)) {
    await writing.tx
      .insert(relationships)
      .values(part.map((pair) => ({ projectId: pair.projectId, authorityId: pair.authorityId })))
      .onConflictDoNothing();
    await writing.tx
      .insert(projectParties)
      .values(part.map((pair) => ({ projectId: pair.projectId, organisationId: pair.authorityId, role: "authority" as const })))
      .onConflictDoNothing();
    const found = await writing.tx
      .select({ id: relationships.id, projectId: relationships.projectId, authorityId: relationships.authorityId, stage: relationships.stage })
      .from(relationships)
      .where(inArray(relationships.projectId, [...new Set(part.map((pair) => pair.projectId))]));
    const proposals = part.flatMap((pair) => {
      const relationship = found.find((row) => row.projectId === pair.projectId && row.authorityId === pair.authorityId);
      if (!relationship || relationship.stage === pair.item.row.stage) return [];
      return [
        {
          relationshipId: relationship.id,
          fromStage: relationship.stage,
          toStage: pair.item.row.stage as NonNullable<ImportRow["stage"]>,
          reason: `Stade déclaré par ${writing.network.name} (import, ligne ${pair.item.row.line}).`,
          proposedSide: "collective" as const,
          proposedById: writing.moderatorId,
          proposedByOrganisationId: writing.network.id,
          declaredByNetworkId: writing.network.id,
        },
      ];
    });
    if (proposals.length > 0) {
      // One open proposal per relationship: where one already waits, the declaration is skipped.
      const inserted = await writing.tx
        .insert(stageChanges)
        .values(proposals)
        .onConflictDoNothing()
        .returning({ id: stageChanges.id, relationshipId: stageChanges.relationshipId, toStage: stageChanges.toStage });
      stagesDeclared += inserted.length;
      for (const proposal of inserted) {
        const relationship = found.find((row) => row.id === proposal.relationshipId);
        writing.audit.push({
          actorId: writing.moderatorId,
          entity: "stage_change",
          entityId: proposal.id,
          projectId: relationship?.projectId ?? null,
          action: "declare",
          changes: [{ field: "stage", before: relationship?.stage ?? null, after: proposal.toStage }],
        });
      }
    }
    writing.step(part.length);
  }
  return stagesDeclared;
}
