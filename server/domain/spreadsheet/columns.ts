// A network's portfolio spreadsheet: its documented French columns, the names its cells may use, and the shapes of a plan and a result.
import type { Stage } from "../gradient";
import { type LegalForm } from "../organisations";
import type { Sector } from "../sectors";

/** The columns of the import file, in the order of the template; what each holds is said in the messages (portfolioImport.columnHelp). */
export const IMPORT_COLUMNS = [
  { key: "identifiant", required: true },
  { key: "titre", required: false },
  { key: "collectif", required: false },
  { key: "forme_juridique", required: false },
  { key: "courriel_collectif", required: false },
  { key: "commune", required: false },
  { key: "secteur", required: false },
  { key: "resume", required: false },
  { key: "emplois", required: false },
  { key: "stade", required: false },
  { key: "collectivite", required: false },
  { key: "co_porteurs", required: false },
] as const;

/** What a project's later lines may repeat but not change: its file is read from its first line. */
export const PROJECT_COLUMNS = [
  "titre",
  "collectif",
  "forme_juridique",
  "courriel_collectif",
  "commune",
  "secteur",
  "resume",
  "emplois",
  "co_porteurs",
] as const satisfies readonly ImportColumnKey[];
type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]["key"];

export type ImportColumn = ImportColumnKey;

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 20_000;

export type RowError = { line: number; column: ImportColumn | null; message: string };

/** What a dry run of an import says it would do, with each row's problems. */
export type ImportPlan = {
  /** The file's data lines (not its empty ones), of which how many would go in and how many are refused. */
  rows: number;
  validRows: number;
  refusedRows: number;
  creates: number;
  updates: number;
  unchanged: number;
  stagesDeclared: number;
  /** Addresses of `courriel_collectif` the import would invite, before those already invited are left out. */
  invitations: number;
  /** New projects that will wait for an existing collective (one with its own people) to take them over, and those collectives' names. */
  handovers: number;
  handoverCollectives: string[];
  errors: RowError[];
  ignoredColumns: string[];
  /** The first rows, as they will be read, for the preview. */
  preview: { line: number; identifier: string; title: string; action: "create" | "update" | "unchanged"; stage: string | null }[];
};

/** What an import did. */
export type ImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  stagesDeclared: number;
  handovers: number;
  invited: number;
  /** Lines left out because they were refused (only when asked to import the valid ones). */
  refused: number;
};

export type ImportRow = {
  /** The spreadsheet's own line number (the header is line 1). */
  line: number;
  identifier: string;
  title?: string;
  collective?: string;
  legalForm?: LegalForm;
  /** Lower-cased, each once: the people the collective is invited to take the file over with. */
  collectiveEmails?: string[];
  communeCode?: string;
  sector?: Sector;
  /** With « autre »: the cell's words, when the list had no sector for them. */
  sectorDetail?: string;
  summary?: string;
  jobs?: number;
  stage?: Stage;
  /** The territory of the authority the stage concerns, as the cell names it (checked against the territories later). */
  authorityTerritory?: string;
  /** The other holding structures: each a SIREN (a commune's or an EPCI's) or a collective's name. */
  coHolders?: string[];
  /** A later line of a project named on an earlier one: it only adds a relationship's stage. */
  continuesLine?: number;
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
  courriel: "courriel_collectif",
  courriels: "courriel_collectif",
  courriels_collectif: "courriel_collectif",
  email: "courriel_collectif",
  email_collectif: "courriel_collectif",
  e_mail_collectif: "courriel_collectif",
  code_insee: "commune",
  code_commune: "commune",
  emplois_actuels: "emplois",
  stade_de_la_relation: "stade",
  collectivite_concernee: "collectivite",
  co_porteur: "co_porteurs",
  coporteurs: "co_porteurs",
  structures_porteuses: "co_porteurs",
  autres_porteurs: "co_porteurs",
};

export function columnOf(header: string): ImportColumn | null {
  const simple = simplify(header);
  const direct = IMPORT_COLUMNS.find((column) => column.key === simple);
  return direct ? direct.key : (COLUMN_ALIASES[simple] ?? null);
}

export const LEGAL_FORM_NAMES: Record<string, LegalForm> = {
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

export const STAGE_NAMES: Record<string, Stage> = {
  defiance: "defiance",
  observation: "observation",
  collaboration: "collaboration",
  co_portage: "coportage",
  coportage: "coportage",
};
