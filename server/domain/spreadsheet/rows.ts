// How each row of the table is checked and becomes an import row, or errors naming its line and column.
import { LEGAL_FORMS, type LegalForm } from "../organisations";
import { sectorOf } from "../sectors";
import {
  columnOf,
  IMPORT_COLUMNS,
  LEGAL_FORM_NAMES,
  MAX_IMPORT_ROWS,
  PROJECT_COLUMNS,
  simplify,
  STAGE_NAMES,
  type ImportColumn,
  type ImportRow,
  type RowError,
} from "./columns";

/** Control characters and lone surrogates have no business in a cell: they are refused, not stored. */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LIMITS: Partial<Record<ImportColumn, number>> = {
  identifiant: 60,
  titre: 160,
  collectif: 160,
  courriel_collectif: 2000,
  secteur: 120,
  resume: 4000,
};

const MAX_CO_HOLDERS_PER_ROW = 10;

/**
 * The territory a `collectivite` cell names, as its id: a commune by its INSEE code, an EPCI by its
 * SIREN, a département or a région by « Département 26 », « Région 84 » (as the export writes them).
 */
export function authorityTerritoryOf(cell: string): string | null {
  const compact = cell.replace(/\s/g, "").toUpperCase();
  const code = /^\d{4}$/.test(compact) ? `0${compact}` : compact;
  if (/^(\d{5}|2[AB]\d{3})$/.test(code)) return `commune-${code}`;
  if (/^\d{9}$/.test(code)) return `epci-${code}`;
  const named = /^(departement|region)_(\d{2,3}|2[ab])$/.exec(simplify(cell));
  if (!named) return null;
  return `${named[1]}-${(named[2] ?? "").toUpperCase()}`;
}

/** An address as people write one: something, an at sign, a domain with a dot. The invitation proves it. */
const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
const MAX_EMAILS_PER_ROW = 10;

/** The table's rows: those that passed, those refused (read as far as they could be, so that the database's checks can add theirs), and every line's errors. */
export type CheckedRows = {
  rows: ImportRow[];
  refused: ImportRow[];
  errors: RowError[];
  ignoredColumns: string[];
  /** The header row and the cells of each data line, by line number, for giving the refused ones back. */
  header: string[];
  cells: Map<number, string[]>;
};

/**
 * The rows of the table, checked one by one for what needs no database: required values, lengths,
 * numbers, stages, legal forms, the shape of codes, identifiers repeated in the file. Every
 * problem of a line is reported, not only its first.
 */
export function checkRows(table: string[][]): CheckedRows {
  // A line of nothing but separators (";;;" where the delimiter could not be guessed) is empty too.
  const blank = (cell: string) => cell.replace(/[\s;,]/g, "") === "";
  const nonEmpty = table.filter((row) => row.some((cell) => !blank(cell)));
  const none = { rows: [], refused: [], header: [], cells: new Map<number, string[]>() };
  if (nonEmpty.length === 0) return { ...none, errors: [{ line: 1, column: null, message: "Le fichier est vide." }], ignoredColumns: [] };
  const headerIndex = table.indexOf(nonEmpty[0] as string[]);
  const headers = (table[headerIndex] ?? []).map((header) => header.trim());
  const columns = headers.map(columnOf);
  const ignoredColumns = headers.filter((header, index) => header !== "" && columns[index] === null);
  const errors: RowError[] = [];
  if (!columns.includes("identifiant")) {
    return {
      ...none,
      errors: [{ line: headerIndex + 1, column: "identifiant", message: "La colonne « identifiant » manque : elle est obligatoire (voir le modèle)." }],
      ignoredColumns,
    };
  }
  const body = table.slice(headerIndex + 1);
  if (body.filter((row) => row.some((cell) => cell.trim() !== "")).length > MAX_IMPORT_ROWS) {
    return {
      ...none,
      errors: [{ line: 1, column: null, message: `Le fichier dépasse ${MAX_IMPORT_ROWS.toLocaleString("fr-FR")} lignes : découpez-le.` }],
      ignoredColumns,
    };
  }
  // Each project's first line, and the authorities its lines have named so far.
  const seen = new Map<string, { line: number; cells: Map<ImportColumn, string>; authorities: Set<string> }>();
  const rows: ImportRow[] = [];
  const refused: ImportRow[] = [];
  const cellsByLine = new Map<number, string[]>();
  body.forEach((cells, offset) => {
    const line = headerIndex + offset + 2;
    if (!cells.some((cell) => cell.trim() !== "")) return;
    cellsByLine.set(line, cells);
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
    const row: ImportRow = { line, identifier };
    // A project with several relationships takes a line each: its later lines add a stage for
    // another authority, and may repeat its file's cells, never change them.
    const first = identifier ? seen.get(identifier) : undefined;
    const authorityCell = simplify(value("collectivite"));
    if (!identifier) {
      fail("identifiant", "L'identifiant est obligatoire.");
      valid = false;
    } else if (first) {
      row.continuesLine = first.line;
      if (!authorityCell || first.authorities.has(authorityCell)) {
        fail(
          "identifiant",
          `L'identifiant « ${identifier} » figure déjà ligne ${first.line} : une ligne de plus pour le même projet indique une autre collectivité et son stade.`,
        );
        valid = false;
      }
      for (const column of PROJECT_COLUMNS) {
        const cell = value(column);
        if (cell && cell !== first.cells.get(column)) {
          fail(column, `Diffère de la ligne ${first.line}, la première de ce projet : c'est elle qui décrit le projet.`);
          valid = false;
        }
      }
      first.authorities.add(authorityCell);
    } else {
      seen.set(identifier, { line, cells: new Map(PROJECT_COLUMNS.map((column) => [column, value(column)])), authorities: new Set([authorityCell]) });
    }
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
        fail(
          "forme_juridique",
          `« ${legalForm} » n'est pas une forme juridique connue : Association, SCIC, SCOP, SCI, CAE, PTCE, Collectif informel ou Autre.`,
        );
        valid = false;
      }
    }
    const emails = value("courriel_collectif");
    if (emails) {
      const addresses = [
        ...new Set(
          emails
            .split(/[\s,;]+/)
            .filter(Boolean)
            .map((address) => address.toLowerCase()),
        ),
      ];
      const malformed = addresses.filter((address) => !EMAIL.test(address) || address.length > 254);
      if (malformed.length > 0) {
        fail("courriel_collectif", `« ${malformed.join(", ")} » : adresse e-mail invalide. Séparez plusieurs adresses par des virgules.`);
        valid = false;
      } else if (addresses.length > MAX_EMAILS_PER_ROW) {
        fail("courriel_collectif", `${addresses.length} adresses : ${MAX_EMAILS_PER_ROW} au plus par ligne ; invitez les autres depuis la page du projet.`);
        valid = false;
      } else row.collectiveEmails = addresses;
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
    // Read against the fixed list: what it lacks is « autre », the words kept as its precision.
    const typedSector = sectorOf(value("secteur"));
    if (typedSector.sector) {
      row.sector = typedSector.sector;
      row.sectorDetail = typedSector.detail;
    }
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
      const territory = authorityTerritoryOf(authority);
      if (territory) row.authorityTerritory = territory;
      else {
        fail(
          "collectivite",
          `« ${authority} » n'est ni un code INSEE de commune (5 caractères), ni un SIREN d'intercommunalité (9 chiffres), ni « Département 26 » ou « Région 84 ».`,
        );
        valid = false;
      }
      if (!stage) {
        fail("stade", "Une collectivité est indiquée sans stade : précisez le stade de la relation.");
        valid = false;
      }
    }
    const coHolders = value("co_porteurs");
    if (coHolders) {
      const named = [
        ...new Set(
          coHolders
            .split(/[|;\n]/)
            .map((part) => part.trim())
            .filter(Boolean),
        ),
      ];
      const short = named.filter((name) => name.length < 2 || name.length > 160);
      if (short.length > 0 || named.length > MAX_CO_HOLDERS_PER_ROW) {
        fail(
          "co_porteurs",
          `Indiquez au plus ${MAX_CO_HOLDERS_PER_ROW} structures, chacune par son SIREN ou son nom (2 à 160 caractères), séparées par « | ».`,
        );
        valid = false;
      } else row.coHolders = named;
    }
    (valid ? rows : refused).push(row);
  });
  return { rows, refused, errors, ignoredColumns, header: headers, cells: cellsByLine };
}
