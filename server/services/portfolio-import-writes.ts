// The writes of a network's import, phase by phase, inside the one transaction runImport opens:
// new projects with their collectives, changes to projects already in the portfolio, stages declared.
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type changeLog, organisations, portfolioIdentifiers, projectCommunes, projectParties, projects, relationships, stageChanges } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import type { ImportRow } from "@/server/domain/spreadsheet";
import { openAuthorities } from "./authorities";

export type Resolved = {
  row: ImportRow;
  existingProjectId: string | null;
  communeId: string | null;
  authorityTerritoryId: string | null;
};

export type ProjectFields = { title: string; sector: string; summary: string; jobsNow: number; communeId: string };

export function updatesOf(row: ImportRow, current: ProjectFields, communeId: string | null): Partial<ProjectFields> {
  const changes: Partial<ProjectFields> = {};
  if (row.title !== undefined && row.title !== current.title) changes.title = row.title;
  if (row.sector !== undefined && row.sector !== current.sector) changes.sector = row.sector;
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

/** New projects: their collectives (reusing those of this network's portfolio by name), then the projects. Fills `projectIds`. */
export async function createProjects(writing: ImportWriting, creates: Resolved[], projectIds: Map<string, string>) {
  const collectiveIds = new Map<string, string>();
  const wantedNames = [...new Set(creates.map((item) => item.row.collective as string))];
  for (const part of chunks(wantedNames)) {
    const known = await writing.tx
      .selectDistinct({ id: organisations.id, name: organisations.name })
      .from(organisations)
      .innerJoin(projects, eq(projects.leadCollectiveId, organisations.id))
      .innerJoin(
        projectParties,
        and(eq(projectParties.projectId, projects.id), eq(projectParties.organisationId, writing.network.id), eq(projectParties.role, "network")),
      )
      .where(and(eq(organisations.kind, "collective"), inArray(organisations.name, part)));
    for (const row of known) if (!collectiveIds.has(row.name)) collectiveIds.set(row.name, row.id);
  }
  // One new collective per name the portfolio does not know yet, however many rows name it.
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
  for (const part of chunks(creates)) {
    const inserted = await writing.tx
      .insert(projects)
      .values(
        part.map((item) => ({
          title: item.row.title as string,
          summary: item.row.summary ?? "",
          sector: item.row.sector ?? "",
          jobsNow: item.row.jobs ?? 0,
          leadCollectiveId: collectiveIds.get(item.row.collective as string) as string,
          communeId: item.communeId as string,
          visibility: "parties" as const,
          createdById: writing.moderatorId,
        })),
      )
      .returning({ id: projects.id });
    part.forEach((item, index) => projectIds.set(item.row.identifier, (inserted[index] as { id: string }).id));
    const ids = part.map((item) => ({ item, projectId: projectIds.get(item.row.identifier) as string }));
    await writing.tx
      .insert(projectParties)
      .values([
        ...ids.map(({ item, projectId }) => ({ projectId, organisationId: collectiveIds.get(item.row.collective as string) as string, role: "lead" as const })),
        ...ids.map(({ projectId }) => ({ projectId, organisationId: writing.network.id, role: "network" as const })),
      ]);
    await writing.tx.insert(projectCommunes).values(ids.map(({ item, projectId }) => ({ projectId, communeId: item.communeId as string })));
    await writing.tx
      .insert(portfolioIdentifiers)
      .values(ids.map(({ item, projectId }) => ({ networkId: writing.network.id, identifier: item.row.identifier, projectId })));
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
}

/** Projects already in the portfolio: only what changed, each one version further. Returns how many changed. */
export async function updateProjects(writing: ImportWriting, updates: Resolved[], projectIds: Map<string, string>) {
  const fields = await currentFields(
    writing.tx,
    updates.map((item) => item.existingProjectId as string),
  );
  let updated = 0;
  for (const part of chunks(updates)) {
    for (const item of part) {
      const projectId = item.existingProjectId as string;
      projectIds.set(item.row.identifier, projectId);
      const current = fields.get(projectId);
      if (!current) continue;
      const changes = updatesOf(item.row, current, item.communeId);
      if (Object.keys(changes).length === 0) continue;
      updated += 1;
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
