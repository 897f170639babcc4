// What `npm run bench` measures: each case calls a real procedure (createCaller, a signed-in
// person) and, in the same run, the best hand-written SQL for the same answer; both answers are
// brought to one shape and compared field by field.
import { sql } from "drizzle-orm";
import { plannedPerCall, selectRows, type DbOrTx } from "@/db";
import type { createCaller } from "@/server/api/root";
import { DIVERGENCE_THRESHOLD, STAGES, answerSetsBySide, widestGap, type AnswerSet, type Side, type Stage } from "@/server/domain/gradient";
import { monthsOf } from "@/server/services/portfolio-dashboard";
import { periodOf } from "@/server/services/portfolio-scope";
import { handProjectPage, partyOf, shapeSummary, SUMMARY_COLUMNS, throughTerritoryOf, type Summary } from "./floor";
import { epochMs } from "./compare";
import type { TerritoryKind } from "@/server/domain/territories";

type Caller = ReturnType<typeof createCaller>;

export type BenchCase = {
  name: string;
  /** The issue's p95 target on PostgreSQL at national scale, in ms. */
  targetP95: number;
  /** The issue's p95 target at ten times the national scale, where it differs (views that grow with the country). */
  targetAtTen?: number;
  procedure: () => Promise<unknown>;
  /** The procedure's answer, brought to the compared shape (not timed). */
  shape: (answer: never) => unknown;
  /** The hand-written SQL, answering in the compared shape (timed whole). */
  hand: () => Promise<unknown>;
  /** Another way to the same answer that is compared but not timed (the dashboard's from the raw tables, which checks its summaries). */
  check?: { label: string; answer: () => Promise<unknown> };
  /** The same procedure on a subject with far fewer rows: its statement count must be the same. */
  smaller: { label: string; procedure: () => Promise<unknown> };
  subject: string;
};

export type Subjects = {
  db: DbOrTx;
  holder: Caller;
  holderId: string;
  smallHolder: Caller;
  official: Caller;
  officialId: string;
  smallFollower: Caller;
  moderator: Caller;
  largeProjectId: string;
  smallProjectId: string;
  authorityId: string;
  smallAuthorityId: string;
  networkId: string;
  smallNetworkId: string;
  anonymous: Caller;
};

const ms = (value: Date | string | null) => epochMs(value);

type ProjectPageAnswer = {
  file: Awaited<ReturnType<Caller["project"]["get"]>>;
  overview: Awaited<ReturnType<Caller["project"]["overview"]>>;
};

function shapeProjectPage({ file, overview }: ProjectPageAnswer) {
  return {
    file: {
      id: file.id,
      title: file.title,
      summary: file.summary,
      updatedAt: file.updatedAt.getTime(),
      contactHolderName: file.contactHolderName,
      legalForm: file.legalForm,
      communeName: file.communeName,
      sector: file.sector,
      sectorDetail: file.sectorDetail,
      collectiveStage: file.collectiveStage,
      jobsNow: file.jobsNow,
      jobsPotential: file.jobsPotential,
      needs: file.needs,
      links: file.links,
      contacts: file.contacts,
      visibility: file.visibility,
      version: file.version,
      communes: file.communes,
      fundingLines: file.fundingLines,
      parties: file.parties,
      // The other decisions are domain rules over the same access facts (tested by the authorization matrix).
      can: { edit: file.can.edit },
      following: file.following,
    },
    relationships: overview.relationships.map((r) => ({
      id: r.id,
      authorityName: r.authorityName,
      territoryKind: r.territoryKind,
      stage: r.stage,
      changes: r.changes.map((c) => ({
        id: c.id,
        fromStage: c.fromStage,
        toStage: c.toStage,
        status: c.status,
        proposedByName: c.proposedByName,
        decidedByName: c.decidedByName,
        notes: c.notes.map((note) => note.id),
        milestoneIds: [...c.milestoneIds].sort(),
      })),
      barometer: r.barometer,
      nextSteps: r.nextSteps,
    })),
    milestones: overview.milestones.map((m) => ({
      id: m.id,
      kind: m.kind,
      title: m.title,
      occursOn: m.occursOn,
      status: m.status,
      recordedByName: m.recordedByName,
      version: m.version,
      hidden: m.hidden,
      levers: [...m.levers].sort(),
      relationships: [...m.relationships]
        .sort((a, b) => a.relationshipId.localeCompare(b.relationshipId))
        .map((l) => ({
          relationshipId: l.relationshipId,
          confirmation: l.confirmation,
          notes: l.notes.map((note) => note.id),
        })),
    })),
    canModerate: overview.canModerate,
    canReport: overview.canReport,
  };
}

export function benchCases(s: Subjects): BenchCase[] {
  const { db } = s;
  return [
    {
      name: "project page data (project.get + project.overview)",
      targetP95: 25,
      subject: "a project with 3 relationships and 39 milestones, read by a member of its collective",
      procedure: async () => {
        const [file, overview] = await Promise.all([
          s.holder.project.get({ projectId: s.largeProjectId }),
          s.holder.project.overview({ projectId: s.largeProjectId }),
        ]);
        return { file, overview };
      },
      shape: (answer: { file: Awaited<ReturnType<Caller["project"]["get"]>>; overview: Awaited<ReturnType<Caller["project"]["overview"]>> }) =>
        shapeProjectPage(answer),
      hand: () => handProjectPage(db, s.holderId, s.largeProjectId),
      smaller: {
        label: "a project with 1 milestone",
        procedure: () => Promise.all([s.holder.project.get({ projectId: s.smallProjectId }), s.holder.project.overview({ projectId: s.smallProjectId })]),
      },
    },
    {
      name: "« Mes projets » (project.listMine)",
      targetP95: 30,
      subject: "a person in 20 projects",
      procedure: () => s.holder.project.listMine(),
      shape: (answer: Summary[]) => answer.map(shapeSummary),
      hand: async () =>
        (
          await selectRows<Summary>(
            db,
            sql`select ${SUMMARY_COLUMNS} from project p join organisation contact on contact.id = p.contact_holder_id join territory c on c.id = p.commune_id
              where ${partyOf(s.holderId)} order by p.updated_at desc, p.id`,
          )
        ).map(shapeSummary),
      smaller: { label: "a person in 2 projects", procedure: () => s.smallHolder.project.listMine() },
    },
    {
      name: "followed projects (follow.list)",
      targetP95: 30,
      subject: "an official following 50 projects",
      procedure: () => s.official.follow.list(),
      shape: (answer: Awaited<ReturnType<Caller["follow"]["list"]>>) =>
        answer.map((row) => ({ ...row, lastVisitedAt: row.lastVisitedAt.getTime(), updatedAt: row.updatedAt.getTime() })),
      hand: () =>
        selectRows(
          db,
          sql`select p.id as "projectId", p.title, floor(extract(epoch from f.last_visited_at) * 1000)::float8 as "lastVisitedAt",
              floor(extract(epoch from p.updated_at) * 1000)::float8 as "updatedAt",
              coalesce(news.n, 0) as "newChanges", coalesce(news.kinds, '[]'::json) as "newKinds"
            from follow f join project p on p.id = f.project_id
            left join lateral (select count(*)::int as n, json_agg(distinct cl.entity || ':' || cl.action) as kinds from change_log cl
              where cl.project_id = p.id and cl.at > f.last_visited_at and cl.actor_id is distinct from ${s.officialId}) news on true
            where f.user_id = ${s.officialId}
              and (p.visibility = 'public' or ${partyOf(s.officialId)} or (p.visibility <> 'parties' and ${throughTerritoryOf(s.officialId)}))
            order by p.updated_at desc, p.id`,
        ),
      smaller: { label: "a person following 2 projects", procedure: () => s.smallFollower.follow.list() },
    },
    territoryCase(s, undefined),
    territoryCase(s, "collaboration"),
    {
      name: "portfolio dashboard (portfolio.dashboard)",
      targetP95: 150,
      targetAtTen: 300,
      subject: "a network holding 5,000 projects, the last twelve months",
      procedure: () => s.moderator.portfolio.dashboard({ networkId: s.networkId }),
      shape: (answer: Awaited<ReturnType<Caller["portfolio"]["dashboard"]>>) => ({
        ...answer,
        stuck: {
          total: answer.stuck.total,
          projects: answer.stuck.projects.map(({ days: _days, ...row }) => ({ ...row, lastActivity: row.lastActivity.getTime() })),
        },
      }),
      hand: () => handDashboard(db, s.networkId),
      check: { label: "recomputed from the raw tables", answer: () => dashboardFromRawTables(db, s.networkId) },
      smaller: { label: "a network holding 85 projects", procedure: () => s.moderator.portfolio.dashboard({ networkId: s.smallNetworkId }) },
    },
    searchCase(s, "saint etienne"),
    searchCase(s, "26150"),
  ];
}

function territoryCase(s: Subjects, stage: Stage | undefined): BenchCase {
  const { db } = s;
  const stageFilter = stage ? sql`and r_here.stage = ${stage}` : sql``;
  return {
    name: `territory view of a département, first page (project.listForTerritory${stage ? `, stage = ${stage}` : ""})`,
    targetP95: 50,
    targetAtTen: 60,
    subject: "the département with the most projects, read by a verified member of its authority",
    procedure: () => s.official.project.listForTerritory({ authorityId: s.authorityId, stage }),
    shape: (answer: Awaited<ReturnType<Caller["project"]["listForTerritory"]>>) => ({ ...answer, projects: answer.projects.map(shapeSummary) }),
    hand: async () => {
      // The reader is a verified member of the authority (checked first, like the procedure): every
      // project acting in its territory is readable, but those whose file is for their parties only.
      const [row] = await selectRows<{
        authority: { id: string; name: string };
        projects: Summary[] | null;
        total: number;
        counts: { stage: Stage | null; related: boolean; n: number; now: number; potential: number }[] | null;
        communes: { id: string; name: string }[] | null;
      }>(
        db,
        sql`with a as (select o.id, o.name, t.kind, t.code from organisation o join territory t on t.id = o.territory_id
              where o.id = ${s.authorityId} and exists (select 1 from membership mb where mb.organisation_id = o.id and mb.user_id = ${s.officialId} and mb.verified_at is not null)),
            within as (select t.id, t.name from territory t, a where t.kind = 'commune' and t.departement_code = a.code),
            inside as (select p.* from project p
              where p.id in (select pc.project_id from project_commune pc where pc.commune_id in (select id from within))
                and (p.visibility <> 'parties' or ${partyOf(s.officialId)})),
            matching as (select p.id, p.updated_at from inside p
              left join relationship r_here on r_here.project_id = p.id and r_here.authority_id = ${s.authorityId}
              where true ${stageFilter}),
            listed as (select ${SUMMARY_COLUMNS}, p.updated_at as sort_key from project p
              join organisation contact on contact.id = p.contact_holder_id join territory c on c.id = p.commune_id
              where p.id in (select id from matching order by updated_at desc, id limit 50))
          select (select json_build_object('id', a.id, 'name', a.name) from a) as authority,
            (select json_agg(json_build_object('id', l.id, 'title', l.title, 'summary', l.summary, 'updatedAt', l."updatedAt",
                'contactHolderId', l."contactHolderId", 'contactHolderName', l."contactHolderName", 'legalForm', l."legalForm", 'coHolderNames', l."coHolderNames",
                'communeId', l."communeId", 'communeName', l."communeName", 'departementCode', l."departementCode",
                'relationships', l.relationships, 'latestMilestone', l."latestMilestone") order by l.sort_key desc, l.id) from listed l) as projects,
            (select count(*)::int from matching) as total,
            (select json_agg(json_build_object('stage', stage, 'related', related, 'n', n, 'now', jobs_now, 'potential', jobs_potential))
              from (select r.stage, r.id is not null as related, count(*)::int as n, coalesce(sum(p.jobs_now), 0)::int as jobs_now,
                  coalesce(sum(p.jobs_potential), 0)::int as jobs_potential from inside p
                left join relationship r on r.project_id = p.id and r.authority_id = ${s.authorityId} group by r.stage, r.id is not null) counted) as counts,
            (select json_agg(json_build_object('id', id, 'name', name) order by name, id) from (select distinct w.id, w.name from inside p
              join project_commune pc on pc.project_id = p.id join within w on w.id = pc.commune_id) acting) as communes`,
      );
      if (!row?.authority) throw new Error("the official cannot read this territory");
      // « none »: a relationship with the authority, its stage not confirmed yet; « notParty »: no relationship with it.
      const keys = [...STAGES, "none", "notParty"] as const;
      const counts = Object.fromEntries(keys.map((key) => [key, 0])) as Record<(typeof keys)[number], number>;
      const jobs = Object.fromEntries(keys.map((key) => [key, { now: 0, potential: 0 }])) as Record<(typeof keys)[number], { now: number; potential: number }>;
      for (const count of row.counts ?? []) {
        const key = count.stage ?? (count.related ? "none" : "notParty");
        counts[key] += count.n;
        jobs[key].now += count.now;
        jobs[key].potential += count.potential;
      }
      return {
        authority: row.authority,
        projects: (row.projects ?? []).map(shapeSummary),
        counts,
        jobs,
        communes: row.communes ?? [],
        page: 1,
        pageSize: 50,
        total: row.total,
        pages: Math.max(1, Math.ceil(row.total / 50)),
      };
    },
    smaller: {
      label: "a commune's authority",
      procedure: () => s.official.project.listForTerritory({ authorityId: s.smallAuthorityId, stage }),
    },
  };
}

function searchCase(s: Subjects, query: string): BenchCase {
  const isCode = /^\d+$/.test(query);
  return {
    name: `territory search « ${query} » (territory.search)`,
    targetP95: 10,
    subject: "every commune, EPCI, département and région of France",
    procedure: () => s.anonymous.territory.search({ query }),
    shape: (answer: unknown) => answer,
    hand: () =>
      selectRows(
        s.db,
        isCode
          ? sql`select id, kind, code, name, departement_code as "departementCode", epci_type as "epciType", population, array_to_json(postal_codes) as "postalCodes"
              from territory where code = ${query} or postal_codes @> array[${query}]::text[] order by population desc limit 10`
          : sql`select id, kind, code, name, departement_code as "departementCode", epci_type as "epciType", population, array_to_json(postal_codes) as "postalCodes"
              from territory where search_name like ${`%${query}%`}
              order by case when search_name = ${query} then 0 when search_name like ${`${query}%`} then 1 when search_name like ${`% ${query}%`} then 2 else 3 end,
                similarity(search_name, ${query}) desc, population desc limit 10`,
      ),
    smaller: { label: "a query matching one commune", procedure: () => s.anonymous.territory.search({ query: isCode ? "26220" : "dieulefit" }) },
  };
}

// ── The dashboard ─────────────────────────────────────────────────────────────────────────────

type HandSummaryDashboard = Omit<HandDashboard, "answers"> & {
  widest: { relationshipId: string; stage: Stage; gap: number }[] | null;
  aged: { relationshipId: string; side: Side; respondentId: string; answeredAt: string; answers: AnswerSet["answers"] }[] | null;
};

/** One statement for every figure of the dashboard, over the summaries the triggers keep (stage_move, relationship_summary). */
async function handDashboard(db: DbOrTx, networkId: string) {
  const now = new Date();
  const at = sql`${now.toISOString()}::timestamptz`;
  const period = periodOf({}, now);
  const start = sql`((${period.from}::date)::timestamp at time zone 'Europe/Paris')`;
  const end = sql`((${period.to}::date + 1)::timestamp at time zone 'Europe/Paris')`;
  const [row] = await selectRows<HandSummaryDashboard>(
    db,
    plannedPerCall(sql`with portfolio as materialized (select pp.project_id as id from project_party pp
          where pp.organisation_id = ${networkId} and pp.role = 'network' and pp.status = 'active'),
        moves as materialized (select sm.* from stage_move sm where sm.project_id in (select id from portfolio)),
        summaries as materialized (select rs.* from relationship_summary rs where rs.project_id in (select id from portfolio)),
        widest as (select relationship_id, widest_stage, widest_gap from summaries
          where reading_from <= ${at} and ${at} <= reading_until and widest_gap >= ${DIVERGENCE_THRESHOLD} order by widest_gap desc, relationship_id limit 10),
        aged as (select relationship_id from summaries where not (reading_from <= ${at} and ${at} <= reading_until)),
        settings as (select coalesce((select stuck_after_days from network_setting where network_id = ${networkId}), 90) as days),
        activity as (select p.id, p.title, p.status, greatest(p.created_at,
            (select max(m.occurs_on)::timestamp at time zone 'Europe/Paris' from milestone m
              where m.project_id = p.id and m.hidden_at is null and m.status <> 'cancelled' and m.occurs_on <= current_date),
            sa.at) as last_activity from project p
          left join (select project_id, max(stage_activity_at) as at from summaries group by project_id) sa on sa.project_id = p.id
          where p.id in (select id from portfolio))
      select
        (select json_build_object('id', id, 'name', name) from organisation where id = ${networkId} and kind = 'network') as network,
        (select count(*)::int from portfolio) as projects,
        (select coalesce(sum(p.jobs_now), 0)::int from project p where p.id in (select id from portfolio)) as jobs_now,
        (select coalesce(sum(p.jobs_potential), 0)::int from project p where p.id in (select id from portfolio)) as jobs_potential,
        (select count(*)::int from relationship r where r.project_id in (select id from portfolio)
          and exists (select 1 from stage_change sc where sc.relationship_id = r.id and sc.status = 'pending')) as awaiting,
        (select json_agg(json_build_object('stage', stage, 'n', n)) from (select mv.to_stage as stage, count(*)::int as n from relationship r
          left join stage_move mv on mv.relationship_id = r.id and mv.decided_at < ${end} and (mv.next_at is null or mv.next_at >= ${end})
          where r.project_id in (select id from portfolio) and r.created_at < ${end} group by mv.to_stage) counted) as stages,
        (select json_agg(json_build_object('month', month, 'forward', forward, 'backward', backward) order by month) from (
          select to_char(decided_at at time zone 'Europe/Paris', 'YYYY-MM') as month,
            count(*) filter (where to_stage > from_stage)::int as forward, count(*) filter (where to_stage < from_stage)::int as backward
          from moves where from_stage is not null and decided_at >= ${start} and decided_at < ${end} group by 1) monthly) as moves,
        (select json_agg(json_build_object('stage', stage, 'days', days, 'stays', stays)) from (
          select to_stage as stage, percentile_cont(0.5) within group (order by extract(epoch from (next_at - decided_at)) / 86400)::float8 as days,
            count(*)::int as stays
          from moves where next_at >= ${start} and next_at < ${end} group by to_stage) medians) as medians,
        (select json_agg(json_build_object('projectId', id, 'title', title, 'lastActivity', last_activity, 'total', total) order by last_activity, title) from (
          select id, title, last_activity, count(*) over ()::int as total from activity, settings
          where status = 'active' and last_activity < ${at} - make_interval(days => settings.days) order by last_activity, title limit 20) stuck) as stuck,
        (select days from settings) as "stuckAfterDays",
        (select json_agg(json_build_object('relationshipId', relationship_id, 'stage', widest_stage, 'gap', widest_gap)) from widest) as widest,
        (select json_agg(json_build_object('relationshipId', b.relationship_id, 'side', b.side, 'respondentId', b.respondent_id, 'answeredAt', b.answered_at, 'answers', b.answers))
          from barometer_answer_set b where b.relationship_id in (select relationship_id from aged)) as aged,
        (select json_agg(json_build_object('lever', lever, 'moves', n)) from (
          select lever.id as lever, count(*)::int as n from moves cross join unnest(moves.levers) as lever(id)
          where from_stage is not null and to_stage > from_stage and decided_at >= ${start} and decided_at < ${end}
          group by lever.id) levers) as levers,
        (select json_agg(json_build_object('relationshipId', r.id, 'projectId', p.id, 'title', p.title, 'authorityName', a.name))
          from relationship r join project p on p.id = r.project_id join organisation a on a.id = r.authority_id
          where r.id in (select relationship_id from widest union all select relationship_id from aged)) as names,
        (select json_agg(json_build_object('id', id, 'kind', kind, 'name', name, 'code', code) order by kind, name, code) from (
          select distinct t.id, t.kind, t.name, t.code from project p join territory c on c.id = p.commune_id
          join territory t on (t.kind = 'region' and t.code = c.region_code) or (t.kind = 'departement' and t.code = c.departement_code)
            or (t.kind = 'epci' and t.code = c.epci_code)
          where p.id in (select id from portfolio)) places) as territories,
        (select json_agg(sector order by lower(sector)) from (select min(p.sector) as sector from project p
          where p.id in (select id from portfolio) and p.sector <> '' group by lower(p.sector)) sectors) as sectors`),
  );
  if (!row?.network) throw new Error("no such network");
  const agedGaps = gapsOf(row.aged ?? [], now);
  return dashboardAnswer(row, period, [...(row.widest ?? []), ...agedGaps]);
}

type HandDashboard = {
  network: { id: string; name: string };
  projects: number;
  awaiting: number;
  jobs_now: number;
  jobs_potential: number;
  stages: { stage: Stage | null; n: number }[] | null;
  moves: { month: string; forward: number; backward: number }[] | null;
  medians: { stage: Stage; days: number; stays: number }[] | null;
  stuck: { projectId: string; title: string; lastActivity: string; total: number }[] | null;
  stuckAfterDays: number;
  answers: { relationshipId: string; side: Side; respondentId: string; answeredAt: string; answers: AnswerSet["answers"] }[] | null;
  levers: { lever: string; moves: number }[] | null;
  names: { relationshipId: string; projectId: string; title: string; authorityName: string }[] | null;
  territories: { id: string; kind: Exclude<TerritoryKind, "commune">; name: string; code: string }[] | null;
  sectors: string[] | null;
};

/**
 * The dashboard without its summaries: every figure recomputed from the stage changes, milestones
 * and answer sets in one statement, the readings combined as the domain does. Slow; it checks that
 * the summaries the triggers keep give the same answer on the whole data set.
 */
async function dashboardFromRawTables(db: DbOrTx, networkId: string) {
  const now = new Date();
  const period = periodOf({}, now);
  const start = sql`((${period.from}::date)::timestamp at time zone 'Europe/Paris')`;
  const end = sql`((${period.to}::date + 1)::timestamp at time zone 'Europe/Paris')`;
  const [row] = await selectRows<HandDashboard>(
    db,
    sql`with portfolio as materialized (select p.id, p.title, p.status, p.created_at, p.commune_id, p.sector from project p
          join project_party pp on pp.project_id = p.id and pp.organisation_id = ${networkId} and pp.role = 'network' and pp.status = 'active'),
        rel as materialized (select r.* from relationship r where r.project_id in (select id from portfolio)),
        confirmed as materialized (select sc.* from stage_change sc where sc.relationship_id in (select id from rel) and sc.status = 'confirmed'),
        settings as (select coalesce((select stuck_after_days from network_setting where network_id = ${networkId}), 90) as days),
        activity as (select p.id, p.title, p.status, greatest(p.created_at,
            (select max(m.occurs_on)::timestamp at time zone 'Europe/Paris' from milestone m
              where m.project_id = p.id and m.hidden_at is null and m.status <> 'cancelled' and m.occurs_on <= current_date),
            sa.at) as last_activity from portfolio p
          left join (select r.project_id, max(coalesce(sc.decided_at, sc.proposed_at)) as at from stage_change sc join rel r on r.id = sc.relationship_id
            group by r.project_id) sa on sa.project_id = p.id),
        moves as (select sc.*, lag(sc.decided_at) over (partition by sc.relationship_id order by sc.decided_at) as previous_at from confirmed sc)
      select
        (select json_build_object('id', id, 'name', name) from organisation where id = ${networkId} and kind = 'network') as network,
        (select count(*)::int from portfolio) as projects,
        (select coalesce(sum(p.jobs_now), 0)::int from project p where p.id in (select id from portfolio)) as jobs_now,
        (select coalesce(sum(p.jobs_potential), 0)::int from project p where p.id in (select id from portfolio)) as jobs_potential,
        (select count(distinct sc.relationship_id)::int from stage_change sc where sc.relationship_id in (select id from rel) and sc.status = 'pending') as awaiting,
        (select json_agg(json_build_object('stage', stage, 'n', n)) from (select s.to_stage as stage, count(*)::int as n from rel r
          left join (select distinct on (relationship_id) relationship_id, to_stage from confirmed where decided_at < ${end}
            order by relationship_id, decided_at desc) s on s.relationship_id = r.id
          where r.created_at < ${end} group by s.to_stage) counted) as stages,
        (select json_agg(json_build_object('month', month, 'forward', forward, 'backward', backward) order by month) from (
          select to_char(decided_at at time zone 'Europe/Paris', 'YYYY-MM') as month,
            count(*) filter (where to_stage > from_stage)::int as forward, count(*) filter (where to_stage < from_stage)::int as backward
          from confirmed where from_stage is not null and decided_at >= ${start} and decided_at < ${end} group by 1) monthly) as moves,
        (select json_agg(json_build_object('stage', stage, 'days', days, 'stays', stays)) from (
          select stage, percentile_cont(0.5) within group (order by days)::float8 as days, count(*)::int as stays from (
            select to_stage as stage, lead(decided_at) over w as left_at, extract(epoch from (lead(decided_at) over w - decided_at)) / 86400 as days
            from confirmed window w as (partition by relationship_id order by decided_at)) stays
          where left_at >= ${start} and left_at < ${end} group by stage) medians) as medians,
        (select json_agg(json_build_object('projectId', id, 'title', title, 'lastActivity', last_activity, 'total', total) order by last_activity, title) from (
          select id, title, last_activity, count(*) over ()::int as total from activity, settings
          where status = 'active' and last_activity < ${now.toISOString()}::timestamptz - make_interval(days => settings.days) order by last_activity, title limit 20) stuck) as stuck,
        (select days from settings) as "stuckAfterDays",
        (select json_agg(json_build_object('relationshipId', b.relationship_id, 'side', b.side, 'respondentId', b.respondent_id, 'answeredAt', b.answered_at, 'answers', b.answers))
          from barometer_answer_set b where b.relationship_id in (select id from rel) and b.answered_at > ${now.toISOString()}::timestamptz - interval '365 days') as answers,
        (select json_agg(json_build_object('lever', lever_id, 'moves', moves)) from (
          select ml.lever_id, count(distinct mv.id)::int as moves from moves mv
          join milestone_relationship mr on mr.relationship_id = mv.relationship_id
          join milestone m on m.id = mr.milestone_id and m.status <> 'cancelled' and m.hidden_at is null
          join milestone_lever ml on ml.milestone_id = m.id
          where mv.from_stage is not null and mv.to_stage > mv.from_stage and mv.decided_at >= ${start} and mv.decided_at < ${end}
            and m.occurs_on <= (mv.decided_at at time zone 'Europe/Paris')::date
            and (mv.previous_at is null or m.occurs_on > (mv.previous_at at time zone 'Europe/Paris')::date)
          group by ml.lever_id) levers) as levers,
        (select json_agg(json_build_object('relationshipId', r.id, 'projectId', p.id, 'title', p.title, 'authorityName', a.name))
          from rel r join portfolio p on p.id = r.project_id join organisation a on a.id = r.authority_id) as names,
        (select json_agg(json_build_object('id', id, 'kind', kind, 'name', name, 'code', code) order by kind, name, code) from (
          select distinct t.id, t.kind, t.name, t.code from portfolio p join territory c on c.id = p.commune_id
          join territory t on (t.kind = 'region' and t.code = c.region_code) or (t.kind = 'departement' and t.code = c.departement_code)
            or (t.kind = 'epci' and t.code = c.epci_code)) places) as territories,
        (select json_agg(sector order by lower(sector)) from (select min(sector) as sector from portfolio where sector <> '' group by lower(sector)) sectors) as sectors`,
  );
  if (!row?.network) throw new Error("no such network");
  return dashboardAnswer(row, period, gapsOf(row.answers ?? [], now));
}

function gapsOf(answers: NonNullable<HandDashboard["answers"]>, now: Date) {
  const bySide = answerSetsBySide(answers.map((set) => ({ ...set, answeredAt: new Date(set.answeredAt) })));
  return [...bySide].flatMap(([relationshipId, sides]) => {
    const widest = widestGap(sides.collective, sides.authority, now);
    return widest && widest.gap >= DIVERGENCE_THRESHOLD ? [{ relationshipId, ...widest }] : [];
  });
}

/** The dashboard's answer from one statement's figures and the relationships' widest gaps. */
function dashboardAnswer(
  row: Omit<HandDashboard, "answers">,
  period: { from: string; to: string },
  gaps: { relationshipId: string; stage: Stage; gap: number }[],
) {
  const byStage = Object.fromEntries(STAGES.map((stage) => [stage, row.stages?.find((entry) => entry.stage === stage)?.n ?? 0])) as Record<Stage, number>;
  const unconfirmed = row.stages?.find((entry) => entry.stage === null)?.n ?? 0;
  const moves = row.moves ?? [];
  const forward = moves.reduce((sum, entry) => sum + entry.forward, 0);
  const names = new Map((row.names ?? []).map((entry) => [entry.relationshipId, entry]));
  const divergent = gaps
    .sort((a, b) => b.gap - a.gap || a.relationshipId.localeCompare(b.relationshipId))
    .slice(0, 10)
    .map((entry) => {
      const named = names.get(entry.relationshipId);
      return { ...entry, projectId: named?.projectId ?? "", title: named?.title ?? "", authorityName: named?.authorityName ?? "" };
    });
  return {
    network: row.network,
    period,
    projects: row.projects,
    jobs: { now: row.jobs_now, potential: row.jobs_potential },
    relationships: { byStage, unconfirmed, awaitingAnswer: row.awaiting, total: unconfirmed + STAGES.reduce((sum, stage) => sum + byStage[stage], 0) },
    movement: {
      months: monthsOf(period).map((month) => {
        const entry = moves.find((candidate) => candidate.month === month);
        return { month, forward: entry?.forward ?? 0, backward: entry?.backward ?? 0 };
      }),
      forward,
      backward: moves.reduce((sum, entry) => sum + entry.backward, 0),
    },
    medianDays: Object.fromEntries(
      STAGES.map((stage) => {
        const entry = row.medians?.find((candidate) => candidate.stage === stage);
        return [stage, entry ? { days: Number(entry.days), stays: entry.stays } : null];
      }),
    ),
    stuckAfterDays: row.stuckAfterDays,
    stuck: {
      total: row.stuck?.[0]?.total ?? 0,
      projects: (row.stuck ?? []).map(({ total: _total, ...entry }) => ({ ...entry, lastActivity: ms(entry.lastActivity) })),
    },
    divergent,
    levers: (row.levers ?? [])
      .map((entry) => ({ lever: entry.lever, moves: entry.moves, share: forward === 0 ? 0 : entry.moves / forward }))
      .sort((a, b) => b.moves - a.moves || a.lever.localeCompare(b.lever)),
    options: { territories: row.territories ?? [], sectors: row.sectors ?? [] },
  };
}
