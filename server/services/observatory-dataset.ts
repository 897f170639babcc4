// L'Observatoire's open data: every territory of a level with its published figures, the rows of
// the files at /observatoire/donnees, read from the same counts as the pages.
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db";
import { EMPTY_FIGURES, publishedFigures } from "@/server/domain/observatory";
import { DATASETS, type Dataset } from "@/server/domain/observatory-files";
import { figuresCounted, rawFigures, type CountedRow } from "./observatory-count";

type Row = { code: string; name: string; figures: CountedRow | null };

async function readDataset(db: Database, dataset: Dataset) {
  const level = DATASETS[dataset];
  // Every région, département and EPCI; of the communes, those where a project acts (the others are all zeros).
  return selectRows<Row>(
    db,
    level === "france"
      ? sql`select 'FR' as code, 'France' as name, f.figures from observatory_figure f where f.level = 'france'`
      : sql`select t.code, t.name, f.figures from territory t ${level === "commune" ? sql`join` : sql`left join`} observatory_figure f on f.level = t.kind::text and f.code = t.code
          where t.kind = ${level} order by t.code`,
  );
}

/** Every territory of a level with its published figures: the open data files' rows, and the day they were counted. */
export async function observatoryDataset(db: Database, dataset: Dataset) {
  const countedAt = await figuresCounted(db);
  const rows = await readDataset(db, dataset);
  const level = DATASETS[dataset];
  const territories = rows.map((row) => ({
    level,
    code: row.code,
    name: row.name,
    figures: publishedFigures(row.figures ? rawFigures(row.figures) : EMPTY_FIGURES),
  }));
  return { dataset, territories, producedOn: countedAt.toISOString().slice(0, 10) };
}
