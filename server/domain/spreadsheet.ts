// A network's portfolio spreadsheet: its documented French columns, how a file's bytes become
// rows (CSV in UTF-8 or Windows-1252, comma or semicolon; XLSX), how each row is checked, and how
// exported cells are kept from being read as formulas.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import yauzl from "yauzl";
import type { Stage } from "./gradient";
import { LEGAL_FORMS, type LegalForm } from "./organisations";

/** The columns of the import file, in the order of the template. */
export const IMPORT_COLUMNS = [
  { key: "identifiant", required: true, help: "Votre identifiant du projet (obligatoire, unique dans le fichier). Réimporter le même identifiant met le projet à jour." },
  { key: "titre", required: false, help: "Titre du projet (obligatoire pour un nouveau projet)." },
  { key: "collectif", required: false, help: "Nom du collectif porteur (obligatoire pour un nouveau projet)." },
  { key: "forme_juridique", required: false, help: "Association, SCIC, SCOP, SCI, CAE, PTCE, Collectif informel ou Autre (Autre par défaut)." },
  { key: "commune", required: false, help: "Code INSEE de la commune du projet, 5 caractères (obligatoire pour un nouveau projet)." },
  { key: "secteur", required: false, help: "Secteur d'activité, en texte libre." },
  { key: "resume", required: false, help: "Résumé du projet." },
  { key: "emplois", required: false, help: "Nombre d'emplois aujourd'hui (nombre entier)." },
  { key: "stade", required: false, help: "Défiance, Observation, Collaboration ou Co-portage : déclaré par le réseau, à confirmer par les deux côtés." },
  { key: "collectivite", required: false, help: "La collectivité concernée par le stade : code INSEE d'une commune ou SIREN d'une intercommunalité (la commune du projet par défaut)." },
] as const;

export type ImportColumn = (typeof IMPORT_COLUMNS)[number]["key"];

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export type RowError = { line: number; column: ImportColumn | null; message: string };

/** What a dry run of an import says it would do, with each row's problems. */
export type ImportPlan = {
  rows: number;
  creates: number;
  updates: number;
  unchanged: number;
  stagesDeclared: number;
  errors: RowError[];
  ignoredColumns: string[];
  /** The first rows, as they will be read, for the preview. */
  preview: { line: number; identifier: string; title: string; action: "create" | "update" | "unchanged"; stage: string | null }[];
};


/** What an import did. */
export type ImportResult = { created: number; updated: number; unchanged: number; stagesDeclared: number };

export type ImportRow = {
  /** The spreadsheet's own line number (the header is line 1). */
  line: number;
  identifier: string;
  title?: string;
  collective?: string;
  legalForm?: LegalForm;
  communeCode?: string;
  sector?: string;
  summary?: string;
  jobs?: number;
  stage?: Stage;
  authorityCode?: string;
};

/** Lower case, no accents, words joined by underscores: "Forme juridique" → "forme_juridique". */
export function simplify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .trim()
    .replace(/[\s'’-]+/g, "_");
}

const COLUMN_ALIASES: Record<string, ImportColumn> = {
  id: "identifiant",
  identifier: "identifiant",
  reference: "identifiant",
  nom_du_projet: "titre",
  projet: "titre",
  collectif_porteur: "collectif",
  porteur: "collectif",
  forme: "forme_juridique",
  code_insee: "commune",
  code_commune: "commune",
  emplois_actuels: "emplois",
  stade_de_la_relation: "stade",
  collectivite_concernee: "collectivite",
};

export function columnOf(header: string): ImportColumn | null {
  const simple = simplify(header);
  const direct = IMPORT_COLUMNS.find((column) => column.key === simple);
  return direct ? direct.key : (COLUMN_ALIASES[simple] ?? null);
}

const LEGAL_FORM_NAMES: Record<string, LegalForm> = {
  association: "association",
  scic: "scic",
  scop: "scop",
  sci: "sci",
  cae: "cae",
  ptce: "ptce",
  informel: "informal",
  collectif_informel: "informal",
  informal: "informal",
  autre: "other",
  other: "other",
};

const STAGE_NAMES: Record<string, Stage> = {
  defiance: "defiance",
  observation: "observation",
  collaboration: "collaboration",
  co_portage: "coportage",
  coportage: "coportage",
};

export class UnreadableFile extends Error {}

/** The text of a CSV file: UTF-8 (with or without BOM) when it is valid UTF-8, else Windows-1252 as Excel writes it. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (body.includes(0)) throw new UnreadableFile("Ce fichier n'est pas un tableur CSV ou XLSX lisible (il contient des données binaires).");
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(body), encoding: "windows-1252" };
  }
}

export function parseCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { delimiter: "", delimitersToGuess: [";", ",", "\t"], skipEmptyLines: "greedy" });
  return parsed.data.map((row) => row.map((cell) => String(cell ?? "")));
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    // A formula is never run: its last computed result, if the file carries one, is read as text.
    if ("result" in value) return value.result === undefined || value.result === null ? "" : String(value.result);
    if ("richText" in value) return value.richText.map((part) => part.text).join("");
    if ("text" in value) return String(value.text);
    if ("error" in value) return "";
  }
  return String(value);
}

/**
 * What an XLSX file may hold once unzipped. A few kilobytes of zip can declare hundreds of
 * megabytes, and one cell far to the right makes a reader fill every column before it: both are
 * refused before anything is expanded (the zip's central directory, then each entry inflated
 * into a counter), and the sheet is read as a stream, row by row, stopping at the first cell
 * past the last column the import could use.
 */
export const XLSX_BOUNDS = { uncompressedBytes: 40 * 1024 * 1024, entries: 200, columns: 40 } as const;

const TOO_BIG = "Ce fichier XLSX est trop volumineux une fois décompressé (plus de 40 Mo) : enregistrez-le en CSV, ou découpez-le.";
const UNREADABLE_XLSX = "Ce fichier XLSX est illisible : enregistrez-le à nouveau depuis votre tableur, ou exportez-le en CSV.";

function openZip(buffer: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );
}

function zipEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > XLSX_BOUNDS.entries) reject(new UnreadableFile(TOO_BIG));
      else zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.on("error", reject);
    zip.readEntry();
  });
}

/** Inflates an entry into nothing: yauzl fails if it holds more than its directory declared. */
function drain(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      stream.on("error", reject);
      stream.on("end", resolve);
      stream.resume();
    }),
  );
}

/** Refuses a zip whose content, declared or real, is past XLSX_BOUNDS; expands nothing into memory. */
export async function checkXlsxBounds(bytes: Uint8Array): Promise<void> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new UnreadableFile(UNREADABLE_XLSX);
  }
  try {
    const entries = await zipEntries(zip);
    const declared = entries.reduce((total, entry) => total + entry.uncompressedSize, 0);
    if (declared > XLSX_BOUNDS.uncompressedBytes) throw new UnreadableFile(TOO_BIG);
    for (const entry of entries) if (!entry.fileName.endsWith("/")) await drain(zip, entry);
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(UNREADABLE_XLSX);
  } finally {
    zip.close();
  }
}

export async function parseXlsx(bytes: Uint8Array): Promise<string[][]> {
  await checkXlsxBounds(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  const rows: string[][] = [];
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.cellCount > XLSX_BOUNDS.columns) {
          throw new UnreadableFile(
            `La ligne ${row.number} a des cellules au-delà de la colonne ${XLSX_BOUNDS.columns} : supprimez les colonnes inutiles, ou enregistrez le fichier en CSV.`,
          );
        }
        if (row.number > MAX_IMPORT_ROWS + 1) throw new UnreadableFile(`Le fichier dépasse ${MAX_IMPORT_ROWS.toLocaleString("fr-FR")} lignes : découpez-le.`);
        const cells: string[] = [];
        for (let column = 1; column <= row.cellCount; column += 1) cells.push(cellText(row.getCell(column)));
        rows[row.number - 1] = cells;
      }
      // The first sheet only.
      break;
    }
  } catch (error) {
    if (error instanceof UnreadableFile) throw error;
    throw new UnreadableFile(UNREADABLE_XLSX);
  }
  return Array.from(rows, (row) => row ?? []);
}

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The rows of a CSV or XLSX file, told apart by their first bytes rather than by their name. */
export async function readSpreadsheet(bytes: Uint8Array): Promise<{ table: string[][]; format: "xlsx" | "csv"; encoding?: string }> {
  if (bytes.byteLength === 0) throw new UnreadableFile("Le fichier est vide.");
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw new UnreadableFile("Le fichier dépasse 10 Mo : découpez-le en plusieurs fichiers.");
  if (isXlsx(bytes)) return { table: await parseXlsx(bytes), format: "xlsx" };
  const { text, encoding } = decodeText(bytes);
  return { table: parseCsv(text), format: "csv", encoding };
}

/** Control characters and lone surrogates have no business in a cell: they are refused, not stored. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LIMITS: Partial<Record<ImportColumn, number>> = {
  identifiant: 60,
  titre: 160,
  collectif: 160,
  secteur: 120,
  resume: 4000,
};

/**
 * The rows of the table, checked one by one for what needs no database: required values, lengths,
 * numbers, stages, legal forms, the shape of codes, identifiers repeated in the file.
 */
export function checkRows(table: string[][]): { rows: ImportRow[]; errors: RowError[]; ignoredColumns: string[] } {
  // A line of nothing but separators (";;;" where the delimiter could not be guessed) is empty too.
  const blank = (cell: string) => cell.replace(/[\s;,]/g, "") === "";
  const nonEmpty = table.filter((row) => row.some((cell) => !blank(cell)));
  if (nonEmpty.length === 0) return { rows: [], errors: [{ line: 1, column: null, message: "Le fichier est vide." }], ignoredColumns: [] };
  const headerIndex = table.indexOf(nonEmpty[0] as string[]);
  const headers = (table[headerIndex] ?? []).map((header) => header.trim());
  const columns = headers.map(columnOf);
  const ignoredColumns = headers.filter((header, index) => header !== "" && columns[index] === null);
  const errors: RowError[] = [];
  if (!columns.includes("identifiant")) {
    return {
      rows: [],
      errors: [{ line: headerIndex + 1, column: "identifiant", message: "La colonne « identifiant » manque : elle est obligatoire (voir le modèle)." }],
      ignoredColumns,
    };
  }
  const body = table.slice(headerIndex + 1);
  if (body.filter((row) => row.some((cell) => cell.trim() !== "")).length > MAX_IMPORT_ROWS) {
    return { rows: [], errors: [{ line: 1, column: null, message: `Le fichier dépasse ${MAX_IMPORT_ROWS.toLocaleString("fr-FR")} lignes : découpez-le.` }], ignoredColumns };
  }
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  body.forEach((cells, offset) => {
    const line = headerIndex + offset + 2;
    if (!cells.some((cell) => cell.trim() !== "")) return;
    const value = (column: ImportColumn) => {
      const index = columns.indexOf(column);
      return index === -1 ? "" : (cells[index] ?? "").trim();
    };
    const fail = (column: ImportColumn | null, message: string) => errors.push({ line, column, message });
    let valid = true;
    for (const column of IMPORT_COLUMNS) {
      const text = value(column.key);
      if (UNSAFE.test(text)) {
        fail(column.key, "Caractères de contrôle interdits (copier-coller depuis un autre logiciel ?).");
        valid = false;
      }
      const limit = LIMITS[column.key];
      if (limit && text.length > limit) {
        fail(column.key, `Trop long : ${text.length} caractères pour ${limit} au plus.`);
        valid = false;
      }
    }
    const identifier = value("identifiant");
    if (!identifier) {
      fail("identifiant", "L'identifiant est obligatoire.");
      valid = false;
    } else if (seen.has(identifier)) {
      fail("identifiant", `L'identifiant « ${identifier} » figure déjà ligne ${seen.get(identifier)}.`);
      valid = false;
    } else seen.set(identifier, line);
    const row: ImportRow = { line, identifier };
    const title = value("titre");
    if (title) {
      if (title.length < 3) {
        fail("titre", "Le titre doit faire au moins 3 caractères.");
        valid = false;
      } else row.title = title;
    }
    const collective = value("collectif");
    if (collective) {
      if (collective.length < 2) {
        fail("collectif", "Le nom du collectif doit faire au moins 2 caractères.");
        valid = false;
      } else row.collective = collective;
    }
    const legalForm = value("forme_juridique");
    if (legalForm) {
      const known = LEGAL_FORM_NAMES[simplify(legalForm)] ?? (LEGAL_FORMS as readonly string[]).find((form) => form === simplify(legalForm));
      if (known) row.legalForm = known as LegalForm;
      else {
        fail("forme_juridique", `« ${legalForm} » n'est pas une forme juridique connue : Association, SCIC, SCOP, SCI, CAE, PTCE, Collectif informel ou Autre.`);
        valid = false;
      }
    }
    const commune = value("commune");
    if (commune) {
      const code = /^\d{4}$/.test(commune) ? `0${commune}` : commune.toUpperCase();
      if (/^(\d{5}|2[AB]\d{3})$/.test(code)) row.communeCode = code;
      else {
        fail("commune", `« ${commune} » n'est pas un code INSEE de commune (5 caractères, par exemple 26198).`);
        valid = false;
      }
    }
    const sector = value("secteur");
    if (sector) row.sector = sector;
    const summary = value("resume");
    if (summary) row.summary = summary;
    const jobs = value("emplois");
    if (jobs) {
      const count = Number(jobs.replace(/\s/g, "").replace(",", "."));
      if (Number.isInteger(count) && count >= 0 && count <= 100_000) row.jobs = count;
      else {
        fail("emplois", `« ${jobs} » n'est pas un nombre entier d'emplois entre 0 et 100 000.`);
        valid = false;
      }
    }
    const stage = value("stade");
    if (stage) {
      const known = STAGE_NAMES[simplify(stage)];
      if (known) row.stage = known;
      else {
        fail("stade", `« ${stage} » n'est pas un stade : Défiance, Observation, Collaboration ou Co-portage.`);
        valid = false;
      }
    }
    const authority = value("collectivite");
    if (authority) {
      const code = /^\d{4}$/.test(authority) ? `0${authority}` : authority.replace(/\s/g, "").toUpperCase();
      if (/^(\d{5}|2[AB]\d{3}|\d{9})$/.test(code)) row.authorityCode = code;
      else {
        fail("collectivite", `« ${authority} » n'est ni un code INSEE de commune (5 caractères) ni un SIREN d'intercommunalité (9 chiffres).`);
        valid = false;
      }
      if (!stage) {
        fail("stade", "Une collectivité est indiquée sans stade : précisez le stade de la relation.");
        valid = false;
      }
    }
    if (valid) rows.push(row);
  });
  return { rows, errors, ignoredColumns };
}

/**
 * A cell a spreadsheet program would read as a formula (=, +, -, @, or a tab or carriage return
 * before one) gets a leading apostrophe: shown as typed, never computed.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The template offered for download: the header row and one example, semicolon-separated as French Excel expects. */
export function importTemplateCsv(): string {
  const header = IMPORT_COLUMNS.map((column) => column.key);
  const example = ["DROME-001", "Épicerie coopérative du Diois", "Les Amis de l'Épicerie", "SCIC", "26113", "Alimentation", "Une épicerie en circuit court.", "3", "Observation", "26113"];
  return `\uFEFF${Papa.unparse([header, example], { delimiter: ";" })}\r\n`;
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

const STAGE_LABELS: Record<Stage, string> = { defiance: "Défiance", observation: "Observation", collaboration: "Collaboration", coportage: "Co-portage" };

export type ExportRow = {
  identifier: string | null;
  title: string;
  collective: string;
  legalForm: LegalForm;
  communeCode: string;
  commune: string;
  departement: string | null;
  sector: string;
  stage: Stage | null;
  relationships: number;
  unconfirmed: number;
  lastActivity: Date;
};

/** The export's columns: those of the import first (so the file can be re-imported), then the figures. */
export const EXPORT_HEADERS = [
  "identifiant",
  "titre",
  "collectif",
  "forme_juridique",
  "commune",
  "nom_commune",
  "departement",
  "secteur",
  "stade_le_plus_avance",
  "relations",
  "relations_a_confirmer",
  "derniere_activite",
] as const;

/** One exported row as cells, every text neutralised. */
export function exportCells(row: ExportRow): (string | number)[] {
  return [
    neutraliseCell(row.identifier ?? ""),
    neutraliseCell(row.title),
    neutraliseCell(row.collective),
    LEGAL_FORM_LABELS[row.legalForm],
    row.communeCode,
    neutraliseCell(row.commune),
    row.departement ?? "",
    neutraliseCell(row.sector),
    row.stage ? STAGE_LABELS[row.stage] : "",
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
  sheet.addRow([...EXPORT_HEADERS]).font = { bold: true };
  for (const row of rows) sheet.addRow(exportCells(row));
  sheet.columns.forEach((column, index) => {
    column.width = [14, 40, 30, 18, 9, 24, 12, 20, 20, 10, 12, 16][index] ?? 14;
  });
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
