// The floor of this stack: the best hand-written SQL for the project page and "Mes projets", one
// statement each, with no tRPC, no Auth.js and no React around it. `npm run bench` compares the
// procedures with it in-process; `npm run bench:http` compares them over HTTP with the bare route
// /api/banc/[vue], which answers only when BENCH_ROUTES=true.
import { sql } from "drizzle-orm";
import { selectRows, type DbOrTx } from "@/db";
import {
  divergence,
  firstPastFacts,
  readingOf,
  recommendedLevers,
  suggestStage,
  type AnswerSet,
  type LeverId,
  type Side,
  type Stage,
} from "@/server/domain/gradient";
import { settlesPastFacts, type MilestoneKind, type MilestoneStatus } from "@/server/domain/milestones";

export type Summary = {
  id: string;
  title: string;
  summary: string;
  updatedAt: Date | number;
  contactHolderId: string;
  contactHolderName: string;
  legalForm: string | null;
  coHolderNames: string[];
  communeId: string;
  communeName: string;
  departementCode: string | null;
  relationships: { relationshipId: string; authorityName: string; stage: Stage | null }[];
  latestMilestone: { title: string; occursOn: string } | null;
};

export function shapeSummary(row: Summary) {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    updatedAt: row.updatedAt instanceof Date ? row.updatedAt.getTime() : row.updatedAt,
    contactHolderId: row.contactHolderId,
    contactHolderName: row.contactHolderName,
    legalForm: row.legalForm,
    coHolderNames: row.coHolderNames,
    communeId: row.communeId,
    communeName: row.communeName,
    departementCode: row.departementCode,
    relationships: row.relationships.map((r) => ({ relationshipId: r.relationshipId, authorityName: r.authorityName, stage: r.stage })),
    latestMilestone: row.latestMilestone ? { title: row.latestMilestone.title, occursOn: row.latestMilestone.occursOn } : null,
  };
}

/** The summary columns of project `p`, as the hand-written queries select them. */
export const SUMMARY_COLUMNS = sql`p.id, p.title, p.summary, floor(extract(epoch from p.updated_at) * 1000)::float8 as "updatedAt",
  p.contact_holder_id as "contactHolderId", contact.name as "contactHolderName", contact.legal_form as "legalForm",
  to_json(array(select h.name from project_party hp join organisation h on h.id = hp.organisation_id
    where hp.project_id = p.id and hp.role = 'holder' and hp.status = 'active' and hp.organisation_id <> p.contact_holder_id
    order by hp.created_at, h.name)) as "coHolderNames",
  p.commune_id as "communeId", c.name as "communeName", c.departement_code as "departementCode",
  coalesce((select json_agg(json_build_object('relationshipId', r.id, 'authorityName', a.name, 'stage', r.stage) order by r.created_at, r.id)
    from relationship r join organisation a on a.id = r.authority_id where r.project_id = p.id), '[]'::json) as relationships,
  (select json_build_object('title', m.title, 'occursOn', m.occurs_on) from milestone m
    where m.project_id = p.id and m.status = 'done' and m.hidden_at is null order by m.occurs_on desc, m.created_at desc, m.id limit 1) as "latestMilestone"`;

export const partyOf = (userId: string) => sql`exists (select 1 from project_party pp join membership mb on mb.organisation_id = pp.organisation_id
  where pp.project_id = p.id and pp.status = 'active' and mb.user_id = ${userId})`;

/** Readable through a verified membership of an authority whose territory holds a commune where the project acts. */
export const throughTerritoryOf = (userId: string) => sql`exists (select 1 from membership mb
  join organisation o on o.id = mb.organisation_id join territory t on t.id = o.territory_id
  join project_commune pc on pc.project_id = p.id join territory pcm on pcm.id = pc.commune_id
  where mb.user_id = ${userId} and mb.verified_at is not null
    and (t.id = pcm.id or (t.kind = 'epci' and pcm.epci_code = t.code) or (t.kind = 'departement' and pcm.departement_code = t.code)
      or (t.kind = 'region' and pcm.region_code = t.code)))`;

// ── The project page ──

type Change = {
  id: string;
  fromStage: Stage | null;
  toStage: Stage;
  status: string;
  proposedByName: string | null;
  decidedByName: string | null;
  notes: string[];
  milestoneIds: string[];
};

type HandPage = {
  file: Record<string, unknown> & { isMember: boolean; following: boolean };
  relationships: {
    id: string;
    authorityName: string;
    territoryKind: string;
    stage: Stage | null;
    changes: Change[];
    answers: { side: Side; respondentId: string; answeredAt: string; answers: AnswerSet["answers"] }[] | null;
  }[];
  milestones: (Record<string, unknown> & {
    id: string;
    kind: MilestoneKind;
    title: string;
    status: MilestoneStatus;
    hidden: boolean;
    levers: LeverId[];
    relationships: { relationshipId: string; confirmation: string }[];
  })[];
  moderates: boolean;
  isParty: boolean;
};

/** One statement: the file, the relationships with their changes and answers, the timeline. */
export async function handProjectPage(db: DbOrTx, userId: string, projectId: string) {
  const [page] = await selectRows<HandPage>(
    db,
    sql`with p as (select * from project where id = ${projectId}),
        mine as (select pp.organisation_id, pp.role, mb.role as membership_role from project_party pp
          join membership mb on mb.organisation_id = pp.organisation_id and mb.user_id = ${userId}
          where pp.project_id = ${projectId} and pp.status = 'active')
      select json_build_object(
          'id', p.id, 'title', p.title, 'summary', p.summary, 'updatedAt', floor(extract(epoch from p.updated_at) * 1000)::float8,
          'contactHolderName', contact.name, 'legalForm', contact.legal_form, 'communeName', c.name, 'sector', p.sector, 'sectorDetail', p.sector_detail,
          'collectiveStage', p.collective_stage, 'jobsNow', p.jobs_now, 'jobsPotential', p.jobs_potential, 'needs', p.needs,
          'links', p.links, 'contacts', p.contacts, 'visibility', p.visibility, 'version', p.version,
          'communes', (select json_agg(json_build_object('id', t.id, 'name', t.name, 'departementCode', t.departement_code) order by t.name, t.id)
            from project_commune pc join territory t on t.id = pc.commune_id where pc.project_id = p.id),
          'fundingLines', coalesce((select json_agg(json_build_object('source', f.source, 'label', f.label, 'amountEuros', f.amount_euros, 'status', f.status) order by f.position)
            from funding_line f where f.project_id = p.id), '[]'::json),
          'parties', (select json_agg(json_build_object('organisationId', o.id, 'name', o.name, 'kind', o.kind, 'legalForm', o.legal_form, 'role', pp.role, 'status', pp.status)
              order by pp.created_at, pp.organisation_id)
            from project_party pp join organisation o on o.id = pp.organisation_id where pp.project_id = p.id),
          'isMember', exists (select 1 from mine where role = 'holder'),
          'following', exists (select 1 from follow where user_id = ${userId} and project_id = p.id)) as file,
        coalesce((select json_agg(json_build_object('id', r.id, 'authorityName', a.name, 'territoryKind', t.kind, 'stage', r.stage,
            'changes', coalesce((select json_agg(json_build_object('id', sc.id, 'fromStage', sc.from_stage, 'toStage', sc.to_stage, 'status', sc.status,
                  'proposedByName', proposer.name, 'decidedByName', decider.name,
                  'notes', coalesce((select json_agg(n.id order by n.created_at) from mediation_note n where n.stage_change_id = sc.id), '[]'::json),
                  'milestoneIds', coalesce((select json_agg(scm.milestone_id order by scm.milestone_id) from stage_change_milestone scm where scm.stage_change_id = sc.id), '[]'::json))
                order by sc.proposed_at)
              from stage_change sc left join "user" proposer on proposer.id = sc.proposed_by_id left join "user" decider on decider.id = sc.decided_by_id
              where sc.relationship_id = r.id), '[]'::json),
            'answers', (select json_agg(json_build_object('side', b.side, 'respondentId', b.respondent_id, 'answeredAt', b.answered_at, 'answers', b.answers))
              from barometer_answer_set b where b.relationship_id = r.id))
          order by r.created_at)
          from relationship r join organisation a on a.id = r.authority_id join territory t on t.id = a.territory_id where r.project_id = p.id), '[]'::json) as relationships,
        coalesce((select json_agg(json_build_object('id', m.id, 'kind', m.kind, 'title', m.title, 'occursOn', m.occurs_on, 'status', m.status,
            'recordedByName', recorder.name, 'version', m.version, 'hidden', m.hidden_at is not null,
            'levers', coalesce((select json_agg(ml.lever_id order by ml.lever_id) from milestone_lever ml where ml.milestone_id = m.id), '[]'::json),
            'relationships', coalesce((select json_agg(json_build_object('relationshipId', mr.relationship_id, 'confirmation', mr.confirmation,
                'notes', coalesce((select json_agg(n.id order by n.created_at) from mediation_note n where n.milestone_id = mr.milestone_id and n.relationship_id = mr.relationship_id), '[]'::json))
                order by mr.relationship_id)
              from milestone_relationship mr where mr.milestone_id = m.id), '[]'::json))
            order by m.occurs_on desc, m.id)
          from milestone m left join "user" recorder on recorder.id = m.recorded_by_id
          where m.project_id = p.id and (m.hidden_at is null or exists (select 1 from mine where role = 'network' and membership_role in ('moderator', 'admin')))), '[]'::json) as milestones,
        exists (select 1 from mine where role = 'network' and membership_role in ('moderator', 'admin')) as moderates,
        exists (select 1 from mine) as "isParty"
      from p join organisation contact on contact.id = p.contact_holder_id join territory c on c.id = p.commune_id
      where exists (select 1 from mine)`,
  );
  if (!page) return null;
  const now = new Date();
  const { isMember, following, ...file } = page.file;
  return {
    file: { ...file, can: { edit: isMember }, following },
    relationships: page.relationships.map(({ answers, changes, ...relationship }) => {
      const sets = (side: Side): AnswerSet[] =>
        (answers ?? [])
          .filter((set) => set.side === side)
          .map((set) => ({ respondentId: set.respondentId, answeredAt: new Date(set.answeredAt), answers: set.answers }));
      // The timeline's rows, read by the same domain rules: past facts settled by working together,
      // levers mobilised by a confirmed milestone that took place (the latest named).
      const links = page.milestones.flatMap((milestone) =>
        milestone.relationships.filter((link) => link.relationshipId === relationship.id).map((link) => ({ milestone, link })),
      );
      const settled = links.some(({ milestone, link }) => settlesPastFacts(milestone, link.confirmation));
      const collective = readingOf(sets("collective"), now, settled);
      const authority = readingOf(sets("authority"), now, settled);
      const mobilisedBy = new Map<LeverId, { milestoneId: string; title: string }>();
      for (const { milestone, link } of links) {
        if (milestone.status !== "done" || milestone.hidden || link.confirmation !== "confirmed") continue;
        for (const lever of milestone.levers) if (!mobilisedBy.has(lever)) mobilisedBy.set(lever, { milestoneId: milestone.id, title: milestone.title });
      }
      const pending = changes.find((change) => change.status === "pending");
      return {
        ...relationship,
        changes,
        barometer: {
          collective: { ...collective, suggestion: suggestStage(collective) },
          authority: { ...authority, suggestion: suggestStage(authority) },
          divergence: divergence(collective, authority),
          pastFactsSettled: settled,
          pastFacts: { collective: firstPastFacts(sets("collective")), authority: firstPastFacts(sets("authority")) },
        },
        nextSteps: recommendedLevers(relationship.stage ?? pending?.toStage ?? "defiance").map((lever) => ({
          lever,
          used: mobilisedBy.has(lever),
          by: mobilisedBy.get(lever) ?? null,
        })),
      };
    }),
    milestones: page.milestones,
    canModerate: page.moderates,
    canReport: page.isParty,
  };
}

/** "Mes projets": the projects of the organisations the person belongs to, latest activity first. */
export async function handMyProjects(db: DbOrTx, userId: string) {
  const rows = await selectRows<Summary>(
    db,
    sql`select ${SUMMARY_COLUMNS} from project p join organisation contact on contact.id = p.contact_holder_id join territory c on c.id = p.commune_id
      where ${partyOf(userId)} order by p.updated_at desc, p.id`,
  );
  return rows.map(shapeSummary);
}

/** GET /api/banc/[vue]: 404 unless enabled; the session's person, else 401; then the hand-written answer. */
export async function answerFloorRequest(db: DbOrTx, request: Request, view: string, enabled: boolean): Promise<Response> {
  if (!enabled) return new Response(null, { status: 404 });
  const cookies = request.headers.get("cookie") ?? "";
  const token = /(?:^|;\s*)(?:__Secure-)?authjs\.session-token=([^;]+)/.exec(cookies)?.[1];
  const [session] = token ? await selectRows<{ user_id: string }>(db, sql`select user_id from session where session_token = ${token} and expires > now()`) : [];
  if (!session) return Response.json({ error: "Connectez-vous pour continuer." }, { status: 401 });
  if (view === "mes-projets") return Response.json(await handMyProjects(db, session.user_id));
  const projectId = new URL(request.url).searchParams.get("id") ?? "";
  if (view === "projet" && /^[0-9a-f-]{36}$/i.test(projectId)) {
    const page = await handProjectPage(db, session.user_id, projectId);
    return page ? Response.json(page) : Response.json({ error: "Projet introuvable." }, { status: 404 });
  }
  return new Response(null, { status: 404 });
}
