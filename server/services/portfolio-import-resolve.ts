// Reading a network's import file against the database: each row's project, commune, authority
// and co-holders found, every row that refers to nothing real refused with its line's every error.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organisations, portfolioIdentifiers, projectParties, projects, territories } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import { checkRows, readSpreadsheet, UnreadableFile, type ImportRow, type RowError } from "@/server/domain/spreadsheet";
import { DomainError } from "@/server/errors";
import { sirensNamed, territoriesBySiren, unknownSirens } from "./portfolio-import-holders";
import type { Resolved } from "./portfolio-import-writes";

/**
 * Finds, for every row, what it refers to in the database; rows that refer to nothing real get an
 * error. The rows already refused are checked too, so that a line's every problem is said at once.
 */
async function resolve(db: DbOrTx, networkId: string, valid: ImportRow[], refused: ImportRow[], alreadyWrong: RowError[]) {
  // In file order: a project's later lines are judged after its first.
  const rows = [...valid, ...refused].sort((a, b) => a.line - b.line);
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
  // Communes and authorities by their territory ids (the cells name them by code: rows.ts).
  const named = [
    ...new Set(rows.flatMap((row) => [row.communeCode ? `commune-${row.communeCode}` : undefined, row.authorityTerritory]).filter(Boolean) as string[]),
  ];
  const knownTerritories = new Set<string>();
  for (const part of chunks(named)) {
    const found = await db.select({ id: territories.id }).from(territories).where(inArray(territories.id, part));
    for (const row of found) knownTerritories.add(row.id);
  }
  const coHolderSirens = await territoriesBySiren(db, sirensNamed(rows.flatMap((row) => row.coHolders ?? [])));
  // For updates without a commune in the file, the stage concerns the project's own commune; a
  // public body holding the project is not also an authority it has a relationship with.
  const ownCommunes = new Map<string, string>();
  const heldByTerritory = new Set<string>();
  for (const part of chunks([...existing.values()])) {
    const found = await db.select({ id: projects.id, communeId: projects.communeId }).from(projects).where(inArray(projects.id, part));
    for (const row of found) ownCommunes.set(row.id, row.communeId);
    const holders = await db
      .select({ projectId: projectParties.projectId, territoryId: organisations.territoryId })
      .from(projectParties)
      .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
      .where(and(inArray(projectParties.projectId, part), eq(projectParties.role, "holder"), isNotNull(organisations.territoryId)));
    for (const row of holders) heldByTerritory.add(`${row.projectId} ${row.territoryId}`);
  }
  const resolved: Resolved[] = [];
  for (const row of rows) {
    const existingProjectId = existing.get(row.identifier) ?? null;
    const rowErrors: RowError[] = [];
    if (!existingProjectId && row.continuesLine === undefined) {
      if (!row.title) rowErrors.push({ line: row.line, column: "titre", message: "Le titre est obligatoire pour un nouveau projet." });
      if (!row.collective) rowErrors.push({ line: row.line, column: "collectif", message: "Le collectif porteur est obligatoire pour un nouveau projet." });
      if (!row.communeCode) rowErrors.push({ line: row.line, column: "commune", message: "La commune (code INSEE) est obligatoire pour un nouveau projet." });
    }
    const communeId = row.communeCode && knownTerritories.has(`commune-${row.communeCode}`) ? `commune-${row.communeCode}` : null;
    if (row.communeCode && !communeId) rowErrors.push({ line: row.line, column: "commune", message: `Aucune commune n'a le code INSEE ${row.communeCode}.` });
    if (row.continuesLine !== undefined && refusedLines.has(row.continuesLine)) {
      rowErrors.push({ line: row.line, column: "identifiant", message: `La ligne ${row.continuesLine}, la première de ce projet, est refusée.` });
    }
    for (const siren of unknownSirens(row.coHolders ?? [], coHolderSirens)) {
      rowErrors.push({ line: row.line, column: "co_porteurs", message: `Aucune commune ni intercommunalité n'a le SIREN ${siren}.` });
    }
    let authorityTerritoryId: string | null = null;
    if (row.stage) {
      if (row.authorityTerritory) {
        authorityTerritoryId = knownTerritories.has(row.authorityTerritory) ? row.authorityTerritory : null;
        if (!authorityTerritoryId) {
          rowErrors.push({
            line: row.line,
            column: "collectivite",
            message: `Aucune collectivité ne correspond à « ${row.authorityTerritory.replace("-", " ")} ».`,
          });
        }
      } else authorityTerritoryId = communeId ?? (existingProjectId ? (ownCommunes.get(existingProjectId) ?? null) : null);
      if (existingProjectId && authorityTerritoryId && heldByTerritory.has(`${existingProjectId} ${authorityTerritoryId}`)) {
        rowErrors.push({ line: row.line, column: "collectivite", message: "Cette collectivité porte le projet : elle n'a pas de relation avec lui." });
      }
    }
    const newErrors = rowErrors.filter((error) => !wrongCells.has(`${error.line}:${error.column}`));
    if (newErrors.length > 0) errors.push(...newErrors);
    if (rowErrors.length > 0) {
      refusedLines.add(row.line);
      continue;
    }
    if (!refusedLines.has(row.line)) resolved.push({ row, existingProjectId, communeId, authorityTerritoryId });
  }
  return { resolved, errors };
}

export async function readAndResolve(db: DbOrTx, networkId: string, bytes: Uint8Array) {
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
