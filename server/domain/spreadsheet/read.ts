// How a file's bytes become a table: CSV in UTF-8 or Windows-1252, comma or semicolon; XLSX within bounds.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import Papa from "papaparse";
import yauzl from "yauzl";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "./columns";

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
