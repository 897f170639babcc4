// The portfolio's files over HTTP: the upload of a spreadsheet (dry run, then import with its
// progress streamed line by line), the exports, the template. Route handlers only call these.
import type { Database, DbOrTx } from "@/db";
import { exportCsv, exportXlsx, importTemplateCsv, MAX_IMPORT_BYTES } from "@/server/domain/spreadsheet";
import { DomainError, httpStatusOf } from "@/server/errors";
import { errorMessage } from "@/server/i18n/errors";
import type { Locale } from "@/server/i18n/config";
import { assertCanModerateNetwork, type Actor } from "@/server/services/access";
import { planImport, refusedLinesCsv, runImport } from "@/server/services/portfolio-import";
import { portfolioExportLines } from "@/server/services/portfolio-export";
import type { PortfolioQuery } from "@/server/services/portfolio-table";
import { isSameOrigin, localeOf } from "./request";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Who may touch a network's files: its moderators and admins, or a platform admin; others are told it does not exist. */
async function assertNetworkFiles(db: DbOrTx, actor: Actor | null, networkId: string) {
  if (!actor) throw new DomainError("UNAUTHORIZED", "signInFirst");
  if (!UUID.test(networkId)) throw new DomainError("NOT_FOUND", "networkNotFound");
  await assertCanModerateNetwork(db, actor, networkId);
}

function errorResponse(error: unknown, locale: Locale): Response {
  if (error instanceof DomainError) {
    const details = error.details as { errors?: unknown } | undefined;
    return Response.json({ error: error.messageIn(locale), errors: details?.errors ?? [] }, { status: httpStatusOf(error.code) });
  }
  throw error;
}

/** Multipart overhead allowed on top of the file itself. */
const FORM_OVERHEAD = 64 * 1024;

async function uploadedBytes(request: Request): Promise<{ bytes: Uint8Array; mode: string }> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_IMPORT_BYTES + FORM_OVERHEAD) throw new DomainError("BAD_REQUEST", "fileTooLarge");
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new DomainError("BAD_REQUEST", "sendFromImportForm");
  }
  const file = form.get("fichier");
  if (!(file instanceof Blob)) throw new DomainError("BAD_REQUEST", "chooseSpreadsheet");
  if (file.size > MAX_IMPORT_BYTES) throw new DomainError("BAD_REQUEST", "fileTooLarge");
  return { bytes: new Uint8Array(await file.arrayBuffer()), mode: String(form.get("mode") ?? "apercu") };
}

/**
 * POST /api/reseaux/[id]/import, multipart: `fichier` and `mode` — "apercu" for the dry run,
 * "import" to import a file without errors, "import-valides" to import its valid lines and leave
 * the refused ones out, "refusees" for the refused lines as CSV with their errors. An import
 * answers a stream of JSON lines: progress, then the outcome.
 */
export async function answerImportRequest(db: Database, actor: Actor | null, networkId: string, request: Request): Promise<Response> {
  const locale = localeOf(request);
  if (!isSameOrigin(request)) return Response.json({ error: errorMessage(locale, "notFromMaillage") }, { status: 403 });
  try {
    await assertNetworkFiles(db, actor, networkId);
    const { bytes, mode } = await uploadedBytes(request);
    if (mode === "refusees") {
      return new Response(await refusedLinesCsv(db, actor, { networkId, bytes }), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${fileName("lignes-refusees", "csv")}"`,
          "Cache-Control": "no-store",
        },
      });
    }
    if (mode !== "import" && mode !== "import-valides") return Response.json(await planImport(db, actor, { networkId, bytes }));
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (message: object) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
        try {
          const result = await runImport(
            db,
            actor,
            { networkId, bytes },
            { signal: request.signal, skipRefused: mode === "import-valides", onProgress: (done, total) => send({ type: "progress", done, total }) },
          );
          send({ type: "done", result });
        } catch (error) {
          if (error instanceof DomainError) {
            send({ type: "error", message: error.messageIn(locale), errors: (error.details as { errors?: unknown } | undefined)?.errors ?? [] });
          } else {
            console.error("import failed", error);
            send({ type: "error", message: errorMessage(locale, "importFailed"), errors: [] });
          }
        }
        controller.close();
      },
    });
    return new Response(body, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
  } catch (error) {
    return errorResponse(error, locale);
  }
}

function fileName(kind: string, extension: string) {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  return `${kind}-${day}.${extension}`;
}

/** GET /api/reseaux/[id]/export/(csv|xlsx), with the portfolio page's filters in the query. */
export async function answerExportRequest(db: DbOrTx, actor: Actor | null, query: PortfolioQuery, format: string, locale: Locale = "fr"): Promise<Response> {
  try {
    await assertNetworkFiles(db, actor, query.networkId);
    if (format !== "csv" && format !== "xlsx") throw new DomainError("NOT_FOUND", "unknownFormat");
    const rows = await portfolioExportLines(db, query);
    if (format === "csv") {
      return new Response(exportCsv(rows), {
        headers: {
          "Content-Type": "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${fileName("portefeuille", "csv")}"`,
          "Cache-Control": "no-store",
        },
      });
    }
    const bytes = await exportXlsx(rows, "Portefeuille");
    return new Response(new Blob([bytes as BlobPart]), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="${fileName("portefeuille", "xlsx")}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error, locale);
  }
}

export function answerTemplateRequest(): Response {
  return new Response(importTemplateCsv(), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="modele-import-maillage.csv"' },
  });
}
