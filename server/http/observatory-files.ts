// L'Observatoire's open data over HTTP: /observatoire/donnees/<level>.csv and .json, and the
// schema that describes both. Public; each answer may be kept by caches as long as the figures are.
import type { DbOrTx } from "@/db";
import { env } from "@/server/env";
import { DATASETS, datasetCsv, datasetJson, tableSchema, type Dataset } from "@/server/domain/observatory-files";
import { OBSERVATORY_TTL_MINUTES } from "@/server/domain/observatory";
import { observatoryDataset } from "@/server/services/observatory-dataset";

const CACHE = `public, max-age=${OBSERVATORY_TTL_MINUTES * 60}`;

export async function answerObservatoryFile(db: DbOrTx, file: string): Promise<Response> {
  if (file === "schema.json") {
    const today = new Date().toISOString().slice(0, 10);
    return Response.json(tableSchema(today, env.APP_URL), { headers: { "Cache-Control": CACHE } });
  }
  const match = /^([a-z]+)\.(csv|json)$/.exec(file);
  const dataset = match?.[1] as Dataset | undefined;
  if (!match || !dataset || !(dataset in DATASETS)) return new Response("Fichier introuvable.", { status: 404 });
  const { territories, producedOn } = await observatoryDataset(db, dataset);
  if (match[2] === "json") return Response.json(datasetJson(dataset, territories, producedOn, env.APP_URL), { headers: { "Cache-Control": CACHE } });
  return new Response(datasetCsv(territories), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="maillage-observatoire-${dataset}-${producedOn}.csv"`,
      "Cache-Control": CACHE,
    },
  });
}
