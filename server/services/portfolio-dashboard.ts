// A network's portfolio dashboard: relationships per stage, moves month by month, time in each
// stage, stalled projects, diverging barometers, the levers before a step forward.
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import { plannedPerCall, selectRows, type Database, type DbOrTx } from "@/db";
import { barometerAnswerSets, networkSettings, relationships } from "@/db/schema";
import { DIVERGENCE_THRESHOLD, LEVER_IDS, STAGES, answerSetsBySide, widestGap, type LeverId, type Stage } from "@/server/domain/gradient";
import { assertCanModerateNetwork, type Actor } from "./access";
import { answerSetColumns, pastFactsSettledOf } from "./barometer";
import { recordChange } from "./history";
import { findNetwork } from "./portfolio";
import { PARIS, endOf, lastActivityOf, periodOf, portfolioProjects, startOf, type Period, type PortfolioFilters } from "./portfolio-scope";
import type { TerritoryKind } from "@/server/domain/territories";
import type { TStuckAfterInput } from "@/server/api/routers/portfolio.schema";
import { isSector } from "@/server/domain/sectors";

export const DEFAULT_STUCK_AFTER_DAYS = 90;

export async function getStuckAfterDays(db: DbOrTx, networkId: string) {
  const [settings] = await db.select().from(networkSettings).where(eq(networkSettings.networkId, networkId));
  return settings?.stuckAfterDays ?? DEFAULT_STUCK_AFTER_DAYS;
}

export async function getPortfolioDashboard(db: DbOrTx, actor: Actor | null, filters: PortfolioFilters, now = new Date()) {
  await assertCanModerateNetwork(db, actor, filters.networkId);
  const [{ name }, stuckAfterDays] = await Promise.all([findNetwork(db, filters.networkId), getStuckAfterDays(db, filters.networkId)]);
  const period = periodOf(filters, now);
  const inPortfolio = portfolioProjects(filters);

  // Independent statements: sent together, so a pool runs them side by side.
  // The portfolio's confirmed stage changes, read once from stage_move (kept by triggers, with each
  // change's neighbours and levers), give the stages at the end of the period, the moves per month,
  // the median stays and the levers before a step forward.
  const end = endOf(period.to);
  const start = startOf(period.from);
  const factsQuery = selectRows<{
    projects: number;
    relationships: number;
    awaiting: number;
    jobs_now: number;
    jobs_potential: number;
    stages: { stage: Stage; n: number }[] | null;
    months: { month: string; forward: number; backward: number }[] | null;
    medians: { stage: Stage; days: number; stays: number }[] | null;
    levers: { lever_id: string; moves: number }[] | null;
  }>(
    db,
    plannedPerCall(sql`with moves as materialized (select sm.to_stage, sm.from_stage, sm.decided_at, sm.next_at, sm.levers from stage_move sm
          where sm.project_id in ${inPortfolio}),
        -- Each table read once for all its figures.
        project_figures as (select count(*)::int as projects, coalesce(sum(p.jobs_now), 0)::int as jobs_now,
            coalesce(sum(p.jobs_potential), 0)::int as jobs_potential
          from project p where p.id in ${inPortfolio}),
        -- « À confirmer »: relationships where a stage proposal (a starting stage or a change) waits for the other side now.
        relationship_figures as (select count(*) filter (where r.created_at < ${end})::int as relationships,
            count(*) filter (where exists (select 1 from stage_change sc where sc.relationship_id = r.id and sc.status = 'pending'))::int as awaiting
          from relationship r where r.project_id in ${inPortfolio})
        select
          (select projects from project_figures) as projects,
          (select jobs_now from project_figures) as jobs_now,
          (select jobs_potential from project_figures) as jobs_potential,
          (select relationships from relationship_figures) as relationships,
          (select awaiting from relationship_figures) as awaiting,
          -- A relationship's stage at the end of the period: its confirmed change in force then. (A
          -- relationship's changes are decided after it is created: the relationships created after the
          -- period have none in force.)
          (select json_agg(json_build_object('stage', stage, 'n', n)) from (
            select to_stage as stage, count(*)::int as n from moves
            where decided_at < ${end} and (next_at is null or next_at >= ${end}) group by to_stage) counted) as stages,
          (select json_agg(json_build_object('month', month, 'forward', forward, 'backward', backward) order by month) from (
            select to_char(decided_at at time zone ${PARIS}, 'YYYY-MM') as month,
              count(*) filter (where to_stage > from_stage)::int as forward, count(*) filter (where to_stage < from_stage)::int as backward
            from moves where from_stage is not null and decided_at >= ${start} and decided_at < ${end} group by 1) monthly) as months,
          -- A stay in a stage runs from the confirmation that entered it to the one that left it; only
          -- stays that ended within the period count.
          (select json_agg(json_build_object('stage', stage, 'days', days, 'stays', stays)) from (
            select to_stage as stage, percentile_cont(0.5) within group (order by extract(epoch from (next_at - decided_at)) / 86400)::float8 as days,
              count(*)::int as stays
            from moves where next_at >= ${start} and next_at < ${end} group by to_stage) stays) as medians,
          (select json_agg(json_build_object('lever_id', lever_id, 'moves', n)) from (
            select lever.id as lever_id, count(*)::int as n from moves cross join unnest(moves.levers) as lever(id)
            where from_stage is not null and to_stage > from_stage and decided_at >= ${start} and decided_at < ${end}
            group by lever.id) levers) as levers`),
  );
  const stuckRowsQuery = selectRows<{ id: string; title: string; last_activity: Date | string; total: number }>(
    db,
    plannedPerCall(sql`select id, title, last_activity, count(*) over ()::int as total from (
          select p.id, p.title, activity.last_activity
          from project p join ${lastActivityOf(inPortfolio)} activity on activity.project_id = p.id
          -- A project its holders paused or archived is not stalled.
          where p.status = 'active') activity
        where last_activity < ${now.toISOString()}::timestamptz - make_interval(days => ${stuckAfterDays}::int)
        order by last_activity asc, title limit 20`),
  );
  const divergentQuery = mostDivergent(db, inPortfolio, now);
  const optionsQuery = filterOptions(db, filters.networkId);
  const [[facts], stuckRows, divergent, options] = await Promise.all([factsQuery, stuckRowsQuery, divergentQuery, optionsQuery]);
  const stageRows = facts?.stages ?? [];
  const moveRows = facts?.months ?? [];
  const medianRows = facts?.medians ?? [];
  const leverRows = facts?.levers ?? [];

  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, stageRows.find((row) => row.stage === stage)?.n ?? 0])) as Record<Stage, number>;
  const relationshipCount = facts?.relationships ?? 0;
  const unconfirmed = relationshipCount - STAGES.reduce((sum, stage) => sum + byStage[stage], 0);

  const medianDays = Object.fromEntries(
    STAGES.map((stage) => {
      const row = medianRows.find((candidate) => candidate.stage === stage);
      return [stage, row ? { days: Number(row.days), stays: row.stays } : null];
    }),
  ) as Record<Stage, { days: number; stays: number } | null>;

  const stuck = {
    total: stuckRows[0]?.total ?? 0,
    projects: stuckRows.map((row) => {
      const at = new Date(row.last_activity);
      return { projectId: row.id, title: row.title, lastActivity: at, days: Math.floor((now.getTime() - at.getTime()) / 86_400_000) };
    }),
  };

  const forwardMoves = moveRows.reduce((sum, row) => sum + row.forward, 0);
  const levers = leverRows
    .filter((row) => (LEVER_IDS as readonly string[]).includes(row.lever_id))
    .map((row) => ({ lever: row.lever_id as LeverId, moves: row.moves, share: forwardMoves === 0 ? 0 : row.moves / forwardMoves }))
    .sort((a, b) => b.moves - a.moves || a.lever.localeCompare(b.lever));

  return {
    network: { id: filters.networkId, name },
    period,
    projects: facts?.projects ?? 0,
    /** The portfolio's jobs, now and potential, as its files say them today. */
    jobs: { now: facts?.jobs_now ?? 0, potential: facts?.jobs_potential ?? 0 },
    relationships: { byStage, unconfirmed, awaitingAnswer: facts?.awaiting ?? 0, total: relationshipCount },
    movement: {
      months: monthsOf(period).map((month) => {
        const row = moveRows.find((candidate) => candidate.month === month);
        return { month, forward: row?.forward ?? 0, backward: row?.backward ?? 0 };
      }),
      forward: forwardMoves,
      backward: moveRows.reduce((sum, row) => sum + row.backward, 0),
    },
    medianDays,
    stuckAfterDays,
    stuck,
    divergent,
    levers,
    options,
  };
}

/** What the filters can offer: the territories and sectors of the whole portfolio. */
async function filterOptions(db: DbOrTx, networkId: string) {
  const everything = portfolioProjects({ networkId });
  const territories = await selectRows<{ id: string; kind: Exclude<TerritoryKind, "commune">; name: string; code: string }>(
    db,
    plannedPerCall(sql`with codes as (
          select distinct c.region_code, c.departement_code, c.epci_code
          from project p join territory c on c.id = p.commune_id where p.id in ${everything})
        select t.id, t.kind, t.name, t.code from territory t where t.kind = 'region' and t.code in (select region_code from codes)
        union select t.id, t.kind, t.name, t.code from territory t where t.kind = 'departement' and t.code in (select departement_code from codes)
        union select t.id, t.kind, t.name, t.code from territory t where t.kind = 'epci' and t.code in (select epci_code from codes)
        order by kind, name, code`),
  );
  const sectors = await selectRows<{ sector: string }>(
    db,
    plannedPerCall(sql`select min(p.sector) as sector from project p where p.id in ${everything} and p.sector <> ''
        group by lower(p.sector) order by lower(p.sector)`),
  );
  return { territories, sectors: sectors.map((row) => row.sector).filter(isSector) };
}

export type PortfolioDashboard = Awaited<ReturnType<typeof getPortfolioDashboard>>;

/** The months a period touches, as YYYY-MM. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  let [year, month] = period.from.split("-").map(Number) as [number, number];
  const last = period.to.slice(0, 7);
  for (;;) {
    const current = `${year}-${String(month).padStart(2, "0")}`;
    months.push(current);
    if (current >= last || months.length > 240) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/**
 * The relationships whose two sides' barometer readings are furthest apart: per relationship, the
 * largest gap between the sides' means for one stage (0–4), where both answered. The gaps come from
 * relationship_summary where its reading holds at `now`; the few whose reading has aged since (an
 * answer turned twelve months old today, before the nightly refresh) are read from their answers.
 */
async function mostDivergent(db: DbOrTx, inPortfolio: SQL, now: Date, limit = 10) {
  const at = sql`${now.toISOString()}::timestamptz`;
  // The current top of the list, and the relationships whose stored reading does not hold at `now`.
  const rows = await selectRows<{ relationship_id: string; stage: Stage | null; gap: number | null; holds: boolean }>(
    db,
    plannedPerCall(sql`(select rs.relationship_id, rs.widest_stage as stage, rs.widest_gap as gap, true as holds from relationship_summary rs
          where rs.project_id in ${inPortfolio} and rs.reading_from <= ${at} and ${at} <= rs.reading_until and rs.widest_gap >= ${DIVERGENCE_THRESHOLD}
          order by rs.widest_gap desc, rs.relationship_id limit ${limit})
        union all
        (select rs.relationship_id, null, null, false from relationship_summary rs
          where rs.project_id in ${inPortfolio} and not (rs.reading_from <= ${at} and ${at} <= rs.reading_until))`),
  );
  const summarised = rows.flatMap((row) =>
    row.holds && row.stage !== null && row.gap !== null ? [{ relationshipId: row.relationship_id, stage: row.stage, gap: row.gap }] : [],
  );
  const aged = rows.filter((row) => !row.holds).map((row) => row.relationship_id);
  const gaps = [...summarised, ...(await widestGapsFromAnswers(db, aged, now)).filter((row) => row.gap >= DIVERGENCE_THRESHOLD)];
  const top = gaps.sort((a, b) => b.gap - a.gap || a.relationshipId.localeCompare(b.relationshipId)).slice(0, limit);
  if (top.length === 0) return [];
  const names = await selectRows<{ relationship_id: string; project_id: string; title: string; authority: string }>(
    db,
    sql`select r.id as relationship_id, p.id as project_id, p.title, a.name as authority
        from ${relationships} r join project p on p.id = r.project_id join organisation a on a.id = r.authority_id
        where r.id in (${sql.join(
          top.map((row) => sql`${row.relationshipId}`),
          sql`, `,
        )})`,
  );
  return top.map((row) => {
    const named = names.find((candidate) => candidate.relationship_id === row.relationshipId);
    return { ...row, projectId: named?.project_id ?? "", title: named?.title ?? "", authorityName: named?.authority ?? "" };
  });
}

/** The widest gap of each relationship, from its answer sets (what relationship_summary holds while its reading is current). */
export async function widestGapsFromAnswers(db: DbOrTx, relationshipIds: string[], now: Date) {
  if (relationshipIds.length === 0) return [];
  const [rows, settled] = await Promise.all([
    db.select(answerSetColumns).from(barometerAnswerSets).where(inArray(barometerAnswerSets.relationshipId, relationshipIds)),
    pastFactsSettledOf(db, relationshipIds),
  ]);
  return [...answerSetsBySide(rows)].flatMap(([relationshipId, sides]) => {
    const widest = widestGap(sides.collective, sides.authority, now, settled.has(relationshipId));
    return widest ? [{ relationshipId, ...widest }] : [];
  });
}

/**
 * The nightly refresh: readings whose oldest answer has turned twelve months old are taken again
 * (until then the dashboard reads their answers). Returns how many relationships it refreshed.
 */
export async function refreshAgedReadings(db: DbOrTx): Promise<number> {
  const [row] = await selectRows<{ n: number }>(
    db,
    sql`with aged as (select array_agg(relationship_id) as ids from relationship_summary where reading_until < now())
        select coalesce(cardinality(ids), 0)::int as n, refresh_relationship_summaries(coalesce(ids, '{}')) from aged`,
  );
  return row?.n ?? 0;
}

// ── Settings ────────────────────────────────────────────────────────────────────────────────

export async function setStuckAfterDays(db: Database, actor: Actor | null, input: TStuckAfterInput) {
  const moderator = await assertCanModerateNetwork(db, actor, input.networkId);
  await findNetwork(db, input.networkId);
  const before = await getStuckAfterDays(db, input.networkId);
  await db
    .insert(networkSettings)
    .values({ networkId: input.networkId, stuckAfterDays: input.days })
    .onConflictDoUpdate({ target: networkSettings.networkId, set: { stuckAfterDays: input.days, updatedAt: new Date() } });
  await recordChange(db, {
    actorId: moderator.userId,
    entity: "network_setting",
    entityId: input.networkId,
    action: "update",
    changes: [{ field: "stuckAfterDays", before, after: input.days }],
  });
  return { stuckAfterDays: input.days };
}
