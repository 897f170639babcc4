// Small files that unzip huge: each is refused before it is expanded, and reading it costs the
// process a bounded amount of memory — measured in a process of its own, as the server would be.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { readSpreadsheet, XLSX_BOUNDS } from "@/server/domain/spreadsheet";
import { craftXlsx, sheetWithCells } from "../support/zip-craft";

/** What reading one hostile file may add to the process, in megabytes (docs/deployment.md). */
const MEMORY_BOUND_MB = 64;

const folder = mkdtempSync(path.join(tmpdir(), "maillage-xlsx-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function readInOwnProcess(name: string, bytes: Buffer) {
  const file = path.join(folder, name);
  writeFileSync(file, bytes);
  const output = execFileSync(process.execPath, ["--max-old-space-size=256", "--import", "tsx", "tests/support/read-spreadsheet-cli.ts", file], {
    encoding: "utf8",
    timeout: 60_000,
  });
  return JSON.parse(output) as { status: "read" | "refused"; message?: string; rows?: number; baselineMb: number; peakMb: number };
}

describe("XLSX files that unzip huge", () => {
  it("refuses cells far to the right (2 KB, once 1.6 million cells) at the first row, within the memory bound", () => {
    const farRight = craftXlsx(sheetWithCells(Array.from({ length: 100 }, (_, i) => [`A${i + 1}`, `XFD${i + 1}`]).flat()));
    expect(farRight.length).toBeLessThan(4096);
    const answer = readInOwnProcess("loin-a-droite.xlsx", farRight);
    expect(answer).toMatchObject({ status: "refused", message: expect.stringContaining(`au-delà de la colonne ${XLSX_BOUNDS.columns}`) });
    expect(answer.peakMb - answer.baselineMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("refuses a zip that declares more than the bound once unzipped, before inflating it", () => {
    const sheet = Buffer.concat([sheetWithCells(["A1"]), Buffer.alloc(XLSX_BOUNDS.uncompressedBytes + 1024, 0x20)]);
    const bomb = craftXlsx(sheet);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const answer = readInOwnProcess("bombe.xlsx", bomb);
    expect(answer).toMatchObject({ status: "refused", message: expect.stringContaining("trop volumineux") });
    expect(answer.peakMb - answer.baselineMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("refuses an entry that holds more than its directory declares, counting as it inflates", () => {
    const sheet = Buffer.concat([sheetWithCells(["A1"]), Buffer.alloc(48 * 1024 * 1024, 0x20)]);
    const liar = craftXlsx(sheet, 2048);
    const answer = readInOwnProcess("menteur.xlsx", liar);
    expect(answer).toMatchObject({ status: "refused", message: expect.stringContaining("illisible") });
    expect(answer.peakMb - answer.baselineMb).toBeLessThan(MEMORY_BOUND_MB);
  });

  it("still reads an ordinary workbook written by a spreadsheet tool", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Portefeuille");
    sheet.addRow(["identifiant", "titre", "emplois"]);
    for (let i = 1; i <= 500; i += 1) sheet.addRow([`P-${i}`, `Projet ${i}`, i % 7]);
    const { table, format } = await readSpreadsheet(new Uint8Array(await workbook.xlsx.writeBuffer()));
    expect(format).toBe("xlsx");
    expect(table).toHaveLength(501);
    expect(table[500]).toEqual(["P-500", "Projet 500", "3"]);
  });
});
