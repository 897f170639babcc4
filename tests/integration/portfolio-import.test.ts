// Importing a network's spreadsheet and exporting its portfolio: good, malformed and hostile
// files, re-imports, cancelling, and the route handlers around them.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { and, count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db";
import { env } from "@/server/env";
import {
  changeLog,
  invitations,
  memberships,
  notifications,
  organisations,
  outboxEmails,
  portfolioIdentifiers,
  projectParties,
  projects,
  relationships,
  stageChanges,
  users,
} from "@/db/schema";
import { EXPORT_HEADERS, IMPORT_COLUMNS, neutraliseCell } from "@/server/domain/spreadsheet";
import { answerExportRequest, answerImportRequest, answerTemplateRequest } from "@/server/http/portfolio-files";
import { acceptInvitation } from "@/server/services/invitations";
import { planImport, runImport } from "@/server/services/portfolio-import";
import { databaseFingerprint } from "../support/fingerprint";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makeNetwork, makePerson, type TestPerson } from "../support/factories";

const encode = (text: string) => new TextEncoder().encode(text);

/** Windows-1252 as Excel writes a French CSV: one byte per accented letter. */
function windows1252(text: string): Uint8Array {
  const table: Record<string, number> = { é: 0xe9, è: 0xe8, ê: 0xea, à: 0xe0, ç: 0xe7, ô: 0xf4, É: 0xc9, "’": 0x92 };
  return Uint8Array.from([...text].map((character) => table[character] ?? character.charCodeAt(0)));
}

async function setup(db: Database) {
  const moderator = await makePerson(db);
  const network = await makeNetwork(db, [moderator]);
  const communes = [await freeCommune(db, "26"), await freeCommune(db, "38"), await freeCommune(db, "26")];
  return { moderator, network, communes };
}

async function portfolioCount(db: Database, networkId: string) {
  const [row] = await db.select({ n: count() }).from(portfolioIdentifiers).where(eq(portfolioIdentifiers.networkId, networkId));
  return row?.n ?? 0;
}

function csv(lines: string[][], delimiter = ";") {
  return Papa.unparse(lines, { delimiter });
}

/** A same-origin upload to the import route, as the import page sends it. */
function importRequest(networkId: string, bytes: Uint8Array, mode: string) {
  const data = new FormData();
  data.set("fichier", new Blob([bytes as BlobPart]), "portefeuille.csv");
  data.set("mode", mode);
  return new Request(`http://127.0.0.1:3100/api/reseaux/${networkId}/import`, {
    method: "POST",
    body: data,
    headers: { origin: env.APP_URL, host: "127.0.0.1:3100" },
  });
}

describe("importing a portfolio", () => {
  const database = useTestDatabase();

  it("previews, then imports a French Excel CSV (semicolons, Windows-1252); the stages wait for the sides to confirm", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const [a, b, c] = communes as [(typeof communes)[number], (typeof communes)[number], (typeof communes)[number]];
    const file = windows1252(
      csv([
        ["Identifiant", "Titre", "Collectif", "Forme juridique", "Commune", "Secteur", "Emplois", "Stade", "Remarque"],
        ["DR-1", "Épicerie coopérative", "Les Amis de l’Épicerie", "SCIC", a.code, "Alimentation", "3", "Observation", "à suivre"],
        ["IS-2", "Garage solidaire", "Roule ma poule", "Association", b.code, "Mobilité", "", "co-portage", ""],
        ["DR-3", "Tiers-lieu", "Les Amis de l’Épicerie", "", c.code, "", "", "", ""],
      ]),
    );
    const plan = await planImport(db, moderator, { networkId: network.id, bytes: file });
    expect(plan).toMatchObject({ rows: 3, creates: 3, updates: 0, unchanged: 0, stagesDeclared: 2, errors: [], ignoredColumns: ["Remarque"] });
    expect(plan.preview.map((row) => [row.line, row.identifier, row.title, row.action])).toEqual([
      [2, "DR-1", "Épicerie coopérative", "create"],
      [3, "IS-2", "Garage solidaire", "create"],
      [4, "DR-3", "Tiers-lieu", "create"],
    ]);
    expect(await portfolioCount(db, network.id)).toBe(0);

    const progress: [number, number][] = [];
    const result = await runImport(db, moderator, { networkId: network.id, bytes: file }, { onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toEqual({ created: 3, updated: 0, unchanged: 0, stagesDeclared: 2, handovers: 0, invited: 0, refused: 0 });
    expect(progress.at(-1)).toEqual([5, 5]);

    const [imported] = await db
      .select()
      .from(projects)
      .innerJoin(portfolioIdentifiers, eq(portfolioIdentifiers.projectId, projects.id))
      .where(and(eq(portfolioIdentifiers.networkId, network.id), eq(portfolioIdentifiers.identifier, "DR-1")));
    expect(imported?.project).toMatchObject({ title: "Épicerie coopérative", sector: "alimentation", jobsNow: 3, communeId: a.id, visibility: "parties" });
    // One collective for the two rows that name it.
    const leads = await db
      .select({ lead: projects.contactHolderId })
      .from(projects)
      .innerJoin(portfolioIdentifiers, eq(portfolioIdentifiers.projectId, projects.id))
      .where(eq(portfolioIdentifiers.networkId, network.id));
    expect(new Set(leads.map((row) => row.lead)).size).toBe(2);
    const [held] = await db
      .select()
      .from(projectParties)
      .where(and(eq(projectParties.projectId, imported?.project.id ?? ""), eq(projectParties.organisationId, network.id)));
    expect(held).toMatchObject({ role: "network", status: "active" });
    const [relationship] = await db
      .select()
      .from(relationships)
      .where(eq(relationships.projectId, imported?.project.id ?? ""));
    expect(relationship?.stage).toBeNull();
    const [declared] = await db
      .select()
      .from(stageChanges)
      .where(eq(stageChanges.relationshipId, relationship?.id ?? ""));
    expect(declared).toMatchObject({ status: "pending", toStage: "observation", fromStage: null, declaredByNetworkId: network.id });
    const audit = await db.select().from(changeLog).where(eq(changeLog.actorId, moderator.userId));
    expect(audit.map((row) => row.action).sort()).toEqual(["declare", "declare", "import", "import_create", "import_create", "import_create"]);
  });

  it("re-importing the same file changes nothing; a changed title updates the project, one version further", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const lines = [
      ["identifiant", "titre", "collectif", "commune", "stade"],
      ["A-1", "Ferme partagée", "Terres communes", communes[0]?.code ?? "", "Défiance"],
      ["A-2", "Atelier vélo", "Biclou", communes[1]?.code ?? "", ""],
    ];
    await runImport(db, moderator, { networkId: network.id, bytes: encode(csv(lines, ",")) });
    const before = await databaseFingerprint(db);
    expect(await planImport(db, moderator, { networkId: network.id, bytes: encode(csv(lines, ",")) })).toMatchObject({ creates: 0, updates: 0, unchanged: 2 });
    expect(await runImport(db, moderator, { networkId: network.id, bytes: encode(csv(lines, ",")) })).toEqual({
      created: 0,
      updated: 0,
      unchanged: 2,
      stagesDeclared: 0,
      handovers: 0,
      invited: 0,
      refused: 0,
    });
    const after = await databaseFingerprint(db);
    // Only the audit row of the import itself was added.
    expect({ ...after, change_log: "" }).toEqual({ ...before, change_log: "" });
    expect(await portfolioCount(db, network.id)).toBe(2);

    const changed = lines.map((line) => [...line]);
    (changed[2] as string[])[1] = "Atelier vélo solidaire";
    expect(await runImport(db, moderator, { networkId: network.id, bytes: encode(csv(changed, ",")) })).toMatchObject({ created: 0, updated: 1 });
    const [project] = await db
      .select()
      .from(projects)
      .innerJoin(portfolioIdentifiers, eq(portfolioIdentifiers.projectId, projects.id))
      .where(eq(portfolioIdentifiers.identifier, "A-2"));
    expect(project?.project).toMatchObject({ title: "Atelier vélo solidaire", version: 2 });
  });

  it("invites the collective's people of `courriel_collectif` once committed, never twice; the first to accept keeps the file", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const lines = [
      ["identifiant", "titre", "collectif", "commune", "stade", "courriel_collectif"],
      ["C-1", "Café associatif", "Le Comptoir", communes[0]?.code ?? "", "Observation", "Ines@Comptoir.test, paul@comptoir.test"],
      ["C-2", "Épicerie du Comptoir", "Le Comptoir", communes[2]?.code ?? "", "", "ines@comptoir.test"],
    ];
    const file = encode(csv(lines, ";"));
    const mailsTo = async (email: string) => db.select().from(outboxEmails).where(eq(outboxEmails.to, email));

    // The dry run says so and sends nothing.
    expect(await planImport(db, moderator, { networkId: network.id, bytes: file })).toMatchObject({ creates: 2, invitations: 2, errors: [] });
    expect(await mailsTo("ines@comptoir.test")).toEqual([]);

    // A cancelled import invites nobody.
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(runImport(db, moderator, { networkId: network.id, bytes: file }, { signal: cancelled.signal })).rejects.toThrow();
    expect(await db.select().from(invitations)).toEqual([]);

    // One collective for both rows: Inès is invited to it once, Paul once.
    expect(await runImport(db, moderator, { networkId: network.id, bytes: file })).toMatchObject({ created: 2, invited: 2 });
    const sent = await db.select().from(invitations);
    expect(sent.map((invitation) => invitation.email).sort()).toEqual(["ines@comptoir.test", "paul@comptoir.test"]);
    expect(new Set(sent.map((invitation) => invitation.collectiveId)).size).toBe(1);
    const [mail] = await mailsTo("ines@comptoir.test");
    expect(mail?.subject).toContain("Le Comptoir");

    // Re-importing the same file invites nobody again.
    expect(await runImport(db, moderator, { networkId: network.id, bytes: file })).toMatchObject({ created: 0, invited: 0 });
    expect(await mailsTo("ines@comptoir.test")).toHaveLength(1);

    // Inès accepts: the collective's admin, she records a milestone with the commune.
    const token = mail?.text.match(/\/invitation\/([\w-]+)/)?.[1] ?? "";
    const accepted = await acceptInvitation(db, token, null);
    expect(accepted).toMatchObject({ status: 200, joinedCollective: true });
    const [ines] = await db.select().from(users).where(eq(users.email, "ines@comptoir.test"));
    const [membership] = await db
      .select()
      .from(memberships)
      .where(eq(memberships.userId, ines?.id ?? ""));
    expect(membership).toMatchObject({ organisationId: sent[0]?.collectiveId, role: "admin" });
    const asInes = callerFor(db, { userId: ines?.id ?? "", isPlatformAdmin: false });
    const projectId = accepted.status === 200 ? accepted.projectId : "";
    const overview = await asInes.project.overview({ projectId });
    const { milestoneId } = await asInes.milestone.create({
      projectId,
      as: "collective",
      relationshipIds: overview.relationships.map((relationship) => relationship.id),
      kind: "first_meeting",
      title: "Premier rendez-vous en mairie",
      occursOn: "2026-11-30",
      status: "done",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    expect(milestoneId).toEqual(expect.any(String));
  });

  it("refuses a malformed `courriel_collectif` address, naming its line", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const file = encode(
      csv(
        [
          ["identifiant", "titre", "collectif", "commune", "courriel_collectif"],
          ["E-1", "Atelier partagé", "Les Outils", communes[0]?.code ?? "", "marie@outils.test; pas-une-adresse"],
        ],
        ",",
      ),
    );
    const plan = await planImport(db, moderator, { networkId: network.id, bytes: file });
    expect(plan.errors).toEqual([{ line: 2, column: "courriel_collectif", message: expect.stringContaining("pas-une-adresse") }]);
  });

  it("says row by row, column by column, what is wrong, and imports nothing while anything is", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const file = encode(
      csv([
        ["identifiant", "titre", "collectif", "forme_juridique", "commune", "emplois", "stade", "collectivite"],
        ["OK-1", "Bon projet", "Collectif A", "SCOP", communes[0]?.code ?? "", "2", "Observation", ""],
        ["", "Sans identifiant", "Collectif B", "", communes[0]?.code ?? "", "", "", ""],
        ["X-2", "Forme inconnue", "Collectif C", "GIE", communes[0]?.code ?? "", "deux", "Amitié", ""],
        ["X-3", "", "", "", "99999", "", "", "123"],
        ["OK-1", "Doublon", "Collectif A", "", communes[0]?.code ?? "", "", "", ""],
      ]),
    );
    const plan = await planImport(db, moderator, { networkId: network.id, bytes: file });
    expect(plan.errors).toEqual([
      { line: 3, column: "identifiant", message: "L'identifiant est obligatoire." },
      { line: 4, column: "forme_juridique", message: expect.stringContaining("« GIE » n'est pas une forme juridique connue") },
      { line: 4, column: "emplois", message: expect.stringContaining("« deux » n'est pas un nombre entier") },
      { line: 4, column: "stade", message: expect.stringContaining("« Amitié » n'est pas un stade") },
      { line: 5, column: "collectivite", message: expect.stringContaining("« 123 »") },
      { line: 5, column: "stade", message: "Une collectivité est indiquée sans stade : précisez le stade de la relation." },
      // A line's every problem at once: those the database finds too.
      { line: 5, column: "titre", message: "Le titre est obligatoire pour un nouveau projet." },
      { line: 5, column: "collectif", message: "Le collectif porteur est obligatoire pour un nouveau projet." },
      { line: 5, column: "commune", message: "Aucune commune n'a le code INSEE 99999." },
      // A project's later line adds a relationship: it names another authority, and changes nothing of the file.
      {
        line: 6,
        column: "identifiant",
        message: expect.stringContaining("L'identifiant « OK-1 » figure déjà ligne 2 : une ligne de plus pour le même projet"),
      },
      { line: 6, column: "titre", message: "Diffère de la ligne 2, la première de ce projet : c'est elle qui décrit le projet." },
    ]);
    // Lines, not errors, are counted: five lines, one valid, four refused.
    expect(plan).toMatchObject({ rows: 5, validRows: 1, refusedRows: 4 });
    const before = await databaseFingerprint(db);
    await expect(runImport(db, moderator, { networkId: network.id, bytes: file })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Le fichier comporte 11 erreurs : corrigez-les puis relancez l'aperçu, ou importez seulement les lignes valides.",
    });
    expect(await databaseFingerprint(db)).toEqual(before);

    const missing = encode(
      csv([
        ["identifiant", "titre", "collectif", "commune"],
        ["N-1", "", "", ""],
        ["N-2", "Titre", "Collectif", "99999"],
      ]),
    );
    expect((await planImport(db, moderator, { networkId: network.id, bytes: missing })).errors).toEqual([
      { line: 2, column: "titre", message: "Le titre est obligatoire pour un nouveau projet." },
      { line: 2, column: "collectif", message: "Le collectif porteur est obligatoire pour un nouveau projet." },
      { line: 2, column: "commune", message: "La commune (code INSEE) est obligatoire pour un nouveau projet." },
      { line: 3, column: "commune", message: "Aucune commune n'a le code INSEE 99999." },
    ]);
  });

  it("imports the valid lines when asked, and gives the refused ones back with their errors to correct", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const file = encode(
      csv([
        ["identifiant", "titre", "collectif", "commune", "emplois"],
        ["V-1", "Bon projet", "Collectif A", communes[0]?.code ?? "", "2"],
        ["R-2", "", "Collectif B", "99999", "deux"],
        ["V-3", "Autre bon projet", "Collectif A", communes[1]?.code ?? "", ""],
      ]),
    );
    const result = await runImport(db, moderator, { networkId: network.id, bytes: file }, { skipRefused: true });
    expect(result).toMatchObject({ created: 2, refused: 1 });
    expect(await portfolioCount(db, network.id)).toBe(2);

    const refused = await answerImportRequest(db, moderator, network.id, importRequest(network.id, file, "refusees"));
    expect(refused.headers.get("content-disposition")).toMatch(/attachment; filename="lignes-refusees-\d{4}-\d{2}-\d{2}\.csv"/);
    const text = (await refused.text()).replace(/^\uFEFF/, "");
    const [header, line, ...rest] = text.trim().split("\r\n");
    expect(rest).toEqual([]);
    expect(header).toBe("identifiant;titre;collectif;commune;emplois;erreurs;ligne_d_origine");
    expect(line).toBe(
      "R-2;;Collectif B;99999;deux;\"emplois : « deux » n'est pas un nombre entier d'emplois entre 0 et 100 000. ; titre : Le titre est obligatoire pour un nouveau projet. ; commune : Aucune commune n'a le code INSEE 99999.\";3",
    );
  });

  it("refuses empty, headless, binary and oversized files with a plain French message, nothing written", async () => {
    const db = database.db;
    const { moderator, network } = await setup(db);
    const before = await databaseFingerprint(db);
    const refusal = async (bytes: Uint8Array) => {
      try {
        const plan = await planImport(db, moderator, { networkId: network.id, bytes });
        return plan.errors[0]?.message;
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(await refusal(new Uint8Array())).toBe("Le fichier est vide.");
    expect(await refusal(encode("\r\n;;\r\n"))).toBe("Le fichier est vide.");
    expect(await refusal(encode("titre;commune\r\nUn projet;26198"))).toContain("La colonne « identifiant » manque");
    expect(await refusal(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toContain("n'est pas un tableur CSV ou XLSX lisible");
    expect(await refusal(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toContain("Ce fichier XLSX est illisible");
    expect(await refusal(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x41))).toContain("dépasse 10 Mo");
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("reads an XLSX file, formulas as their results, never run", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Projets");
    sheet.addRow(["identifiant", "titre", "collectif", "commune", "emplois"]);
    sheet.addRow(["XL-1", "Café associatif", "Le Comptoir", Number(communes[0]?.code), { formula: "1+1", result: 2 }]);
    sheet.addRow(["XL-2", { richText: [{ text: "Maison " }, { text: "de santé", font: { bold: true } }] }, "Santé pour tous", communes[1]?.code, 4]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const plan = await planImport(db, moderator, { networkId: network.id, bytes });
    expect(plan).toMatchObject({ creates: 2, errors: [] });
    await runImport(db, moderator, { networkId: network.id, bytes });
    const rows = await db
      .select({ title: projects.title, jobs: projects.jobsNow })
      .from(projects)
      .innerJoin(portfolioIdentifiers, eq(portfolioIdentifiers.projectId, projects.id))
      .where(eq(portfolioIdentifiers.networkId, network.id));
    expect(rows.sort((x, y) => x.title.localeCompare(y.title))).toEqual([
      { title: "Café associatif", jobs: 2 },
      { title: "Maison de santé", jobs: 4 },
    ]);
  });

  it("a cancelled import leaves the database as it was", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const lines = [
      ["identifiant", "titre", "collectif", "commune"],
      ...Array.from({ length: 1200 }, (_, index) => [`C-${index}`, `Projet ${index}`, `Collectif ${index % 40}`, communes[index % 3]?.code ?? ""]),
    ];
    const before = await databaseFingerprint(db);
    const cancel = new AbortController();
    await expect(
      runImport(db, moderator, { networkId: network.id, bytes: encode(csv(lines)) }, { signal: cancel.signal, onProgress: () => cancel.abort() }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: "Import annulé : rien n'a été modifié." });
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("imports 10,000 rows in one go, and re-imports them without duplicates", { timeout: 300_000 }, async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const lines = [
      ["identifiant", "titre", "collectif", "forme_juridique", "commune", "secteur", "stade"],
      ...Array.from({ length: 10_000 }, (_, index) => [
        `N-${String(index).padStart(5, "0")}`,
        `Projet numéro ${index}`,
        `Collectif ${index % 700}`,
        index % 2 ? "SCIC" : "Association",
        communes[index % 3]?.code ?? "",
        ["Alimentation", "Mobilité", "Habitat"][index % 3] ?? "",
        index % 4 === 0 ? "Observation" : "",
      ]),
    ];
    const bytes = encode(csv(lines));
    expect(await runImport(db, moderator, { networkId: network.id, bytes })).toEqual({
      created: 10_000,
      updated: 0,
      unchanged: 0,
      stagesDeclared: 2_500,
      handovers: 0,
      invited: 0,
      refused: 0,
    });
    expect(await portfolioCount(db, network.id)).toBe(10_000);
    expect(await runImport(db, moderator, { networkId: network.id, bytes })).toMatchObject({ created: 0, updated: 0, unchanged: 10_000 });
    expect(await portfolioCount(db, network.id)).toBe(10_000);
  });
});

describe("exporting a portfolio", () => {
  const database = useTestDatabase();

  it("neutralises every cell a spreadsheet would run as a formula, in CSV and XLSX", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const hostile = [
      ["identifiant", "titre", "collectif", "commune", "secteur"],
      ["=1+1", '=HYPERLINK("http://evil.test";"clic")', "+33 collectif", communes[0]?.code ?? "", "Alimentation"],
      ["@SUM", "-2 titre", "@collectif", communes[1]?.code ?? "", "=cmd"],
    ];
    await runImport(db, moderator, { networkId: network.id, bytes: encode(csv(hostile)) });
    const query = { networkId: network.id };
    const csvAnswer = await answerExportRequest(db, moderator, query, "csv");
    expect(csvAnswer.headers.get("content-disposition")).toMatch(/attachment; filename="portefeuille-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await csvAnswer.arrayBuffer());
    // The byte order mark tells Excel it is UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith(EXPORT_HEADERS.join(";"))).toBe(true);
    expect(text).toContain("'=1+1;");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"";""clic"")"`);
    expect(text).toContain("'+33 collectif");
    expect(text).toContain("'@SUM");
    expect(text).toContain(";'-2 titre;");
    // A sector outside the list is « Autre : » and the words: it cannot start a formula either.
    expect(text).toContain(";Autre : =cmd;");
    expect(text).not.toMatch(/(^|;)[=+@-]/m);

    const xlsxAnswer = await answerExportRequest(db, moderator, query, "xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsxAnswer.arrayBuffer());
    const cells: string[] = [];
    workbook.worksheets[0]?.eachRow((row, number) => {
      if (number > 1) row.eachCell((cell) => cells.push(typeof cell.value === "object" ? JSON.stringify(cell.value) : String(cell.value)));
    });
    expect(cells.filter((cell) => /^[=+@-]/.test(cell))).toEqual([]);
    expect(cells).toEqual(expect.arrayContaining(["'=1+1", "'@SUM", "'+33 collectif", "'-2 titre"]));
    expect(workbook.worksheets[0]?.getRow(2).getCell(1).formula).toBeUndefined();
    // Headers for reading, and the last activity a real date cell.
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe("Projet");
    const headers = (sheet?.getRow(1).values ?? []) as unknown[];
    const dayColumn = headers.indexOf("Dernière activité");
    expect(dayColumn).toBeGreaterThan(0);
    const day = sheet?.getRow(2).getCell(dayColumn);
    expect(day?.value).toBeInstanceOf(Date);
    expect(day?.numFmt).toBe("dd/mm/yyyy");
  });

  it("exports what the portfolio page shows, filters included, and re-imports as it came out", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const lines = [
      ["identifiant", "titre", "collectif", "forme_juridique", "commune", "secteur", "emplois"],
      ["E-1", "Projet drômois", "Collectif D", "SCIC", communes[0]?.code ?? "", "Alimentation", "3"],
      ["E-2", "Projet isérois", "Collectif I", "Association", communes[1]?.code ?? "", "Mobilité", "5"],
    ];
    await runImport(db, moderator, { networkId: network.id, bytes: encode(csv(lines)) });
    await db.execute(
      sql`update project set jobs_potential = jobs_now * 2 where id in (select project_id from portfolio_identifier where network_id = ${network.id})`,
    );
    const drome = await (await answerExportRequest(db, moderator, { networkId: network.id, territoryId: "departement-26" }, "csv")).text();
    expect(drome).toContain("Projet drômois");
    expect(drome).not.toContain("Projet isérois");
    const everything = await (await answerExportRequest(db, moderator, { networkId: network.id }, "csv")).text();
    // The jobs columns add up to the database's sums.
    const [header, ...rows] = everything
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n")
      .map((line) => line.split(";"));
    const column = (name: string) => rows.reduce((sum, row) => sum + Number(row[header?.indexOf(name) ?? -1]), 0);
    const [sums] = await selectRows<{ now: number; potential: number }>(
      db,
      sql`select sum(jobs_now)::int as now, sum(jobs_potential)::int as potential from project where id in (select project_id from portfolio_identifier where network_id = ${network.id})`,
    );
    expect({ now: column("emplois"), potential: column("emplois_potentiels") }).toEqual({ now: 8, potential: 16 });
    expect(sums).toEqual({ now: 8, potential: 16 });
    expect(await planImport(db, moderator, { networkId: network.id, bytes: encode(everything) })).toMatchObject({
      errors: [],
      creates: 0,
      updates: 0,
      unchanged: 2,
    });
  });

  it("exports a line per relationship, with the co-holders, that imports back as no change at all", async () => {
    const db = database.db;
    const { moderator, network } = await setup(db);
    const [home, other] = [await freeCommune(db, "26", { inEpci: true }), await freeCommune(db, "38")];
    const header = ["identifiant", "titre", "collectif", "forme_juridique", "commune", "secteur", "resume", "emplois", "stade", "collectivite", "co_porteurs"];
    const file = encode(
      csv([
        header,
        [
          "R-1",
          "Pôle partagé",
          "Collectif R",
          "PTCE",
          home.code,
          "Tiers-lieu",
          'Un pôle ; des "guillemets"\net deux lignes',
          "4",
          "Observation",
          home.code,
          `Jardins de R | ${other.siren}`,
        ],
        ["R-1", "", "", "", "", "", "", "", "Collaboration", home.epciCode ?? "", ""],
        ["R-1", "Pôle partagé", "", "", "", "", "", "", "Défiance", "Département 26", ""],
        ["R-2", "Ressourcerie", "Collectif S", "Association", other.code, "Énergie verte du coin", "", "0", "", "", ""],
      ]),
    );
    const plan = await planImport(db, moderator, { networkId: network.id, bytes: file });
    expect(plan).toMatchObject({ errors: [], creates: 2, updates: 0, unchanged: 0, stagesDeclared: 3 });
    expect(await runImport(db, moderator, { networkId: network.id, bytes: file })).toMatchObject({ created: 2, stagesDeclared: 3 });
    const [pole] = await db.select().from(projects).where(eq(projects.title, "Pôle partagé"));
    // The co-holders: the new collective holds at once; the commune, by its SIREN, is invited (its people answer).
    const holders = await db
      .select({ status: projectParties.status, kind: organisations.kind, name: organisations.name })
      .from(projectParties)
      .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
      .where(and(eq(projectParties.projectId, pole?.id ?? ""), eq(projectParties.role, "holder")));
    expect(holders.map((holder) => [holder.name, holder.status]).sort()).toEqual(
      [
        ["Collectif R", "active"],
        ["Jardins de R", "active"],
        [`Commune de ${other.name}`, "invited"],
      ].sort(),
    );

    const exported = await (await answerExportRequest(db, moderator, { networkId: network.id }, "csv")).text();
    const [exportHeader, ...lines] = Papa.parse<string[]>(exported.replace(/^\uFEFF/, "").trim(), { delimiter: ";" }).data;
    expect(exportHeader?.slice(0, IMPORT_COLUMNS.length)).toEqual(IMPORT_COLUMNS.map((column) => column.key));
    const cell = (line: string[] | undefined, name: string) => line?.[exportHeader?.indexOf(name) ?? -1];
    const poleLines = lines.filter((line) => cell(line, "identifiant") === "R-1");
    expect(poleLines.map((line) => [cell(line, "stade"), cell(line, "collectivite")]).sort()).toEqual(
      [
        ["Observation", home.code],
        ["Collaboration", home.epciCode],
        ["Défiance", "Département 26"],
      ].sort(),
    );
    expect(poleLines.map((line) => cell(line, "co_porteurs"))).toEqual(["Jardins de R", "Jardins de R", "Jardins de R"]);
    expect(cell(poleLines[0], "resume")).toBe('Un pôle ; des "guillemets"\net deux lignes');
    // Back in, nothing to do: not a field, a holder nor a stage.
    expect(await planImport(db, moderator, { networkId: network.id, bytes: encode(exported) })).toMatchObject({
      errors: [],
      creates: 0,
      updates: 0,
      unchanged: 2,
      stagesDeclared: 0,
      invitations: 0,
    });
  });

  it("invites a named collective that has its own people, and tells its admins", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const admin = await makePerson(db);
    const existing = await makeCollective(db, { admin });
    // The collective holds a project of the portfolio already: the network knows it by its name.
    await runImport(db, moderator, {
      networkId: network.id,
      bytes: encode(
        csv([
          ["identifiant", "titre", "collectif", "commune"],
          ["K-0", "Premier", "Stand-in", communes[0]?.code ?? ""],
        ]),
      ),
    });
    const [first] = await db.select().from(projects).where(eq(projects.title, "Premier"));
    await db.insert(projectParties).values({ projectId: first?.id ?? "", organisationId: existing.id, role: "holder" });
    const file = encode(
      csv([
        ["identifiant", "titre", "collectif", "commune", "co_porteurs"],
        ["K-1", "Second", "Collectif K", communes[1]?.code ?? "", existing.name],
      ]),
    );
    await runImport(db, moderator, { networkId: network.id, bytes: file });
    const [second] = await db.select().from(projects).where(eq(projects.title, "Second"));
    const [party] = await db
      .select()
      .from(projectParties)
      .where(and(eq(projectParties.projectId, second?.id ?? ""), eq(projectParties.organisationId, existing.id)));
    expect(party).toMatchObject({ role: "holder", status: "invited" });
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, admin.userId), eq(notifications.kind, "co_holding")));
    expect(told).toEqual([expect.objectContaining({ payload: expect.objectContaining({ event: "invited", title: "Second" }) })]);
    await callerFor(db, admin).holder.answer({ projectId: second?.id ?? "", organisationId: existing.id, accept: true });
    expect((await callerFor(db, admin).project.get({ projectId: second?.id ?? "" })).can.edit).toBe(true);
  });

  it("offers a template that imports as it is", async () => {
    const db = database.db;
    const { moderator, network } = await setup(db);
    const template = new Uint8Array(await answerTemplateRequest().arrayBuffer());
    const plan = await planImport(db, moderator, { networkId: network.id, bytes: template });
    expect(plan).toMatchObject({ errors: [], creates: 1, stagesDeclared: 1, invitations: 1 });
  });
});

describe("the portfolio's route handlers", () => {
  const database = useTestDatabase();

  function upload(networkId: string, body: BodyInit | null, headers: Record<string, string> = { origin: env.APP_URL, host: "127.0.0.1:3100" }) {
    return new Request(`http://127.0.0.1:3100/api/reseaux/${networkId}/import`, { method: "POST", body, headers });
  }

  function form(bytes: Uint8Array, mode: "apercu" | "import") {
    const data = new FormData();
    data.set("fichier", new Blob([bytes as BlobPart]), "portefeuille.csv");
    data.set("mode", mode);
    return data;
  }

  it("streams the import's progress, then its outcome", async () => {
    const db = database.db;
    const { moderator, network, communes } = await setup(db);
    const bytes = encode(
      csv([
        ["identifiant", "titre", "collectif", "commune"],
        ["H-1", "Projet HTTP", "Collectif H", communes[0]?.code ?? ""],
      ]),
    );
    const preview = await answerImportRequest(db, moderator, network.id, upload(network.id, form(bytes, "apercu")));
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ creates: 1, errors: [] });
    const answer = await answerImportRequest(db, moderator, network.id, upload(network.id, form(bytes, "import")));
    expect(answer.headers.get("content-type")).toContain("application/x-ndjson");
    const messages = (await answer.text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { type: string });
    expect(messages.at(0)).toMatchObject({ type: "progress", total: 1 });
    expect(messages.at(-1)).toEqual({
      type: "done",
      result: { created: 1, updated: 0, unchanged: 0, stagesDeclared: 0, handovers: 0, invited: 0, refused: 0 },
    });
  });

  it("refuses a foreign origin, the signed-out, people outside the network, a non-file and a malformed id", async () => {
    const db = database.db;
    const { network } = await setup(db);
    const stranger: TestPerson = await makePerson(db);
    const admin = await makePerson(db, { platformAdmin: true });
    const bytes = encode("identifiant\r\nX");
    const before = await databaseFingerprint(db);
    const foreign = await answerImportRequest(
      db,
      admin,
      network.id,
      upload(network.id, form(bytes, "import"), { origin: "https://evil.test", host: "127.0.0.1:3100" }),
    );
    expect(foreign.status).toBe(403);
    expect((await answerImportRequest(db, null, network.id, upload(network.id, form(bytes, "apercu")))).status).toBe(401);
    expect((await answerImportRequest(db, stranger, network.id, upload(network.id, form(bytes, "apercu")))).status).toBe(404);
    expect((await answerImportRequest(db, stranger, "not-a-uuid", upload("not-a-uuid", form(bytes, "apercu")))).status).toBe(404);
    const notAFile = await answerImportRequest(
      db,
      admin,
      network.id,
      upload(network.id, "fichier=rien", { origin: env.APP_URL, host: "127.0.0.1:3100", "content-type": "application/x-www-form-urlencoded" }),
    );
    expect(notAFile.status).toBe(400);
    expect(await notAFile.json()).toMatchObject({ error: "Choisissez un fichier CSV ou XLSX." });
    const tooBig = await answerImportRequest(
      db,
      admin,
      network.id,
      upload(network.id, form(bytes, "apercu"), { origin: env.APP_URL, host: "127.0.0.1:3100", "content-length": String(20 * 1024 * 1024) }),
    );
    expect(tooBig.status).toBe(400);
    expect((await answerExportRequest(db, stranger, { networkId: network.id }, "csv")).status).toBe(404);
    expect((await answerExportRequest(db, null, { networkId: network.id }, "csv")).status).toBe(401);
    expect((await answerExportRequest(db, admin, { networkId: network.id }, "pdf")).status).toBe(404);
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("neutralises formula starters, and only them", () => {
    expect(["=A1", "+1", "-1", "@A", "\tx", "Texte", "1-2", "a=b"].map(neutraliseCell)).toEqual(["'=A1", "'+1", "'-1", "'@A", "'\tx", "Texte", "1-2", "a=b"]);
  });
});
