// Reads one spreadsheet as the import does, in a process of its own, and prints what it answered
// and the most memory the process held: for tests that bound what a hostile file can cost.
import { readFileSync } from "node:fs";
import { readSpreadsheet, UnreadableFile } from "@/server/domain/spreadsheet";

const [path] = process.argv.slice(2);
if (!path) throw new Error("usage: read-spreadsheet-cli FILE");
const baseline = process.resourceUsage().maxRSS;
let answer: { status: "read"; rows: number } | { status: "refused"; message: string };
try {
  answer = { status: "read", rows: (await readSpreadsheet(readFileSync(path))).table.length };
} catch (error) {
  if (!(error instanceof UnreadableFile)) throw error;
  answer = { status: "refused", message: error.message };
}
// maxRSS is in kilobytes: what reading the file added to the process as it stood before.
process.stdout.write(JSON.stringify({ ...answer, baselineMb: baseline / 1024, peakMb: process.resourceUsage().maxRSS / 1024 }));
