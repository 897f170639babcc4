// The observatory's pages in `npm run bench`: their data counted afresh (the cache that serves
// readers bypassed), against one hand-written statement per page for the same figures.
import { sql } from "drizzle-orm";
import { selectRows, type DbOrTx } from "@/db";
import { STAGES, type Stage } from "@/server/domain/gradient";
import { publish, RURAL_POPULATION, type AreaFigures, type ObservatoryLevel } from "@/server/domain/observatory";
import { getObservatoryPage, type ObservatoryPage } from "@/server/services/observatory";
import type { BenchCase } from "./cases";

/** What both answers are compared on: the page's figures, its areas' and children's, its public projects. */
function shapePage(page: ObservatoryPage) {
  const area = (figures: AreaFigures) => [figures.projects, figures.collaboratingProjects, figures.jobsPotential];
  const { figures } = page;
  return {
    figures: {
      projects: figures.projects,
      publicProjects: figures.publicProjects,
      ruralProjects: figures.ruralProjects,
      jobsNow: figures.jobsNow,
      jobsPotential: figures.jobsPotential,
      relationships: figures.relationships,
      collaboratingProjects: figures.collaboratingProjects,
      forward: figures.forward,
      backward: figures.backward,
      legalForms: Object.fromEntries(figures.legalForms.map((row) => [row.legalForm ?? "", row.projects])),
      sectors: Object.fromEntries(figures.sectors.map((row) => [row.sector, row.projects])),
    },
    children: Object.fromEntries(page.children.filter((row) => row.figures.projects !== 0).map((row) => [row.code, area(row.figures)])),
    departements: Object.fromEntries(page.departements.filter((row) => row.inside && row.figures.projects !== 0).map((row) => [row.code, area(row.figures)])),
    communes: Object.fromEntries(page.communes.filter((row) => row.figures.projects !== 0).map((row) => [row.code, area(row.figures)])),
    communesActing: page.communes.filter((row) => row.figures.projects !== 0).length + page.moreCommunes,
    publicProjects: page.publicProjects.map((project) => project.id),
  };
}

type Hand = {
  projects: number;
  public_projects: number;
  rural: number;
  jobs_now: number;
  jobs_potential: number;
  stages: Record<Stage, [number, number]> | null;
  collaborating: number;
  moves: [number, number, number, number];
  forms: Record<string, number> | null;
  sectors: Record<string, number> | null;
  children: Record<string, [number, number, number]> | null;
  departements: Record<string, [number, number, number]> | null;
  communes: Record<string, [number, number, number]> | null;
  public: string[] | null;
};

const KEY: Record<ObservatoryLevel, string> = {
  france: "'FR'",
  region: "c.region_code",
  departement: "c.departement_code",
  epci: "c.epci_code",
  commune: "c.code",
};

/** One statement: the territory's projects once, every figure of the page from them. */
async function handPage(
  db: DbOrTx,
  level: ObservatoryLevel,
  code: string,
  child: ObservatoryLevel,
  withDepartements: boolean,
  listed: Record<string, unknown> | null,
) {
  const withCommunes = listed !== null;
  const scope = level === "france" ? sql`true` : sql`${sql.raw(KEY[level])} = ${code}`;
  const [row] = await selectRows<Hand>(
    db,
    sql`with pc as (select pc.project_id, ${sql.raw(KEY[child])} as child, c.departement_code as departement, c.code as commune
          from project_commune pc join territory c on c.id = pc.commune_id where c.kind = 'commune' and ${scope}),
        p as (select p.id, p.sector, p.jobs_now, p.jobs_potential, p.visibility = 'public' as public, p.updated_at,
            coalesce(base.population, 0) < ${RURAL_POPULATION} as rural, contact.legal_form
          from project p join territory base on base.id = p.commune_id join organisation contact on contact.id = p.contact_holder_id
          where p.id in (select project_id from pc)),
        rel as (select r.project_id, r.stage from relationship r join p on p.id = r.project_id where r.stage is not null and r.ended_at is null),
        collab as (select distinct project_id from rel where stage in ('collaboration', 'coportage'))
      select (select count(*)::int from p) as projects, (select count(*) filter (where public)::int from p) as public_projects,
        (select count(*) filter (where rural)::int from p) as rural,
        (select coalesce(sum(jobs_now), 0)::int from p) as jobs_now, (select coalesce(sum(jobs_potential), 0)::int from p) as jobs_potential,
        (select json_object_agg(stage, json_build_array(n, k)) from (select stage, count(*)::int as n, count(distinct project_id)::int as k from rel group by stage) s) as stages,
        (select count(*)::int from collab) as collaborating,
        (select json_build_array(count(*) filter (where fwd), count(distinct project_id) filter (where fwd), count(*) filter (where not fwd),
            count(distinct project_id) filter (where not fwd))
          from (select sm.project_id, sm.to_stage > sm.from_stage as fwd from stage_move sm join p on p.id = sm.project_id
            where sm.from_stage is not null and sm.decided_at >= now() - interval '12 months' and sm.decided_at <= now()) m) as moves,
        (select json_object_agg(coalesce(legal_form::text, ''), n) from (select legal_form, count(*)::int as n from p group by legal_form) f) as forms,
        (select json_object_agg(sector, n) from (select sector, count(*)::int as n from p group by sector) s) as sectors,
        (select json_object_agg(child, json_build_array(n, k, j)) from (select x.child, count(*)::int as n,
            (count(*) filter (where x.project_id in (select project_id from collab)))::int as k, coalesce(sum(p.jobs_potential), 0)::int as j
          from (select distinct project_id, child from pc where child is not null) x join p on p.id = x.project_id group by x.child) ch) as children,
        ${
          withDepartements
            ? sql`(select json_object_agg(departement, json_build_array(n, k, j)) from (select x.departement, count(*)::int as n,
            (count(*) filter (where x.project_id in (select project_id from collab)))::int as k, coalesce(sum(p.jobs_potential), 0)::int as j
          from (select distinct project_id, departement from pc) x join p on p.id = x.project_id group by x.departement) d)`
            : sql`null::json`
        } as departements,
        ${
          withCommunes
            ? sql`(select json_object_agg(commune, json_build_array(n, k, j)) from (select x.commune, count(*)::int as n,
            (count(*) filter (where x.project_id in (select project_id from collab)))::int as k, coalesce(sum(p.jobs_potential), 0)::int as j
          from (select distinct project_id, commune from pc) x join p on p.id = x.project_id group by x.commune) d)`
            : sql`null::json`
        } as communes,
        (select json_agg(id) from (select id from p where public order by updated_at desc, id limit 20) l) as public`,
  );
  if (!row) throw new Error("no answer");
  const area = ([projects, collaborating, jobs]: [number, number, number]) => [
    publish(projects, projects),
    publish(collaborating, collaborating),
    publish(jobs, projects),
  ];
  const areas = (rows: Record<string, [number, number, number]> | null) =>
    Object.fromEntries(Object.entries(rows ?? {}).map(([key, value]) => [key, area(value)]));
  const [forward, forwardProjects, backward, backwardProjects] = row.moves;
  return {
    figures: {
      projects: publish(row.projects, row.projects),
      publicProjects: row.public_projects,
      ruralProjects: publish(row.rural, row.rural),
      jobsNow: publish(row.jobs_now, row.projects),
      jobsPotential: publish(row.jobs_potential, row.projects),
      relationships: Object.fromEntries(STAGES.map((stage) => [stage, publish(row.stages?.[stage]?.[0] ?? 0, row.stages?.[stage]?.[1] ?? 0)])),
      collaboratingProjects: publish(row.collaborating, row.collaborating),
      forward: publish(forward, forwardProjects),
      backward: publish(backward, backwardProjects),
      legalForms: Object.fromEntries(Object.entries(row.forms ?? {}).map(([form, n]) => [form, publish(n, n)])),
      sectors: Object.fromEntries(Object.entries(row.sectors ?? {}).map(([sector, n]) => [sector, publish(n, n)])),
    },
    children: areas(row.children),
    departements: withDepartements ? areas(row.departements) : {},
    // The page lists its busiest communes, the file all of them: compared on those the page lists, and on how many there are.
    communes: listed ? Object.fromEntries(Object.entries(areas(row.communes)).filter(([code]) => code in listed)) : {},
    communesActing: Object.keys(row.communes ?? {}).length,
    publicProjects: row.public ?? [],
  };
}

export function observatoryCases(db: DbOrTx, departement: string, smallDepartement: string): BenchCase[] {
  // The communes the département's page lists: read once, outside the timings.
  const listedCommunes = getObservatoryPage(db, { level: "departement", code: departement }, { fresh: true }).then(
    (page) => () => Object.fromEntries(page.communes.map((commune) => [commune.code, true])),
  );
  return [
    {
      name: "the observatory's France page, its data counted afresh (observatory.page)",
      targetP95: 30,
      subject: "every project of the country, by région and by département, with its map",
      procedure: () => getObservatoryPage(db, { level: "france", code: "FR" }, { fresh: true }),
      shape: (answer: ObservatoryPage) => shapePage(answer),
      hand: () => handPage(db, "france", "FR", "region", true, null),
      smaller: {
        label: "a small département's page",
        procedure: () => getObservatoryPage(db, { level: "departement", code: smallDepartement }, { fresh: true }),
      },
    },
    {
      name: "the observatory's page of a département, its data counted afresh (observatory.page)",
      targetP95: 30,
      subject: "the département with the most projects, by intercommunality and commune",
      procedure: () => getObservatoryPage(db, { level: "departement", code: departement }, { fresh: true }),
      shape: (answer: ObservatoryPage) => shapePage(answer),
      hand: async () => handPage(db, "departement", departement, "epci", false, (await listedCommunes)()),
      smaller: {
        label: "a small département's page",
        procedure: () => getObservatoryPage(db, { level: "departement", code: smallDepartement }, { fresh: true }),
      },
    },
  ];
}
