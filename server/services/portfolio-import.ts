// Importing a network's existing portfolio from its spreadsheet: a dry run that says, row by row,
// what would be created or updated and what is wrong; then the import itself, in one transaction,
// reporting its progress, matched on (network, identifiant) so that re-importing updates.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { changeLog, portfolioIdentifiers, projects, territories } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import { groupedBy } from "@/server/domain/group-by";
import {
  checkRows,
  readSpreadsheet,
  refusedCsv,
  UnreadableFile,
  type ImportPlan,
  type ImportResult,
  type ImportRow,
  type RowError,
} from "@/server/domain/spreadsheet";
import { DomainError } from "@/server/errors";
import { assertCanModerateNetwork, type Actor } from "./access";
import { notifyProposedHandovers } from "./handovers";
import { inviteCollectivesOfImport, sendInvitationMails } from "./collective-invitations";
import { findNetwork } from "./portfolio";
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

/**
 * Finds, for every row, what it refers to in the database; rows that refer to nothing real get an
 * error. The rows already refused are checked too, so that a line's every problem is said at once.
 */
async function resolve(db: DbOrTx, networkId: string, valid: ImportRow[], refused: ImportRow[], alreadyWrong: RowError[]) {
  const rows = [...valid, ...refused];
  const refusedLines = new Set(refused.map((row) => row.line));
  // A cell already said to be wrong (« 26O86 » is not a code) is not said to be missing too.
  const wrongCells = new Set(alreadyWrong.map((error) => `${error.line}:${error.column}`));
  const errors: RowError[] = [];
  const existing = new Map<string, string>();
  for (const part of chunks(rows.map((row) => row.identifier))) {
    const found = await db
      .select({ identifier: portfolioIdentifiers.identifier, projectId: portfolioIdentifiers.projectId })
      .from(portfolioIdentifiers)
      .where(and(eq(portfolioIdentifiers.networkId, networkId), inArray(portfolioIdentifiers.identifier, part)));
    for (const row of found) existing.set(row.identifier, row.projectId);
  }
  const communeCodes = [
    ...new Set(rows.flatMap((row) => [row.communeCode, row.authorityCode?.length === 5 ? row.authorityCode : undefined]).filter(Boolean) as string[]),
  ];
  const epciCodes = [...new Set(rows.flatMap((row) => (row.authorityCode?.length === 9 ? [row.authorityCode] : [])))];
  const territoryIds = new Map<string, string>();
  for (const part of chunks(communeCodes)) {
    const found = await db
      .select({ id: territories.id, code: territories.code })
      .from(territories)
      .where(and(eq(territories.kind, "commune"), inArray(territories.code, part)));
    for (const row of found) territoryIds.set(`commune:${row.code}`, row.id);
  }
  for (const part of chunks(epciCodes)) {
    const found = await db
      .select({ id: territories.id, code: territories.code })
      .from(territories)
      .where(and(eq(territories.kind, "epci"), inArray(territories.code, part)));
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
    const newErrors = rowErrors.filter((error) => !wrongCells.has(`${error.line}:${error.column}`));
    if (newErrors.length > 0) errors.push(...newErrors);
    if (rowErrors.length > 0) continue;
    if (!refusedLines.has(row.line)) resolved.push({ row, existingProjectId, communeId, authorityTerritoryId });
  }
  return { resolved, errors };
}

/** Reads the file and says what importing it would do, without writing anything. */
export async function planImport(db: DbOrTx, actor: Actor | null, input: { networkId: string; bytes: Uint8Array }): Promise<ImportPlan> {
  await assertCanModerateNetwork(db, actor, input.networkId);
  await findNetwork(db, input.networkId);
  const { checked, resolved, errors, refusedLines } = await readAndResolve(db, input.networkId, input.bytes);
  const fields = await currentFields(
    db,
    resolved.flatMap((item) => (item.existingProjectId ? [item.existingProjectId] : [])),
  );
  let creates = 0;
  let updates = 0;
  const preview: ImportPlan["preview"] = [];
  // New projects naming a collective that has its own people wait for its answer (handovers).
  const newProjectCollectives = [...new Set(resolved.flatMap((item) => (!item.existingProjectId && item.row.collective ? [item.row.collective] : [])))];
  const asked = [...(await portfolioCollectivesByName(db, input.networkId, newProjectCollectives))].flatMap(([name, entry]) =>
    entry.withMembers ? [name] : [],
  );
  for (const item of resolved) {
    const current = item.existingProjectId ? fields.get(item.existingProjectId) : undefined;
    const action = !current ? "create" : Object.keys(updatesOf(item.row, current, item.communeId)).length > 0 ? "update" : "unchanged";
    if (action === "create") creates += 1;
    if (action === "update") updates += 1;
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
    unchanged: resolved.length - creates - updates,
    stagesDeclared: resolved.filter((item) => item.row.stage).length,
    invitations: new Set(
      resolved.flatMap((item) =>
        (item.row.collectiveEmails ?? []).map((email) => `${item.existingProjectId ?? `collectif:${item.row.collective ?? ""}`} ${email}`),
      ),
    ).size,
    handovers: resolved.filter((item) => !item.existingProjectId && asked.includes(item.row.collective ?? "")).length,
    handoverCollectives: asked.sort((a, b) => a.localeCompare(b, "fr")),
    errors,
    ignoredColumns: checked.ignoredColumns,
    preview,
  };
}

async function readAndResolve(db: DbOrTx, networkId: string, bytes: Uint8Array) {
  let table: string[][];
  try {
    ({ table } = await readSpreadsheet(bytes));
  } catch (error) {
    if (error instanceof UnreadableFile) throw new DomainError("BAD_REQUEST", "importUnreadable", { values: { reason: error.message } });
    throw error;
  }
  const checked = checkRows(table);
  const { resolved, errors } = await resolve(db, networkId, checked.rows, checked.refused, checked.errors);
  const all = [...checked.errors, ...errors].sort((a, b) => a.line - b.line);
  return { checked, resolved, errors: all, refusedLines: new Set(all.map((error) => error.line)) };
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
  const total = resolved.length + resolved.filter((item) => item.row.stage && item.authorityTerritoryId).length;
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
    const creates = resolved.filter((item) => !item.existingProjectId);
    const proposedHandovers = await createProjects(writing, creates, projectIds);
    await notifyProposedHandovers(tx, moderator.userId, network, proposedHandovers);
    const updates = resolved.filter((item) => item.existingProjectId);
    const updated = await updateProjects(writing, updates, projectIds);
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
    const invitationMails = await inviteCollectivesOfImport(tx, moderator.userId, await collectiveInvitationsOf(tx, resolved, projectIds));
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

/** The `courriel_collectif` addresses of the rows, each with its project and that project's lead collective. */
async function collectiveInvitationsOf(tx: DbOrTx, resolved: Resolved[], projectIds: Map<string, string>) {
  const wanted = resolved.flatMap((item) => {
    const projectId = item.existingProjectId ?? projectIds.get(item.row.identifier);
    return projectId ? (item.row.collectiveEmails ?? []).map((email) => ({ projectId, email })) : [];
  });
  const leads = new Map<string, string>();
  for (const part of chunks([...new Set(wanted.map((item) => item.projectId))])) {
    const rows = await tx.select({ id: projects.id, leadCollectiveId: projects.leadCollectiveId }).from(projects).where(inArray(projects.id, part));
    for (const row of rows) leads.set(row.id, row.leadCollectiveId);
  }
  return wanted.map((item) => ({ ...item, collectiveId: leads.get(item.projectId) as string }));
}

const ANALYZE_AFTER_ROWS = 1_000;
