// L'Observatoire's counts: every territory's figures counted by the database in one statement per
// level, and kept in observatory_figure so that readers never wait for the country to be counted.
// A reader who finds them older than OBSERVATORY_TTL_MINUTES has them recounted behind its back
// (one instance at a time, under an advisory lock): what a page shows is at most that old, plus the
// time the recount takes (seconds at national scale).
import { sql, type SQL } from "drizzle-orm";
import { selectRows, type Database, type DbOrTx } from "@/db";
import {
  MOVES_MONTHS,
  OBSERVATORY_LEVELS,
  OBSERVATORY_TTL_MINUTES,
  RURAL_POPULATION,
  type ObservatoryLevel,
  type RawFigures,
} from "@/server/domain/observatory";

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

/** A territory's figures as the statement below counts them (and observatory_figure keeps them). */
export type CountedRow = {
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
  stages: RawFigures["stages"] | null;
  legal_forms: RawFigures["legalForms"] | null;
  sectors: RawFigures["sectors"] | null;
};

export function rawFigures(row: CountedRow): RawFigures {
  return {
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
  };
}

/**
 * The statement counting every territory of `level` whose communes meet `scope`, a row per
 * territory (`key`, its code): the projects acting in at least one of its communes (a project
 * acting in two départements counts in both), their relationships by stage (ended ones aside),
 * their stage moves of the last twelve months, their jobs, legal forms (of the structure to
 * contact) and sectors, and how many are based in a rural commune.
 */
function figuresQuery(level: ObservatoryLevel, scope: SQL, now: Date): SQL {
  const since = new Date(now);
  since.setMonth(since.getMonth() - MOVES_MONTHS);
  return sql`with inside as (
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
        left join forms using (key) left join sectors using (key)`;
}

/** The figures of every territory of `level` whose communes meet `scope`, counted now, by the territory's code. */
export async function countFiguresBy(db: DbOrTx, level: ObservatoryLevel, scope: SQL, now = new Date()): Promise<Map<string, RawFigures>> {
  const rows = await selectRows<CountedRow & { key: string }>(db, figuresQuery(level, scope, now));
  return new Map(rows.map((row) => [row.key, rawFigures(row)]));
}

/** Any number the app uses for nothing else: the advisory lock taken while recounting. */
const RECOUNT_LOCK = 7_420_103;

const EMPTY_ROW: CountedRow = {
  projects: 0,
  public_projects: 0,
  rural_projects: 0,
  jobs_now: 0,
  jobs_potential: 0,
  collaborating_projects: 0,
  forward: 0,
  forward_projects: 0,
  backward: 0,
  backward_projects: 0,
  stages: null,
  legal_forms: null,
  sectors: null,
};

/**
 * Counts every territory's figures afresh and puts them in place of the last count, in one
 * transaction (readers see the old count until it commits). With `ifFree`, gives up (false) when
 * another instance is already counting; without, waits for it and counts again.
 */
export async function recountObservatory(db: Database, options: { ifFree?: boolean } = {}): Promise<boolean> {
  const now = new Date();
  return db.transaction(async (tx) => {
    if (options.ifFree) {
      const [lock] = await selectRows<{ taken: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${RECOUNT_LOCK}) as taken`);
      if (!lock?.taken) return false;
    } else {
      await tx.execute(sql`select pg_advisory_xact_lock(${RECOUNT_LOCK})`);
    }
    await tx.execute(sql`delete from observatory_figure`);
    for (const level of OBSERVATORY_LEVELS) {
      await tx.execute(
        sql`insert into observatory_figure (level, code, figures, counted_at)
          select ${level}, f.key, to_jsonb(f) - 'key', ${now.toISOString()}::timestamptz from (${figuresQuery(level, sql`true`, now)}) f`,
      );
    }
    // France has its row even without a project: it says when the figures were counted.
    await tx.execute(
      sql`insert into observatory_figure (level, code, figures, counted_at)
        values ('france', 'FR', ${JSON.stringify(EMPTY_ROW)}::jsonb, ${now.toISOString()}::timestamptz) on conflict do nothing`,
    );
    // The table is rewritten whole: the planner must know its new size (autovacuum clears the old rows).
    await tx.execute(sql`analyze observatory_figure`);
    return true;
  });
}

export const OBSERVATORY_TTL_MS = OBSERVATORY_TTL_MINUTES * 60 * 1000;

let recounting: Promise<unknown> | null = null;

/**
 * When the figures were last counted, after making sure they are there: counted now if they never
 * were, recounted in the background (this instance once at a time) when older than the TTL.
 */
export async function figuresCountedAt(db: Database, countedAt: Date | null, now = new Date()): Promise<Date> {
  if (countedAt === null) {
    await recountObservatory(db);
    return now;
  }
  if (now.getTime() - countedAt.getTime() > OBSERVATORY_TTL_MS && recounting === null) {
    recounting = recountObservatory(db, { ifFree: true })
      .catch((error: unknown) => console.error("observatory recount", error))
      .finally(() => {
        recounting = null;
      });
  }
  return countedAt;
}

/** figuresCountedAt, reading when they were counted first. */
export async function figuresCounted(db: Database): Promise<Date> {
  const [row] = await selectRows<{ counted_at: string | Date }>(db, sql`select counted_at from observatory_figure where level = 'france'`);
  return figuresCountedAt(db, row ? new Date(row.counted_at) : null);
}
