// The export of a portfolio and the import template, with cells kept from being read as formulas.
import type { Stage } from "../gradient";
import { type LegalForm } from "../organisations";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import fr from "@/messages/fr.json";
import { isSector } from "../sectors";
import type { TerritoryKind } from "../territories";
import { IMPORT_COLUMNS } from "./columns";

/**
 * A cell a spreadsheet program would read as a formula (=, +, -, @, or a tab or carriage return
 * before one) gets a leading apostrophe: shown as typed, never computed.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The template offered for download: the header row and one example, semicolon-separated as French Excel expects. */
export function importTemplateCsv(): string {
  const example: Record<(typeof IMPORT_COLUMNS)[number]["key"], string> = {
    identifiant: "DROME-001",
    titre: "Épicerie coopérative du Diois",
    collectif: "Les Amis de l'Épicerie",
    forme_juridique: "SCIC",
    courriel_collectif: "contact@epicerie-diois.example",
    commune: "26113",
    secteur: "Alimentation",
    resume: "Une épicerie en circuit court.",
    emplois: "3",
    stade: "Observation",
    collectivite: "26113",
    co_porteurs: "Jardins partagés de Die | 212601132",
  };
  const header = IMPORT_COLUMNS.map((column) => column.key);
  return `\uFEFF${Papa.unparse([header, header.map((key) => example[key])], { delimiter: ";" })}\r\n`;
}

const LEGAL_FORM_LABELS: Record<LegalForm, string> = {
  association: "Association",
  scic: "SCIC",
  scop: "SCOP",
  sci: "SCI",
  cae: "CAE",
  ptce: "PTCE",
  informal: "Collectif informel",
  other: "Autre",
};

/** A sector as the French export says it: the list's words, « Autre : » and the precision. */
function sectorWords(sector: string, detail: string): string {
  if (sector === "autre" && detail) return fr.sectors.withDetail.replace("{detail}", detail);
  return isSector(sector) ? fr.sectors[sector] : sector;
}

const STAGE_LABELS: Record<Stage, string> = { defiance: "Défiance", observation: "Observation", collaboration: "Collaboration", coportage: "Co-portage" };

/** One line of the export: a project, with one of its relationships (a project with several takes a line each). */
export type ExportRow = {
  identifier: string | null;
  title: string;
  collective: string;
  legalForm: LegalForm;
  communeCode: string;
  commune: string;
  departement: string | null;
  sector: string;
  sectorDetail: string;
  summary: string;
  jobsNow: number;
  jobsPotential: number;
  /** The other holding structures, as the import names them (a SIREN, or a name). */
  coHolders: string[];
  /** This line's relationship: its stage (confirmed, or proposed while it waits) and its authority's territory. */
  relationship: { stage: Stage; territoryKind: TerritoryKind; territoryCode: string } | null;
  bestStage: Stage | null;
  relationships: number;
  unconfirmed: number;
  lastActivity: Date;
};

/** The export's columns: the import's, in its order (so that the file can be re-imported), then the figures. */
export const EXPORT_HEADERS = [
  ...IMPORT_COLUMNS.map((column) => column.key),
  "nom_commune",
  "departement",
  "emplois_potentiels",
  "stade_le_plus_avance",
  "relations",
  "relations_a_confirmer",
  "derniere_activite",
] as const;

/** The XLSX's headers, for reading rather than re-importing (the CSV keeps the import's keys). */
export const EXPORT_LABELS: Record<(typeof EXPORT_HEADERS)[number], string> = {
  identifiant: "Identifiant",
  titre: "Projet",
  collectif: "Structure porteuse (contact)",
  forme_juridique: "Forme juridique",
  courriel_collectif: "Courriels à inviter",
  commune: "Code commune (INSEE)",
  secteur: "Secteur",
  resume: "Résumé",
  emplois: "Emplois",
  stade: "Stade de la relation",
  collectivite: "Collectivité",
  co_porteurs: "Autres structures porteuses",
  nom_commune: "Commune",
  departement: "Département",
  emplois_potentiels: "Emplois potentiels",
  stade_le_plus_avance: "Stade le plus avancé",
  relations: "Relations",
  relations_a_confirmer: "Relations à confirmer",
  derniere_activite: "Dernière activité",
};

/** How the import's `collectivite` names an authority: a commune by INSEE code, an EPCI by SIREN, the others in words (authorityTerritoryOf reads them). */
export function authorityCell(kind: TerritoryKind, code: string): string {
  if (kind === "commune" || kind === "epci") return code;
  return `${kind === "departement" ? "Département" : "Région"} ${code}`;
}

/** The day an instant falls on in France, as a date a spreadsheet shows as that day whatever its time zone. */
function parisDay(instant: Date): Date {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(instant).split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/** One exported row as cells, every text neutralised; the people's addresses are never exported. */
export function exportCells(row: ExportRow): (string | number)[] {
  return [
    neutraliseCell(row.identifier ?? ""),
    neutraliseCell(row.title),
    neutraliseCell(row.collective),
    LEGAL_FORM_LABELS[row.legalForm],
    "",
    row.communeCode,
    neutraliseCell(sectorWords(row.sector, row.sectorDetail)),
    neutraliseCell(row.summary),
    row.jobsNow,
    row.relationship ? STAGE_LABELS[row.relationship.stage] : "",
    row.relationship ? authorityCell(row.relationship.territoryKind, row.relationship.territoryCode) : "",
    neutraliseCell(row.coHolders.join(" | ")),
    neutraliseCell(row.commune),
    row.departement ?? "",
    row.jobsPotential,
    row.bestStage ? STAGE_LABELS[row.bestStage] : "",
    row.relationships,
    row.unconfirmed,
    new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(row.lastActivity),
  ];
}

export function exportCsv(rows: ExportRow[]): string {
  return `\uFEFF${Papa.unparse([[...EXPORT_HEADERS], ...rows.map(exportCells)], { delimiter: ";" })}\r\n`;
}

export async function exportXlsx(rows: ExportRow[], sheetName: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Maillage";
  const sheet = workbook.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || "Portefeuille");
  sheet.addRow(EXPORT_HEADERS.map((header) => EXPORT_LABELS[header])).font = { bold: true };
  const dayColumn = EXPORT_HEADERS.indexOf("derniere_activite");
  for (const row of rows) {
    const cells: (string | number | Date)[] = exportCells(row);
    // A real date cell, which sorts and filters as a date.
    cells[dayColumn] = parisDay(row.lastActivity);
    sheet.addRow(cells);
  }
  sheet.getColumn(dayColumn + 1).numFmt = "dd/mm/yyyy";
  sheet.columns.forEach((column, index) => {
    column.width = [14, 40, 30, 18, 16, 9, 20, 40, 10, 16, 16, 30, 24, 12, 12, 20, 10, 12, 16][index] ?? 14;
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The refused lines of an import, as they came, with an `erreurs` column: UTF-8 with a byte order mark, semicolons. */
export function refusedCsv(header: string[], lines: { line: number; cells: string[]; errors: string[] }[]): string {
  const width = Math.max(header.length, ...lines.map((line) => line.cells.length));
  const padded = (cells: string[]) => [...cells, ...Array<string>(Math.max(0, width - cells.length)).fill("")].slice(0, width);
  const rows = [
    [...padded(header), "erreurs", "ligne_d_origine"],
    ...lines.map((line) => [...padded(line.cells).map(neutraliseCell), neutraliseCell(line.errors.join(" ; ")), String(line.line)]),
  ];
  return `\uFEFF${Papa.unparse(rows, { delimiter: ";" })}\r\n`;
}
