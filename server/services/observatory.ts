// L'Observatoire's figures: counted by the database for one territory, or for every territory of a
// level at once (the open data files), in one statement; published under the small-cell rule
// (server/domain/observatory.ts). Public: no access rule reads anything but public projects' names.
import { asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { selectRows, type DbOrTx } from "@/db";
import { projects, territories } from "@/db/schema";
import {
  CHILD_LEVEL,
  EMPTY_FIGURES,
  MOVES_MONTHS,
  OBSERVATORY_TTL_MINUTES,
  PUBLIC_PROJECTS_PAGE,
  publishedArea,
  publishedFigures,
  RURAL_POPULATION,
  type Figures,
  type ObservatoryLevel,
  type RawFigures,
  type TerritoryLevel,
} from "@/server/domain/observatory";
import type { Stage } from "@/server/domain/gradient";
import type { LegalForm } from "@/server/domain/organisations";
import { notFound } from "@/server/errors";
import { projectListQuery } from "./projects";

/** Each territory's key in the grouped counts: the column of its communes that names it. */
const KEY_OF: Record<ObservatoryLevel, SQL> = {
  france: sql`'FR'`,
  region: sql`c.region_code`,
  departement: sql`c.departement_code`,
  epci: sql`c.epci_code`,
  commune: sql`c.code`,
};

/** The communes of one territory, as a condition on `c` (a commune of `territory`). */
export function communesOf(level: ObservatoryLevel, code: string): SQL {
  if (level === "france") return sql`true`;
  return sql`${KEY_OF[level]} = ${code}`;
}

type Row = {
  key: string;
  projects: number;
  public_projects: number;
  rural_projects: number;
  jobs_now: number;
  jobs_potential: number;
  collaborating_projects: number;
  forward: number | null;
  forward_projects: number | null;
  backward: number | null;
  backward_projects: number | null;
  stages: { stage: Stage; relationships: number; projects: number }[] | null;
  legal_forms: { legalForm: LegalForm | null; projects: number }[] | null;
  sectors: { sector: string; projects: number }[] | null;
};

/**
 * The figures of every territory of `level` whose communes meet `scope`, by the territory's code:
 * the projects acting in at least one of its communes (a project acting in two départements counts
 * in both), their relationships by stage (ended ones aside), their stage moves of the last twelve
 * months, their jobs, legal forms (of the structure to contact) and sectors, and how many are based
 * in a rural commune.
 */
export async function countFiguresBy(db: DbOrTx, level: ObservatoryLevel, scope: SQL, now = new Date()): Promise<Map<string, RawFigures>> {
  const since = new Date(now);
  since.setMonth(since.getMonth() - MOVES_MONTHS);
  const rows = await selectRows<Row>(
    db,
    sql`with inside as (
          select distinct ${KEY_OF[level]} as key, pc.project_id from project_commune pc join territory c on c.id = pc.commune_id
          where c.kind = 'commune' and ${KEY_OF[level]} is not null and ${scope}),
        p as (
          select inside.key, p.id, p.sector, p.jobs_now, p.jobs_potential, p.visibility, contact.legal_form,
            coalesce(base.population, 0) < ${RURAL_POPULATION} as rural
          from inside join project p on p.id = inside.project_id
          join territory base on base.id = p.commune_id join organisation contact on contact.id = p.contact_holder_id),
        rel as (
          select p.key, r.project_id, r.stage from p join relationship r on r.project_id = p.id
          where r.stage is not null and r.ended_at is null),
        moves as (
          select p.key, sm.project_id, sm.to_stage > sm.from_stage as forward from p join stage_move sm on sm.project_id = p.id
          where sm.from_stage is not null and sm.decided_at >= ${since.toISOString()}::timestamptz and sm.decided_at <= ${now.toISOString()}::timestamptz),
        totals as (
          select key, count(*)::int as projects, (count(*) filter (where visibility = 'public'))::int as public_projects,
            (count(*) filter (where rural))::int as rural_projects,
            coalesce(sum(jobs_now), 0)::int as jobs_now, coalesce(sum(jobs_potential), 0)::int as jobs_potential
          from p group by key),
        staged as (
          select key, json_agg(json_build_object('stage', stage, 'relationships', n, 'projects', k) order by stage) as stages
          from (select key, stage, count(*)::int as n, count(distinct project_id)::int as k from rel group by key, stage) s group by key),
        collaborating as (
          select key, count(distinct project_id)::int as n from rel where stage in ('collaboration', 'coportage') group by key),
        moved as (
          select key, (count(*) filter (where forward))::int as forward, (count(distinct project_id) filter (where forward))::int as forward_projects,
            (count(*) filter (where not forward))::int as backward, (count(distinct project_id) filter (where not forward))::int as backward_projects
          from moves group by key),
        forms as (
          select key, json_agg(json_build_object('legalForm', legal_form, 'projects', n) order by n desc, legal_form) as legal_forms
          from (select key, legal_form, count(*)::int as n from p group by key, legal_form) f group by key),
        sectors as (
          select key, json_agg(json_build_object('sector', sector, 'projects', n) order by n desc, sector) as sectors
          from (select key, sector, count(*)::int as n from p group by key, sector) s group by key)
      select totals.*, coalesce(collaborating.n, 0) as collaborating_projects, moved.forward, moved.forward_projects, moved.backward,
        moved.backward_projects, staged.stages, forms.legal_forms, sectors.sectors
      from totals left join staged using (key) left join collaborating using (key) left join moved using (key)
        left join forms using (key) left join sectors using (key)`,
  );
  return new Map(
    rows.map((row) => [
      row.key,
      {
        projects: row.projects,
        publicProjects: row.public_projects,
        ruralProjects: row.rural_projects,
        jobsNow: row.jobs_now,
        jobsPotential: row.jobs_potential,
        stages: row.stages ?? [],
        collaboratingProjects: row.collaborating_projects,
        forward: row.forward ?? 0,
        forwardProjects: row.forward_projects ?? 0,
        backward: row.backward ?? 0,
        backwardProjects: row.backward_projects ?? 0,
        legalForms: row.legal_forms ?? [],
        sectors: row.sectors ?? [],
      },
    ]),
  );
}

/**
 * What the map, the tables and the communes' grid show of the territories of `level` that `which`
 * selects (a condition on `t`, the territory): each one's name, projects, those at Collaboration or
 * Co-portage and potential jobs, counted over its communes that meet `scope` — the same counts as
 * countFiguresBy's, without the rest, in one statement.
 */
async function namedAreas(db: DbOrTx, level: TerritoryLevel, which: SQL, scope: SQL) {
  const rows = await selectRows<{ code: string; name: string; region_code: string | null; projects: number; collaborating: number; jobs_potential: number }>(
    db,
    sql`with inside as (
          select distinct ${KEY_OF[level]} as key, pc.project_id from project_commune pc join territory c on c.id = pc.commune_id
          where c.kind = 'commune' and ${KEY_OF[level]} is not null and ${scope}),
        counted as (
          select inside.key, count(*)::int as projects, coalesce(sum(p.jobs_potential), 0)::int as jobs_potential,
            (count(*) filter (where exists (select 1 from relationship r where r.project_id = p.id
              and r.stage in ('collaboration', 'coportage') and r.ended_at is null)))::int as collaborating
          from inside join project p on p.id = inside.project_id group by inside.key)
      select t.code, t.name, t.region_code, coalesce(counted.projects, 0) as projects, coalesce(counted.collaborating, 0) as collaborating,
        coalesce(counted.jobs_potential, 0) as jobs_potential
      from territory t left join counted on counted.key = t.code
      where t.kind = ${level} and ${which} order by ${level === "departement" ? sql`t.code` : sql`t.name`}`,
  );
  return rows.map((row) => ({
    level,
    code: row.code,
    name: row.name,
    regionCode: row.region_code,
    figures: publishedArea({ projects: row.projects, collaboratingProjects: row.collaborating, jobsPotential: row.jobs_potential }),
  }));
}

type Place = { level: ObservatoryLevel; code: string; name: string };

/** A territory of the observatory, with the way up to France; NOT_FOUND for a code that names none. */
export async function observatoryPlace(
  db: DbOrTx,
  level: ObservatoryLevel,
  code: string,
): Promise<{ place: Place; parents: Place[]; regionCode: string | null }> {
  const france: Place = { level: "france", code: "FR", name: "France" };
  if (level === "france") return { place: france, parents: [], regionCode: null };
  const [territory] = await db
    .select()
    .from(territories)
    .where(eq(territories.id, `${level}-${code}`));
  if (!territory) throw notFound("territoryNotFound");
  const parentIds = [
    territory.regionCode && level !== "region" ? `region-${territory.regionCode}` : null,
    territory.departementCode && (level === "epci" || level === "commune") ? `departement-${territory.departementCode}` : null,
    territory.epciCode && level === "commune" ? `epci-${territory.epciCode}` : null,
  ].filter((id): id is string => id !== null);
  const parentRows =
    parentIds.length === 0
      ? []
      : await selectRows<{ id: string; kind: TerritoryLevel; code: string; name: string }>(
          db,
          sql`select id, kind, code, name from territory where id in (${sql.join(
            parentIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        );
  const parents = parentIds.flatMap((id) => {
    const row = parentRows.find((candidate) => candidate.id === id);
    return row ? [{ level: row.kind, code: row.code, name: row.name }] : [];
  });
  return { place: { level, code: territory.code, name: territory.name }, parents: [france, ...parents], regionCode: territory.regionCode };
}

/**
 * The territories a page lists below its own, each with its figures (none left out for having no
 * project): France's régions (its map's other cut), a département's intercommunalities. A région's
 * départements come with its map; an EPCI's communes as a grid.
 */
async function childrenOf(db: DbOrTx, level: ObservatoryLevel, code: string) {
  const child = CHILD_LEVEL[level];
  if (!child) return [];
  const scope = communesOf(level, code);
  return namedAreas(db, child, sql`t.code in (select distinct ${KEY_OF[child]} from territory c where c.kind = 'commune' and ${scope})`, scope);
}

/** How many of a département's communes its page shows, the busiest first. */
const DEPARTEMENT_COMMUNES = 60;

/**
 * The communes a page shows as a grid: an EPCI's every member commune, a département's communes
 * where at least one project acts (no package ships communes' outlines for a map).
 */
async function communesFor(db: DbOrTx, level: ObservatoryLevel, code: string) {
  if (level !== "epci" && level !== "departement") return { communes: [], moreCommunes: 0 };
  const which = level === "epci" ? sql`t.epci_code = ${code}` : sql`t.departement_code = ${code}`;
  const communes = await namedAreas(db, "commune", which, communesOf(level, code));
  if (level === "epci") return { communes, moreCommunes: 0 };
  // A département's: those with the most projects first (a secret count between 1 and 4 among the
  // smallest), at most DEPARTEMENT_COMMUNES of them; the data files hold them all.
  const acting = communes
    .filter((commune) => commune.figures.projects !== 0)
    .sort((a, b) => (b.figures.projects ?? 1) - (a.figures.projects ?? 1) || a.name.localeCompare(b.name, "fr"));
  return { communes: acting.slice(0, DEPARTEMENT_COMMUNES), moreCommunes: Math.max(0, acting.length - DEPARTEMENT_COMMUNES) };
}

/** The départements of France with their figures, for the map of the France and région pages. */
async function departementsFor(db: DbOrTx, regionCode: string | null) {
  const rows = await namedAreas(db, "departement", sql`true`, regionCode ? sql`c.region_code = ${regionCode}` : sql`true`);
  return rows.map((row) => ({ ...row, inside: regionCode === null || row.regionCode === regionCode }));
}

/** The public projects acting in a territory, latest first: the only projects named. */
async function publicProjectsIn(db: DbOrTx, level: ObservatoryLevel, code: string, page: number) {
  return projectListQuery(db)
    .where(
      sql`${projects.visibility} = 'public' and ${projects.id} in (select pc.project_id from project_commune pc join territory c on c.id = pc.commune_id
        where c.kind = 'commune' and ${communesOf(level, code)})`,
    )
    .orderBy(desc(projects.updatedAt), asc(projects.id))
    .limit(PUBLIC_PROJECTS_PAGE)
    .offset((page - 1) * PUBLIC_PROJECTS_PAGE);
}

/**
 * The figures change only when a file, a stage or a milestone does, and are read far more often:
 * each instance keeps a page's data for OBSERVATORY_TTL_MINUTES, so what a page shows is at most that old.
 */
export const OBSERVATORY_TTL_MS = OBSERVATORY_TTL_MINUTES * 60 * 1000;
const pages = new LRUCache<string, Awaited<ReturnType<typeof computeObservatoryPage>>>({ max: 2_000, ttl: OBSERVATORY_TTL_MS });

async function computeObservatoryPage(db: DbOrTx, level: ObservatoryLevel, code: string, page: number) {
  const { place, parents, regionCode } = await observatoryPlace(db, level, code);
  const [counted, children, { communes, moreCommunes }, departements, publicProjects] = await Promise.all([
    countFiguresBy(db, level, communesOf(level, code)),
    level === "france" || level === "departement" ? childrenOf(db, level, code) : Promise.resolve([]),
    communesFor(db, level, code),
    level === "france" || level === "region" ? departementsFor(db, level === "region" ? code : null) : Promise.resolve([]),
    publicProjectsIn(db, level, code, page),
  ]);
  const figures: Figures = publishedFigures(counted.get(level === "france" ? "FR" : code) ?? EMPTY_FIGURES);
  return { place, parents, regionCode, figures, children, communes, moreCommunes, departements, publicProjects, page, computedAt: new Date() };
}

/**
 * One level's page of the observatory: its figures, those of the territories below, the
 * départements' map, its public projects. `fresh` counts them again whatever is kept (the benchmark).
 */
export async function getObservatoryPage(db: DbOrTx, input: { level: ObservatoryLevel; code: string; page?: number }, options: { fresh?: boolean } = {}) {
  const page = input.page ?? 1;
  const key = `${input.level}:${input.code}:${page}`;
  const cached = options.fresh ? undefined : pages.get(key);
  if (cached) return cached;
  const computed = await computeObservatoryPage(db, input.level, input.code, page);
  pages.set(key, computed);
  return computed;
}

export type ObservatoryPage = Awaited<ReturnType<typeof getObservatoryPage>>;
