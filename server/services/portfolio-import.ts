// Importing a network's existing portfolio from its spreadsheet: a dry run that says, row by row,
// what would be created or updated and what is wrong; then the import itself, in one transaction,
// reporting its progress, matched on (network, identifiant) so that re-importing updates.
import { eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { changeLog, organisations, projects, relationships, stageChanges } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import { groupedBy } from "@/server/domain/group-by";
import { refusedCsv, type ImportPlan, type ImportResult } from "@/server/domain/spreadsheet";
import { DomainError } from "@/server/errors";
import { assertCanModerateNetwork, type Actor } from "./access";
import { notifyProposedHandovers } from "./handovers";
import { inviteCollectivesOfImport, sendInvitationMails } from "./collective-invitations";
import { findNetwork } from "./portfolio";
import { readAndResolve } from "./portfolio-import-resolve";
import { addCoHolders, holderNamesOf, newCoHolders } from "./portfolio-import-holders";
import {
  createProjects,
  currentFields,
  portfolioCollectivesByName,
  declareStages,
  updateProjects,
  updatesOf,
  type AuditEntry,
  type ImportWriting,
  type Resolved,
} from "./portfolio-import-writes";

type Progress = (done: number, total: number) => void;

/** Reads the file and says what importing it would do, without writing anything. */
export async function planImport(db: DbOrTx, actor: Actor | null, input: { networkId: string; bytes: Uint8Array }): Promise<ImportPlan> {
  await assertCanModerateNetwork(db, actor, input.networkId);
  await findNetwork(db, input.networkId);
  const { checked, resolved, errors, refusedLines } = await readAndResolve(db, input.networkId, input.bytes);
  // A project's first line describes it; its later lines only add stages.
  const projectLines = resolved.filter((item) => item.row.continuesLine === undefined);
  const existingIds = projectLines.flatMap((item) => (item.existingProjectId ? [item.existingProjectId] : []));
  const [fields, holders, declaring] = await Promise.all([
    currentFields(db, existingIds),
    holderNamesOf(db, existingIds),
    linesDeclaringStages(
      db,
      resolved.filter((item) => item.row.stage && item.authorityTerritoryId),
    ),
  ]);
  let creates = 0;
  let updates = 0;
  const preview: ImportPlan["preview"] = [];
  // New projects naming a collective that has its own people wait for its answer (handovers).
  const newProjectCollectives = [...new Set(projectLines.flatMap((item) => (!item.existingProjectId && item.row.collective ? [item.row.collective] : [])))];
  const asked = [...(await portfolioCollectivesByName(db, input.networkId, newProjectCollectives))].flatMap(([name, entry]) =>
    entry.withMembers ? [name] : [],
  );
  for (const item of resolved) {
    const current = item.existingProjectId ? fields.get(item.existingProjectId) : undefined;
    const changesProject = current
      ? Object.keys(updatesOf(item.row, current, item.communeId)).length > 0 ||
        newCoHolders(item.row.coHolders, holders.get(item.existingProjectId ?? "")).length > 0
      : true;
    const action =
      item.row.continuesLine !== undefined
        ? declaring.has(item.row.line)
          ? "update"
          : "unchanged"
        : !current
          ? "create"
          : changesProject
            ? "update"
            : "unchanged";
    if (item.row.continuesLine === undefined && action === "create") creates += 1;
    if (item.row.continuesLine === undefined && action === "update") updates += 1;
    if (preview.length < 50) {
      preview.push({
        line: item.row.line,
        identifier: item.row.identifier,
        title: item.row.title ?? current?.title ?? "",
        action,
        stage: item.row.stage ?? null,
      });
    }
  }
  return {
    rows: checked.cells.size,
    validRows: resolved.length,
    refusedRows: [...refusedLines].filter((line) => checked.cells.has(line)).length,
    creates,
    updates,
    unchanged: projectLines.length - creates - updates,
    stagesDeclared: declaring.size,
    invitations: new Set(
      projectLines.flatMap((item) =>
        (item.row.collectiveEmails ?? []).map((email) => `${item.existingProjectId ?? `collectif:${item.row.collective ?? ""}`} ${email}`),
      ),
    ).size,
    handovers: projectLines.filter((item) => !item.existingProjectId && asked.includes(item.row.collective ?? "")).length,
    handoverCollectives: asked.sort((a, b) => a.localeCompare(b, "fr")),
    errors,
    ignoredColumns: checked.ignoredColumns,
    preview,
  };
}

/**
 * Imports the file in one transaction: a failure, or the person cancelling (the signal), leaves the
 * database as it was. A file with refused lines is imported only when asked to leave them out
 * (`skipRefused`): then its valid lines go in, and the refused ones can be downloaded with their errors.
 */
export async function runImport(
  db: Database,
  actor: Actor | null,
  input: { networkId: string; bytes: Uint8Array },
  options: { onProgress?: Progress; signal?: AbortSignal; skipRefused?: boolean } = {},
): Promise<ImportResult> {
  const moderator = await assertCanModerateNetwork(db, actor, input.networkId);
  const network = await findNetwork(db, input.networkId);
  const { checked, resolved, errors, refusedLines } = await readAndResolve(db, input.networkId, input.bytes);
  // A fault of the file itself (empty, no identifier column) has no valid line to import.
  const fileFault = errors.some((error) => !checked.cells.has(error.line));
  if (errors.length > 0 && (!options.skipRefused || fileFault)) {
    throw new DomainError("BAD_REQUEST", "importHasErrors", { values: { count: errors.length }, details: { errors: errors.slice(0, 200) } });
  }
  if (resolved.length === 0) throw new DomainError("BAD_REQUEST", "importHasNoRows");
  const total =
    resolved.filter((item) => item.row.continuesLine === undefined).length + resolved.filter((item) => item.row.stage && item.authorityTerritoryId).length;
  let done = 0;
  const step = (count: number) => {
    if (options.signal?.aborted) throw new DomainError("CONFLICT", "importCancelled");
    done += count;
    options.onProgress?.(Math.min(done, total), total);
  };
  const result = await db.transaction(async (tx) => {
    const audit: AuditEntry[] = [];

    const writing: ImportWriting = { tx, moderatorId: moderator.userId, network, audit, step, now: new Date() };
    const projectIds = new Map<string, string>();
    const projectLines = resolved.filter((item) => item.row.continuesLine === undefined);
    const creates = projectLines.filter((item) => !item.existingProjectId);
    const proposedHandovers = await createProjects(writing, creates, projectIds);
    await notifyProposedHandovers(tx, moderator.userId, network, proposedHandovers);
    const updates = projectLines.filter((item) => item.existingProjectId);
    const changed = await updateProjects(writing, updates, projectIds);
    for (const projectId of await addCoHolders(writing, projectLines, projectIds)) changed.add(projectId);
    const updated = updates.filter((item) => changed.has(item.existingProjectId ?? "")).length;
    const stagesDeclared = await declareStages(
      writing,
      resolved.filter((item) => item.row.stage && item.authorityTerritoryId),
      projectIds,
    );

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
    const invitationMails = await inviteCollectivesOfImport(tx, moderator.userId, await collectiveInvitationsOf(tx, projectLines, projectIds));
    if (options.signal?.aborted) throw new DomainError("CONFLICT", "importCancelled");
    options.onProgress?.(total, total);
    return { created: creates.length, updated, unchanged: updates.length - updated, stagesDeclared, handovers: proposedHandovers.length, invitationMails };
  });
  // Emailed once the import has committed: a cancelled or failed import invites nobody.
  const { invitationMails, ...counts } = result;
  await sendInvitationMails(db, invitationMails);
  // Thousands of new rows at once: the planner's statistics would lag behind them (and PGlite
  // has no autovacuum to refresh them), so the dashboard's plans are refreshed now.
  if (counts.created + counts.stagesDeclared >= ANALYZE_AFTER_ROWS) {
    await db.execute(sql`analyze project, project_party, project_commune, relationship, stage_change, portfolio_identifier, organisation`);
  }
  return { ...counts, invited: invitationMails.length, refused: [...refusedLines].filter((line) => checked.cells.has(line)).length };
}

/** The file's refused lines as they were, each with its errors in a last column: to correct and import again. */
export async function refusedLinesCsv(db: DbOrTx, actor: Actor | null, input: { networkId: string; bytes: Uint8Array }): Promise<string> {
  await assertCanModerateNetwork(db, actor, input.networkId);
  await findNetwork(db, input.networkId);
  const { checked, errors } = await readAndResolve(db, input.networkId, input.bytes);
  const byLine = groupedBy(errors, (error) => error.line);
  return refusedCsv(
    checked.header,
    [...byLine].flatMap(([line, lineErrors]) => {
      const cells = checked.cells.get(line);
      return cells ? [{ line, cells, errors: lineErrors.map((error) => (error.column ? `${error.column} : ${error.message}` : error.message)) }] : [];
    }),
  );
}

/** The `courriel_collectif` addresses of the rows, each with its project and that project's contact holder. */
async function collectiveInvitationsOf(tx: DbOrTx, resolved: Resolved[], projectIds: Map<string, string>) {
  const wanted = resolved.flatMap((item) => {
    const projectId = item.existingProjectId ?? projectIds.get(item.row.identifier);
    return projectId ? (item.row.collectiveEmails ?? []).map((email) => ({ projectId, email })) : [];
  });
  const leads = new Map<string, string>();
  for (const part of chunks([...new Set(wanted.map((item) => item.projectId))])) {
    const rows = await tx.select({ id: projects.id, contactHolderId: projects.contactHolderId }).from(projects).where(inArray(projects.id, part));
    for (const row of rows) leads.set(row.id, row.contactHolderId);
  }
  return wanted.map((item) => ({ ...item, collectiveId: leads.get(item.projectId) as string }));
}

const ANALYZE_AFTER_ROWS = 1_000;

/**
 * The lines whose stage would be declared: every one of a new project's, and for a project
 * already there, those whose relationship has another confirmed stage and no proposal waiting
 * (what declareStages skips, the dry run must not count).
 */
async function linesDeclaringStages(db: DbOrTx, withStage: Resolved[]): Promise<Set<number>> {
  const existing = withStage.filter((item) => item.existingProjectId);
  const states = new Map<string, { stage: string | null; pending: boolean }>();
  for (const part of chunks([...new Set(existing.map((item) => item.existingProjectId as string))])) {
    const rows = await db
      .select({
        projectId: relationships.projectId,
        territoryId: organisations.territoryId,
        stage: relationships.stage,
        pending: sql<boolean>`exists (select 1 from ${stageChanges} sc where sc.relationship_id = ${relationships.id} and sc.status = 'pending')`,
      })
      .from(relationships)
      .innerJoin(organisations, eq(organisations.id, relationships.authorityId))
      .where(inArray(relationships.projectId, part));
    for (const row of rows) states.set(`${row.projectId} ${row.territoryId}`, { stage: row.stage, pending: row.pending });
  }
  return new Set(
    withStage
      .filter((item) => {
        const state = item.existingProjectId ? states.get(`${item.existingProjectId} ${item.authorityTerritoryId}`) : undefined;
        return !state || (state.stage !== item.row.stage && !state.pending);
      })
      .map((item) => item.row.line),
  );
}
