// L'Observatoire's open data: every territory of a level with its published figures, the rows of
// the files at /observatoire/donnees, counted in one statement and kept as long as a page's figures.
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { selectRows, type DbOrTx } from "@/db";
import { EMPTY_FIGURES, publishedFigures } from "@/server/domain/observatory";
import { DATASETS, type Dataset } from "@/server/domain/observatory-files";
import { countFiguresBy, OBSERVATORY_TTL_MS } from "./observatory";

const datasets = new LRUCache<Dataset, Awaited<ReturnType<typeof computeDataset>>>({ max: 10, ttl: OBSERVATORY_TTL_MS });

async function computeDataset(db: DbOrTx, dataset: Dataset) {
  const level = DATASETS[dataset];
  const counted = await countFiguresBy(db, level, sql`true`);
  // Every région, département and EPCI; of the communes, those where a project acts (the others are all zeros).
  const names =
    level === "france"
      ? [{ code: "FR", name: "France" }]
      : await selectRows<{ code: string; name: string }>(db, sql`select code, name from territory where kind = ${level} order by code`);
  const territories = names
    .filter((row) => level !== "commune" || counted.has(row.code))
    .map((row) => ({ level, code: row.code, name: row.name, figures: publishedFigures(counted.get(row.code) ?? EMPTY_FIGURES) }));
  return { dataset, territories, producedOn: new Date().toISOString().slice(0, 10) };
}

/** Every territory of a level with its published figures: the open data files' rows. */
export async function observatoryDataset(db: DbOrTx, dataset: Dataset) {
  const cached = datasets.get(dataset);
  if (cached) return cached;
  const computed = await computeDataset(db, dataset);
  datasets.set(dataset, computed);
  return computed;
}
