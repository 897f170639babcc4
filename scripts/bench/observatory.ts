// The observatory's pages in `npm run bench`: their data read from the counts kept ahead of readers,
// against one hand-written statement over the same counts, and checked against the raw tables.
import { performance } from "node:perf_hooks";
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database, type DbOrTx } from "@/db";
import { STAGES, type Stage } from "@/server/domain/gradient";
import { publish, publishedArea, publishedFigures, RURAL_POPULATION, type AreaFigures, type Figures, type ObservatoryLevel } from "@/server/domain/observatory";
import { getObservatoryPage, type ObservatoryPage } from "@/server/services/observatory";
import { rawFigures, recountObservatory, type CountedRow } from "@/server/services/observatory-count";
import type { BenchCase } from "./cases";

/** A page's own figures, in the compared shape. */
function shapeFigures(figures: Figures) {
  return {
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
  };
}

const area = (figures: AreaFigures) => [figures.projects, figures.collaboratingProjects, figures.jobsPotential];

/** What both answers are compared on: the page's figures, its areas' and children's, its public projects. */
function shapePage(page: ObservatoryPage) {
  return {
    figures: shapeFigures(page.figures),
    children: Object.fromEntries(page.children.filter((row) => row.figures.projects !== 0).map((row) => [row.code, area(row.figures)])),
    departements: Object.fromEntries(page.departements.filter((row) => row.inside && row.figures.projects !== 0).map((row) => [row.code, area(row.figures)])),
    communes: Object.fromEntries(page.communes.filter((row) => row.figures.projects !== 0).map((row) => [row.code, area(row.figures)])),
    communesActing: page.communes.filter((row) => row.figures.projects !== 0).length + page.moreCommunes,
    publicProjects: page.publicProjects.map((project) => [
      project.id,
      project.title,
      project.contactHolderName,
      project.coHolderNames.join(", "),
      project.communeName,
      project.relationships.map((relationship) => `${relationship.authorityName}: ${relationship.stage ?? ""}`).join(", "),
      project.latestMilestone?.title ?? null,
    ]),
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

/**
 * The page's figures counted from the raw tables, in one statement: what the kept counts must
 * equal (each territory below counted whole, as its own page counts it).
 */
async function countedFromScratch(
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
            (count(*) filter (where exists (select 1 from relationship r where r.project_id = x.project_id and r.ended_at is null
              and r.stage in ('collaboration', 'coportage'))))::int as k, coalesce(sum(whole.jobs_potential), 0)::int as j
          from (select distinct pc.project_id, ${sql.raw(KEY[child])} as child from project_commune pc join territory c on c.id = pc.commune_id
            where c.kind = 'commune' and ${sql.raw(KEY[child])} in (select distinct child from pc)) x
          join project whole on whole.id = x.project_id group by x.child) ch) as children,
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

type Kept = {
  figures: CountedRow | null;
  areas: { kind: string; code: string; n: number; k: number; j: number }[] | null;
  public: unknown[][] | null;
};

/** One statement reading the kept counts: the page's own, its areas', and its latest public projects. */
async function readFromKept(db: DbOrTx, level: ObservatoryLevel, code: string, areasOf: SQL, listed: Record<string, unknown> | null) {
  const scope = level === "france" ? sql`true` : sql`${sql.raw(KEY[level])} = ${code}`;
  const [row] = await selectRows<Kept>(
    db,
    sql`select (select figures from observatory_figure where level = ${level} and code = ${code}) as figures,
        (select json_agg(json_build_object('kind', t.kind, 'code', t.code, 'n', (f.figures->>'projects')::int,
            'k', (f.figures->>'collaborating_projects')::int, 'j', (f.figures->>'jobs_potential')::int))
          from territory t join observatory_figure f on f.level = t.kind::text and f.code = t.code where ${areasOf}) as areas,
        (select json_agg(json_build_array(l.id, l.title, contact.name,
            coalesce((select string_agg(o.name, ', ' order by pp.created_at, o.name) from project_party pp join organisation o on o.id = pp.organisation_id
              where pp.project_id = l.id and pp.role = 'holder' and pp.status = 'active' and pp.organisation_id <> l.contact_holder_id), ''),
            base.name,
            coalesce((select string_agg(a.name || ': ' || coalesce(r.stage::text, ''), ', ' order by r.created_at, r.id) from relationship r
              join organisation a on a.id = r.authority_id where r.project_id = l.id), ''),
            (select m.title from milestone m where m.project_id = l.id and m.status = 'done' and m.hidden_at is null
              order by m.occurs_on desc, m.created_at desc, m.id limit 1)) order by l.updated_at desc, l.id)
          from (select p.id, p.title, p.updated_at, p.contact_holder_id, p.commune_id from project p where p.visibility = 'public' and ${
            level === "france"
              ? // Checked row by row along the latest-first index, stopping at the page's end (as a semi-join, every project's communes would be hashed).
                sql`coalesce((select true from project_commune pc where pc.project_id = p.id limit 1), false)`
              : sql`p.id in (select pc.project_id from project_commune pc join territory c on c.id = pc.commune_id where c.kind = 'commune' and ${scope})`
          } order by p.updated_at desc, p.id limit 20) l join organisation contact on contact.id = l.contact_holder_id
          join territory base on base.id = l.commune_id) as public`,
  );
  if (!row?.figures) throw new Error("nothing counted");
  const areas = (kind: string) =>
    Object.fromEntries(
      (row.areas ?? [])
        .filter((entry) => entry.kind === kind && entry.n > 0)
        .map((entry) => [entry.code, area(publishedArea({ projects: entry.n, collaboratingProjects: entry.k, jobsPotential: entry.j }))]),
    );
  const communes = areas("commune");
  return {
    figures: shapeFigures(publishedFigures(rawFigures(row.figures))),
    children: areas(level === "france" ? "region" : "epci"),
    departements: level === "france" ? areas("departement") : {},
    communes: listed ? Object.fromEntries(Object.entries(communes).filter(([commune]) => commune in listed)) : {},
    communesActing: listed ? Object.keys(communes).length : 0,
    publicProjects: row.public ?? [],
  };
}

/**
 * The raw tables' answer, its public projects described as the kept counts' answer describes them
 * when they are the same projects (the raw count checks which projects, the hand SQL how they read).
 */
async function checkedFromScratch(scratch: ReturnType<typeof countedFromScratch>, kept: ReturnType<typeof readFromKept>) {
  const [raw, read] = await Promise.all([scratch, kept]);
  const sameProjects = JSON.stringify(raw.publicProjects) === JSON.stringify(read.publicProjects.map((project) => project[0]));
  return { ...raw, publicProjects: sameProjects ? read.publicProjects : raw.publicProjects };
}

export function observatoryCases(db: Database, departement: string, smallDepartement: string): BenchCase[] {
  // The counts kept ahead of readers, made now; and the communes the département's page lists, read once outside the timings.
  const ready = recountObservatory(db).then(() => getObservatoryPage(db, { level: "departement", code: departement }));
  const listedCommunes = ready.then((page) => Object.fromEntries(page.communes.map((commune) => [commune.code, true])));
  const franceAreas = sql`t.kind in ('region', 'departement')`;
  const departementAreas = sql`(t.kind = 'epci' and t.code in (select distinct epci_code from territory c where c.kind = 'commune'
    and c.departement_code = ${departement})) or (t.kind = 'commune' and t.departement_code = ${departement})`;
  return [
    {
      name: "the observatory's France page (observatory.page)",
      targetP95: 30,
      targetAtTen: 50,
      subject: "every project of the country, by région and by département, with its map",
      procedure: async () => (await ready) && getObservatoryPage(db, { level: "france", code: "FR" }),
      shape: (answer: ObservatoryPage) => shapePage(answer),
      hand: () => readFromKept(db, "france", "FR", franceAreas, null),
      check: {
        label: "counted from the raw tables",
        answer: () => checkedFromScratch(countedFromScratch(db, "france", "FR", "region", true, null), readFromKept(db, "france", "FR", franceAreas, null)),
      },
      smaller: {
        label: "a small département's page",
        procedure: () => getObservatoryPage(db, { level: "departement", code: smallDepartement }),
      },
    },
    {
      name: "the observatory's page of a département (observatory.page)",
      targetP95: 30,
      subject: "the département with the most projects, by intercommunality and commune",
      procedure: async () => (await ready) && getObservatoryPage(db, { level: "departement", code: departement }),
      shape: (answer: ObservatoryPage) => shapePage(answer),
      hand: async () => readFromKept(db, "departement", departement, departementAreas, await listedCommunes),
      check: {
        label: "counted from the raw tables",
        answer: async () =>
          checkedFromScratch(
            countedFromScratch(db, "departement", departement, "epci", false, await listedCommunes),
            readFromKept(db, "departement", departement, departementAreas, await listedCommunes),
          ),
      },
      smaller: {
        label: "a small département's page",
        procedure: () => getObservatoryPage(db, { level: "departement", code: smallDepartement }),
      },
    },
  ];
}

/** How long counting every territory takes: what a reader finding old figures sets off, behind its back. */
export async function timeRecount(db: Database, runs = 5) {
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await recountObservatory(db);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)] ?? 0, slowest: times[runs - 1] ?? 0, runs };
}
