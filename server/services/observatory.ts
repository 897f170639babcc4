// L'Observatoire's pages: one territory's figures and those of the territories below it, read from
// the counts kept ahead of readers (observatory-count.ts), published under the small-cell rule
// (server/domain/observatory.ts). Public: nothing but public projects is ever named.
import { asc, desc, sql, type SQL } from "drizzle-orm";
import { selectRows, type Database, type DbOrTx } from "@/db";
import { projects } from "@/db/schema";
import {
  CHILD_LEVEL,
  EMPTY_FIGURES,
  PUBLIC_PROJECTS_PAGE,
  publishedArea,
  publishedFigures,
  type ObservatoryLevel,
  type TerritoryLevel,
} from "@/server/domain/observatory";
import { notFound } from "@/server/errors";
import { communesOf, figuresCountedAt, rawFigures, type CountedRow } from "./observatory-count";
import { projectListQuery } from "./projects";

type Place = { level: ObservatoryLevel; code: string; name: string };

/** A territory of the observatory, with the way up to France; NOT_FOUND for a code that names none. */
export async function observatoryPlace(
  db: DbOrTx,
  level: ObservatoryLevel,
  code: string,
): Promise<{ place: Place; parents: Place[]; regionCode: string | null }> {
  const france: Place = { level: "france", code: "FR", name: "France" };
  if (level === "france") return { place: france, parents: [], regionCode: null };
  // The territory first, then its région, département and EPCI where they are above it.
  const rows = await selectRows<{ kind: TerritoryLevel; code: string; name: string; region_code: string | null }>(
    db,
    sql`with here as (select * from territory where id = ${`${level}-${code}`})
      select kind, code, name, region_code from here
      union all select up.kind, up.code, up.name, up.region_code from here join territory up on
        (up.id = 'region-' || here.region_code and here.kind <> 'region')
        or (up.id = 'departement-' || here.departement_code and here.kind in ('epci', 'commune'))
        or (up.id = 'epci-' || here.epci_code and here.kind = 'commune')`,
  );
  const [territory, ...above] = rows;
  if (!territory) throw notFound("territoryNotFound");
  const order: TerritoryLevel[] = ["region", "departement", "epci"];
  const parents = above.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind)).map((row) => ({ level: row.kind, code: row.code, name: row.name }));
  return { place: { level, code: territory.code, name: territory.name }, parents: [france, ...parents], regionCode: territory.region_code };
}

/** The page's own counted figures, and when the figures were counted (null: never yet). */
async function ownFigures(db: DbOrTx, level: ObservatoryLevel, code: string) {
  const [row] = await selectRows<{ counted_at: string | Date | null; figures: CountedRow | null }>(
    db,
    sql`select (select counted_at from observatory_figure where level = 'france') as counted_at,
      (select figures from observatory_figure where level = ${level} and code = ${code}) as figures`,
  );
  return { countedAt: row?.counted_at ? new Date(row.counted_at) : null, figures: row?.figures ? rawFigures(row.figures) : EMPTY_FIGURES };
}

/**
 * The territories a page shows below its own, each with its name and what a map's area, a table's
 * row or a commune's tile shows: France's régions and départements, a région's départements (the
 * map shows France's, those outside it blank), a département's intercommunalities and the communes
 * where a project acts, an EPCI's every member commune.
 */
async function areasBelow(db: DbOrTx, level: ObservatoryLevel, code: string) {
  const which: Record<ObservatoryLevel, SQL | null> = {
    france: sql`t.kind in ('region', 'departement')`,
    region: sql`t.kind = 'departement'`,
    departement: sql`(t.kind = 'epci' and t.code in (select distinct epci_code from territory c where c.kind = 'commune' and ${communesOf(level, code)}))
      or (t.kind = 'commune' and t.departement_code = ${code} and f.code is not null)`,
    epci: sql`t.kind = 'commune' and t.epci_code = ${code}`,
    commune: null,
  };
  const condition = which[level];
  if (!condition) return [];
  const rows = await selectRows<{
    kind: TerritoryLevel;
    code: string;
    name: string;
    region_code: string | null;
    projects: number | null;
    collaborating: number | null;
    jobs_potential: number | null;
  }>(
    db,
    sql`select t.kind, t.code, t.name, t.region_code, (f.figures->>'projects')::int as projects,
        (f.figures->>'collaborating_projects')::int as collaborating, (f.figures->>'jobs_potential')::int as jobs_potential
      from territory t left join observatory_figure f on f.level = t.kind::text and f.code = t.code
      where ${condition} order by t.kind, ${level === "france" || level === "region" ? sql`t.code` : sql`t.name`}`,
  );
  return rows.map((row) => ({
    level: row.kind,
    code: row.code,
    name: row.name,
    regionCode: row.region_code,
    figures: publishedArea({ projects: row.projects ?? 0, collaboratingProjects: row.collaborating ?? 0, jobsPotential: row.jobs_potential ?? 0 }),
  }));
}

/** How many of a département's communes its page shows, the busiest first. */
const DEPARTEMENT_COMMUNES = 60;

/** The public projects acting in a territory, latest first: the only projects named. */
async function publicProjectsIn(db: DbOrTx, level: ObservatoryLevel, code: string, page: number) {
  const acting =
    level === "france"
      ? // Checked row by row along the latest-first index, stopping at the page's end (as a semi-join, every project's communes would be hashed).
        sql`coalesce((select true from project_commune pc where pc.project_id = p.id limit 1), false)`
      : sql`p.id in (select pc.project_id from project_commune pc join territory c on c.id = pc.commune_id where c.kind = 'commune' and ${communesOf(level, code)})`;
  // The page's projects picked first, then described: the planner would otherwise describe every public project before sorting.
  const latest = sql`select p.id from project p where p.visibility = 'public' and ${acting}
    order by p.updated_at desc, p.id limit ${PUBLIC_PROJECTS_PAGE} offset ${(page - 1) * PUBLIC_PROJECTS_PAGE}`;
  return projectListQuery(db)
    .where(sql`${projects.id} in (${latest})`)
    .orderBy(desc(projects.updatedAt), asc(projects.id));
}

/**
 * One level's page of the observatory: its figures, those of the territories below, the
 * départements' map, its public projects. `primary` counts the figures when they are missing or
 * old (`db` may be a read replica).
 */
export async function getObservatoryPage(db: Database, input: { level: ObservatoryLevel; code: string; page?: number }, primary: Database = db) {
  const { level, code } = input;
  const page = input.page ?? 1;
  const [{ place, parents, regionCode }, counted, areas, publicProjects] = await Promise.all([
    observatoryPlace(db, level, code),
    ownFigures(db, level, code),
    areasBelow(db, level, code),
    publicProjectsIn(db, level, code, page),
  ]);
  const countedAt = await figuresCountedAt(primary, counted.countedAt);
  // Never counted yet (a new database): counted just now, read again where they were counted.
  const [own, below] = counted.countedAt ? [counted, areas] : await Promise.all([ownFigures(primary, level, code), areasBelow(primary, level, code)]);
  const child = CHILD_LEVEL[level];
  const children = level === "france" || level === "departement" ? below.filter((area) => area.level === child) : [];
  const departements =
    level === "france" || level === "region"
      ? below
          .filter((area) => area.level === "departement")
          .map((area) => {
            const inside = regionCode === null || area.regionCode === regionCode;
            return { ...area, inside, figures: inside ? area.figures : publishedArea({ projects: 0, collaboratingProjects: 0, jobsPotential: 0 }) };
          })
      : [];
  let communes = below.filter((area) => area.level === "commune");
  let moreCommunes = 0;
  if (level === "departement") {
    // A département's busiest communes (a secret count between 1 and 4 ranks as 1); the data files hold them all.
    const acting = communes.sort((a, b) => (b.figures.projects ?? 1) - (a.figures.projects ?? 1) || a.name.localeCompare(b.name, "fr"));
    communes = acting.slice(0, DEPARTEMENT_COMMUNES);
    moreCommunes = Math.max(0, acting.length - DEPARTEMENT_COMMUNES);
  }
  return {
    place,
    parents,
    regionCode,
    figures: publishedFigures(own.figures),
    children,
    communes,
    moreCommunes,
    departements,
    publicProjects,
    page,
    countedAt,
  };
}

export type ObservatoryPage = Awaited<ReturnType<typeof getObservatoryPage>>;
