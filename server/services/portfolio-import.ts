// Importing a network's existing portfolio from its spreadsheet: a dry run that says, row by row,
// what would be created or updated and what is wrong; then the import itself, in one transaction,
// reporting its progress, matched on (network, identifiant) so that re-importing updates.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import {
  changeLog,
  organisations,
  portfolioIdentifiers,
  projectCommunes,
  projectParties,
  projects,
  relationships,
  stageChanges,
  territories,
} from "@/db/schema";
import { authorityName } from "@/server/domain/organisations";
import { checkRows, readSpreadsheet, UnreadableFile, type ImportPlan, type ImportResult, type ImportRow, type RowError } from "@/server/domain/spreadsheet";
import { DomainError } from "@/server/errors";
import { assertCanModerateNetwork, type Actor } from "./access";
import { findNetwork } from "./portfolio";

type Progress = (done: number, total: number) => void;

type Resolved = {
  row: ImportRow;
  existingProjectId: string | null;
  communeId: string | null;
  authorityTerritoryId: string | null;
};

const CHUNK = 500;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** Finds, for every row, what it refers to in the database; rows that refer to nothing real get an error. */
async function resolve(db: DbOrTx, networkId: string, rows: ImportRow[]) {
  const errors: RowError[] = [];
  const existing = new Map<string, string>();
  for (const part of chunks(rows.map((row) => row.identifier))) {
    const found = await db
      .select({ identifier: portfolioIdentifiers.identifier, projectId: portfolioIdentifiers.projectId })
      .from(portfolioIdentifiers)
      .where(and(eq(portfolioIdentifiers.networkId, networkId), inArray(portfolioIdentifiers.identifier, part)));
    for (const row of found) existing.set(row.identifier, row.projectId);
  }
  const communeCodes = [...new Set(rows.flatMap((row) => [row.communeCode, row.authorityCode?.length === 5 ? row.authorityCode : undefined]).filter(Boolean) as string[])];
  const epciCodes = [...new Set(rows.flatMap((row) => (row.authorityCode?.length === 9 ? [row.authorityCode] : [])))];
  const territoryIds = new Map<string, string>();
  for (const part of chunks(communeCodes)) {
    const found = await db.select({ id: territories.id, code: territories.code }).from(territories).where(and(eq(territories.kind, "commune"), inArray(territories.code, part)));
    for (const row of found) territoryIds.set(`commune:${row.code}`, row.id);
  }
  for (const part of chunks(epciCodes)) {
    const found = await db.select({ id: territories.id, code: territories.code }).from(territories).where(and(eq(territories.kind, "epci"), inArray(territories.code, part)));
    for (const row of found) territoryIds.set(`epci:${row.code}`, row.id);
  }
  // For updates without a commune in the file, the stage concerns the project's own commune.
  const ownCommunes = new Map<string, string>();
  for (const part of chunks([...existing.values()])) {
    const found = await db.select({ id: projects.id, communeId: projects.communeId }).from(projects).where(inArray(projects.id, part));
    for (const row of found) ownCommunes.set(row.id, row.communeId);
  }
  const resolved: Resolved[] = [];
  for (const row of rows) {
    const existingProjectId = existing.get(row.identifier) ?? null;
    const rowErrors: RowError[] = [];
    if (!existingProjectId) {
      if (!row.title) rowErrors.push({ line: row.line, column: "titre", message: "Le titre est obligatoire pour un nouveau projet." });
      if (!row.collective) rowErrors.push({ line: row.line, column: "collectif", message: "Le collectif porteur est obligatoire pour un nouveau projet." });
      if (!row.communeCode) rowErrors.push({ line: row.line, column: "commune", message: "La commune (code INSEE) est obligatoire pour un nouveau projet." });
    }
    const communeId = row.communeCode ? (territoryIds.get(`commune:${row.communeCode}`) ?? null) : null;
    if (row.communeCode && !communeId) rowErrors.push({ line: row.line, column: "commune", message: `Aucune commune n'a le code INSEE ${row.communeCode}.` });
    let authorityTerritoryId: string | null = null;
    if (row.stage) {
      if (row.authorityCode) {
        authorityTerritoryId = territoryIds.get(`${row.authorityCode.length === 9 ? "epci" : "commune"}:${row.authorityCode}`) ?? null;
        if (!authorityTerritoryId) {
          rowErrors.push({ line: row.line, column: "collectivite", message: `Aucune commune ni intercommunalité n'a le code ${row.authorityCode}.` });
        }
      } else authorityTerritoryId = communeId ?? (existingProjectId ? (ownCommunes.get(existingProjectId) ?? null) : null);
    }
    if (rowErrors.length > 0) errors.push(...rowErrors);
    else resolved.push({ row, existingProjectId, communeId, authorityTerritoryId });
  }
  return { resolved, errors };
}

type ProjectFields = { title: string; sector: string; summary: string; jobsNow: number; communeId: string };

function updatesOf(row: ImportRow, current: ProjectFields, communeId: string | null): Partial<ProjectFields> {
  const changes: Partial<ProjectFields> = {};
  if (row.title !== undefined && row.title !== current.title) changes.title = row.title;
  if (row.sector !== undefined && row.sector !== current.sector) changes.sector = row.sector;
  if (row.summary !== undefined && row.summary !== current.summary) changes.summary = row.summary;
  if (row.jobs !== undefined && row.jobs !== current.jobsNow) changes.jobsNow = row.jobs;
  if (communeId && communeId !== current.communeId) changes.communeId = communeId;
  return changes;
}

async function currentFields(db: DbOrTx, projectIds: string[]) {
  const fields = new Map<string, ProjectFields & { version: number }>();
  for (const part of chunks(projectIds)) {
    const rows = await db
      .select({ id: projects.id, title: projects.title, sector: projects.sector, summary: projects.summary, jobsNow: projects.jobsNow, communeId: projects.communeId, version: projects.version })
      .from(projects)
      .where(inArray(projects.id, part));
    for (const row of rows) fields.set(row.id, row);
  }
  return fields;
}

/** Reads the file and says what importing it would do, without writing anything. */
export async function planImport(db: DbOrTx, actor: Actor | null, input: { networkId: string; bytes: Uint8Array }): Promise<ImportPlan> {
  await assertCanModerateNetwork(db, actor, input.networkId);
  await findNetwork(db, input.networkId);
  const { checked, resolved, errors } = await readAndResolve(db, input.networkId, input.bytes);
  const fields = await currentFields(db, resolved.flatMap((item) => (item.existingProjectId ? [item.existingProjectId] : [])));
  let creates = 0;
  let updates = 0;
  const preview: ImportPlan["preview"] = [];
  for (const item of resolved) {
    const current = item.existingProjectId ? fields.get(item.existingProjectId) : undefined;
    const action = !current ? "create" : Object.keys(updatesOf(item.row, current, item.communeId)).length > 0 ? "update" : "unchanged";
    if (action === "create") creates += 1;
    if (action === "update") updates += 1;
    if (preview.length < 50) {
      preview.push({ line: item.row.line, identifier: item.row.identifier, title: item.row.title ?? current?.title ?? "", action, stage: item.row.stage ?? null });
    }
  }
  return {
    rows: checked.rows.length + errors.length,
    creates,
    updates,
    unchanged: resolved.length - creates - updates,
    stagesDeclared: resolved.filter((item) => item.row.stage).length,
    errors: errors.sort((a, b) => a.line - b.line),
    ignoredColumns: checked.ignoredColumns,
    preview,
  };
}

async function readAndResolve(db: DbOrTx, networkId: string, bytes: Uint8Array) {
  let table: string[][];
  try {
    ({ table } = await readSpreadsheet(bytes));
  } catch (error) {
    if (error instanceof UnreadableFile) throw new DomainError("BAD_REQUEST", error.message);
    throw error;
  }
  const checked = checkRows(table);
  const { resolved, errors } = await resolve(db, networkId, checked.rows);
  return { checked, resolved, errors: [...checked.errors, ...errors] };
}


/**
 * Imports the file in one transaction: any error in any row, a failure, or the person cancelling
 * (the signal) leaves the database as it was.
 */
export async function runImport(
  db: Database,
  actor: Actor | null,
  input: { networkId: string; bytes: Uint8Array },
  options: { onProgress?: Progress; signal?: AbortSignal } = {},
): Promise<ImportResult> {
  const moderator = await assertCanModerateNetwork(db, actor, input.networkId);
  const network = await findNetwork(db, input.networkId);
  const { resolved, errors } = await readAndResolve(db, input.networkId, input.bytes);
  if (errors.length > 0) {
    throw new DomainError("BAD_REQUEST", `Le fichier comporte ${errors.length} erreur${errors.length > 1 ? "s" : ""} : corrigez-les puis relancez l'aperçu.`, {
      errors: errors.slice(0, 200),
    });
  }
  if (resolved.length === 0) throw new DomainError("BAD_REQUEST", "Le fichier ne contient aucune ligne à importer.");
  const total = resolved.length + resolved.filter((item) => item.row.stage && item.authorityTerritoryId).length;
  let done = 0;
  const step = (count: number) => {
    if (options.signal?.aborted) throw new DomainError("CONFLICT", "Import annulé : rien n'a été modifié.");
    done += count;
    options.onProgress?.(Math.min(done, total), total);
  };
  const result = await db.transaction(async (tx) => {
    const now = new Date();
    const audit: (typeof changeLog.$inferInsert)[] = [];

    // New projects: their collectives (reusing those of this network's portfolio by name), then the projects.
    const creates = resolved.filter((item) => !item.existingProjectId);
    const collectiveIds = new Map<string, string>();
    const wantedNames = [...new Set(creates.map((item) => item.row.collective as string))];
    for (const part of chunks(wantedNames)) {
      const known = await tx
        .selectDistinct({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .innerJoin(projects, eq(projects.leadCollectiveId, organisations.id))
        .innerJoin(projectParties, and(eq(projectParties.projectId, projects.id), eq(projectParties.organisationId, network.id), eq(projectParties.role, "network")))
        .where(and(eq(organisations.kind, "collective"), inArray(organisations.name, part)));
      for (const row of known) if (!collectiveIds.has(row.name)) collectiveIds.set(row.name, row.id);
    }
    // One new collective per name the portfolio does not know yet, however many rows name it.
    const newNames = wantedNames.filter((name) => !collectiveIds.has(name));
    const legalFormOf = new Map(creates.toReversed().map((item) => [item.row.collective as string, item.row.legalForm]));
    const newCollectives = newNames.map((name) => ({ name, legalForm: legalFormOf.get(name) }));
    for (const part of chunks(newCollectives)) {
      const inserted = await tx
        .insert(organisations)
        .values(part.map((collective) => ({ kind: "collective" as const, name: collective.name, legalForm: collective.legalForm ?? "other" })))
        .returning({ id: organisations.id, name: organisations.name });
      for (const row of inserted) collectiveIds.set(row.name, row.id);
    }
    const projectIds = new Map<string, string>();
    for (const part of chunks(creates)) {
      const inserted = await tx
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
            createdById: moderator.userId,
          })),
        )
        .returning({ id: projects.id });
      part.forEach((item, index) => projectIds.set(item.row.identifier, (inserted[index] as { id: string }).id));
      const ids = part.map((item) => ({ item, projectId: projectIds.get(item.row.identifier) as string }));
      await tx.insert(projectParties).values([
        ...ids.map(({ item, projectId }) => ({ projectId, organisationId: collectiveIds.get(item.row.collective as string) as string, role: "lead" as const })),
        ...ids.map(({ projectId }) => ({ projectId, organisationId: network.id, role: "network" as const })),
      ]);
      await tx.insert(projectCommunes).values(ids.map(({ item, projectId }) => ({ projectId, communeId: item.communeId as string })));
      await tx.insert(portfolioIdentifiers).values(ids.map(({ item, projectId }) => ({ networkId: network.id, identifier: item.row.identifier, projectId })));
      for (const { item, projectId } of ids) {
        audit.push({
          actorId: moderator.userId,
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
      step(part.length);
    }

    // Projects already in the portfolio: only what changed, each one version further.
    const updates = resolved.filter((item) => item.existingProjectId);
    const fields = await currentFields(tx, updates.map((item) => item.existingProjectId as string));
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
        await tx
          .update(projects)
          .set({ ...changes, version: current.version + 1, updatedAt: now })
          .where(eq(projects.id, projectId));
        if (changes.communeId) {
          await tx.insert(projectCommunes).values({ projectId, communeId: changes.communeId }).onConflictDoNothing();
        }
        audit.push({
          actorId: moderator.userId,
          entity: "project",
          entityId: projectId,
          projectId,
          action: "import_update",
          changes: Object.entries(changes).map(([field, after]) => ({ field, before: current[field as keyof ProjectFields], after })),
          version: current.version + 1,
        });
      }
      step(part.length);
    }

    // Stages declared by the network: a starting stage waiting for the authority side, or a
    // change from the confirmed one; nothing when that stage holds already or a proposal waits.
    const withStage = resolved.filter((item) => item.row.stage && item.authorityTerritoryId);
    const authorityIds = await openAuthorities(tx, [...new Set(withStage.map((item) => item.authorityTerritoryId as string))]);
    const pairs = withStage.map((item) => ({
      item,
      projectId: projectIds.get(item.row.identifier) as string,
      authorityId: authorityIds.get(item.authorityTerritoryId as string) as string,
    }));
    let stagesDeclared = 0;
    for (const part of chunks(pairs)) {
      await tx
        .insert(relationships)
        .values(part.map((pair) => ({ projectId: pair.projectId, authorityId: pair.authorityId })))
        .onConflictDoNothing();
      await tx
        .insert(projectParties)
        .values(part.map((pair) => ({ projectId: pair.projectId, organisationId: pair.authorityId, role: "authority" as const })))
        .onConflictDoNothing();
      const found = await tx
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
            reason: `Stade déclaré par ${network.name} (import, ligne ${pair.item.row.line}).`,
            proposedSide: "collective" as const,
            proposedById: moderator.userId,
            declaredByNetworkId: network.id,
          },
        ];
      });
      if (proposals.length > 0) {
        // One open proposal per relationship: where one already waits, the declaration is skipped.
        const inserted = await tx.insert(stageChanges).values(proposals).onConflictDoNothing().returning({ id: stageChanges.id, relationshipId: stageChanges.relationshipId, toStage: stageChanges.toStage });
        stagesDeclared += inserted.length;
        for (const proposal of inserted) {
          const relationship = found.find((row) => row.id === proposal.relationshipId);
          audit.push({
            actorId: moderator.userId,
            entity: "stage_change",
            entityId: proposal.id,
            projectId: relationship?.projectId ?? null,
            action: "declare",
            changes: [{ field: "stage", before: relationship?.stage ?? null, after: proposal.toStage }],
          });
        }
      }
      step(part.length);
    }

    audit.push({
      actorId: moderator.userId,
      entity: "network",
      entityId: network.id,
      action: "import",
      changes: [
        { field: "created", before: null, after: creates.length },
        { field: "updated", before: null, after: updated },
        { field: "stagesDeclared", before: null, after: stagesDeclared },
      ],
    });
    for (const part of chunks(audit)) await tx.insert(changeLog).values(part);
    if (options.signal?.aborted) throw new DomainError("CONFLICT", "Import annulé : rien n'a été modifié.");
    options.onProgress?.(total, total);
    return { created: creates.length, updated, unchanged: updates.length - updated, stagesDeclared };
  });
  // Thousands of new rows at once: the planner's statistics would lag behind them (and PGlite
  // has no autovacuum to refresh them), so the dashboard's plans are refreshed now.
  if (result.created + result.stagesDeclared >= ANALYZE_AFTER_ROWS) {
    await db.execute(sql`analyze project, project_party, project_commune, relationship, stage_change, portfolio_identifier, organisation`);
  }
  return result;
}

const ANALYZE_AFTER_ROWS = 1_000;

/** The authorities of these territories, opening the pages nobody has opened yet. */
async function openAuthorities(tx: DbOrTx, territoryIds: string[]) {
  const ids = new Map<string, string>();
  for (const part of chunks(territoryIds)) {
    const found = await tx.select().from(territories).where(inArray(territories.id, part));
    if (found.length > 0) {
      await tx
        .insert(organisations)
        .values(found.map((territory) => ({ kind: "authority" as const, name: authorityName(territory), territoryId: territory.id })))
        .onConflictDoNothing({ target: organisations.territoryId });
    }
    const authorities = await tx
      .select({ id: organisations.id, territoryId: organisations.territoryId })
      .from(organisations)
      .where(inArray(organisations.territoryId, part));
    for (const authority of authorities) if (authority.territoryId) ids.set(authority.territoryId, authority.id);
  }
  return ids;
}
