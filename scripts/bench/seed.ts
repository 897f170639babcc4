// The national-scale data set of the benchmarks, built in SQL (generate_series) so that a million
// rows take a minute, not an hour. Deterministic: ids are md5 of a name and a number, dates count
// back from BASE, choices come from arithmetic on the row numbers — two seeds give the same rows.
import { sql } from "drizzle-orm";
import { selectRows, type Database } from "@/db";
import { INDICATOR_IDS, LEVER_IDS } from "@/server/domain/gradient";
import { MILESTONE_KINDS } from "@/server/domain/milestones";
import { LEGAL_FORMS } from "@/server/domain/organisations";

/** Every date of the data set counts back (or forward, for planned milestones) from here. */
export const BASE = "2026-11-01T09:00:00Z";

/** The issue's national figures; a scale multiplies them (PGlite: 0.1). */
export const NATIONAL = {
  people: 20_000,
  collectives: 6_000,
  authorities: 3_000,
  networks: 60,
  projects: 10_000,
  relationships: 25_000,
  milestones: 200_000,
  stageChanges: 40_000,
  barometerSets: 50_000,
  comments: 100_000,
  notifications: 500_000,
};

export type SeedSize = typeof NATIONAL;

export function sizeAt(scale: number): SeedSize {
  const scaled = Object.fromEntries(Object.entries(NATIONAL).map(([key, value]) => [key, Math.max(6, Math.round(value * scale))]));
  return scaled as SeedSize;
}

/** The people the benchmark signs in as; each one's situation is set up after the bulk rows. */
export const PERSONAS = {
  /** Member of collectives 2, 4… 20, which lead twenty projects between them (2 and 4 among them). */
  holder: { id: "bench-porteur", email: "porteur@bench.maillage.test", name: "Camille Porteur" },
  /** Verified member of the busiest département's authority, following 50 of its projects. */
  official: { id: "bench-elue", email: "elue@bench.maillage.test", name: "Hélène Élue" },
  /** Moderator of the network that holds half the projects (5,000 at national scale), and of a small one. */
  moderator: { id: "bench-reseau", email: "reseau@bench.maillage.test", name: "Sophie Réseau" },
} as const;

const FIRST_NAMES = [
  "Camille",
  "Louis",
  "Léa",
  "Hugo",
  "Manon",
  "Jules",
  "Chloé",
  "Lucas",
  "Emma",
  "Nathan",
  "Inès",
  "Arthur",
  "Jeanne",
  "Paul",
  "Zoé",
  "Martin",
  "Alice",
  "Gabriel",
  "Rose",
  "Simon",
];
const LAST_NAMES = [
  "Martin",
  "Bernard",
  "Dubois",
  "Thomas",
  "Robert",
  "Richard",
  "Petit",
  "Durand",
  "Leroy",
  "Moreau",
  "Simon",
  "Laurent",
  "Lefebvre",
  "Michel",
  "Garcia",
  "David",
  "Bertrand",
  "Roux",
  "Vincent",
  "Fournier",
  "Morel",
  "Girard",
  "Andre",
  "Mercier",
  "Blanc",
];
const THEMES = [
  "épicerie coopérative",
  "tiers-lieu",
  "ressourcerie",
  "ferme partagée",
  "centrale villageoise",
  "habitat participatif",
  "garage solidaire",
  "café associatif",
  "légumerie",
  "atelier vélo",
  "cantine bio",
  "recyclerie",
  "maison de santé",
  "fablab",
  "autopartage",
];
// Keys of the fixed list (server/domain/sectors.ts): the project table checks them.
const SECTORS = ["alimentation", "mobilite", "habitat", "culture", "energie", "sante", "reemploi"];

function textArray(values: readonly string[]): string {
  return `array[${values.map((value) => `'${value.replaceAll("'", "''")}'`).join(", ")}]`;
}

/** `pick(array, expr)`: the element of a SQL array chosen by an integer expression. */
function pick(values: readonly string[], expression: string): string {
  return `(${textArray(values)})[1 + ((${expression}) % ${values.length})]`;
}

export type SeedStep = { label: string; statements: string[] };

/** The steps, in order; each is a few set-based statements. `departements` narrows the communes. */
export function seedSteps(size: SeedSize, departements: string[] | null): SeedStep[] {
  const base = `timestamptz '${BASE}'`;
  const collectiveAdmin = (collective: string) => `'bench-u' || (2 * ((${collective}) - 1) + 1)`;
  const P = size.projects;
  const milestonesPerProject = Math.max(1, Math.round(size.milestones / P));
  const commentsPerProject = Math.max(1, Math.round(size.comments / P));
  const notificationsPerPerson = Math.max(1, Math.round(size.notifications / size.people));
  const communeFilter = departements ? `and departement_code in (${departements.map((code) => `'${code}'`).join(", ")})` : "";
  const answers = `jsonb_build_object(${INDICATOR_IDS.map((id, index) => `'${id}', 1 + (abs(hashtext(r.id::text || '${index}')) % 5)`).join(", ")})`;
  return [
    {
      label: "communes et collectivités retenues",
      statements: [
        // md5 of a name, with the version and variant digits of a UUID v4, which the API's inputs require.
        `create function pg_temp.bench_uuid(name text) returns uuid language sql immutable
          as $$ select overlay(overlay(md5(name) placing '4' from 13) placing '8' from 17)::uuid $$`,
        `create temporary table seed_commune as
          select row_number() over (order by code)::int as n, id, code, epci_code, departement_code, region_code
          from territory where kind = 'commune' ${communeFilter}`,
        // Régions, départements, EPCI first (every project deals with its EPCI and its département), then the largest communes.
        `create temporary table seed_authority as
          select row_number() over (order by rank, population desc nulls last, id)::int as n, id from (
            select t.id, t.population, case t.kind when 'region' then 0 when 'departement' then 1 when 'epci' then 2 else 3 end as rank
            from territory t
            where (t.kind = 'region' and t.code in (select region_code from seed_commune))
               or (t.kind = 'departement' and t.code in (select departement_code from seed_commune))
               or (t.kind = 'epci' and t.code in (select epci_code from seed_commune))
               or (t.kind = 'commune' and t.id in (select id from seed_commune))
            order by rank, t.population desc nulls last, t.id
            limit ${size.authorities}
          ) chosen`,
      ],
    },
    {
      label: "personnes",
      statements: [
        `insert into "user" (id, name, email, email_verified, created_at)
          select 'bench-u' || i, ${pick(FIRST_NAMES, "i")} || ' ' || ${pick(LAST_NAMES, `i / ${FIRST_NAMES.length}`)},
            'personne' || i || '@bench.maillage.test', ${base} - make_interval(days => 400 + i % 900), ${base} - make_interval(days => 400 + i % 900)
          from generate_series(1, ${size.people}) i`,
        `insert into "user" (id, name, email, email_verified) values
          ${Object.values(PERSONAS)
            .map((persona) => `('${persona.id}', '${persona.name.replaceAll("'", "''")}', '${persona.email}', ${base})`)
            .join(", ")}`,
      ],
    },
    {
      label: "organisations et rôles",
      statements: [
        `insert into organisation (id, kind, name, legal_form, created_at)
          select pg_temp.bench_uuid('collective' || i), 'collective', 'Collectif ' || ${pick(THEMES, "i")} || ' n° ' || i,
            ${pick(LEGAL_FORMS, "i")}::legal_form, ${base} - make_interval(days => 300 + i % 700)
          from generate_series(1, ${size.collectives}) i`,
        `insert into organisation (id, kind, name, territory_id, created_at)
          select pg_temp.bench_uuid('authority' || a.n), 'authority',
            case t.kind when 'commune' then 'Commune de ' || t.name when 'epci' then t.name
              when 'departement' then 'Département : ' || t.name else 'Région ' || t.name end,
            t.id, ${base} - interval '800 days'
          from seed_authority a join territory t on t.id = a.id`,
        `insert into organisation (id, kind, name, created_at)
          select pg_temp.bench_uuid('network' || i), 'network', case i when 1 then 'Réseau national des tiers-lieux ruraux' else 'Réseau d''accompagnement n° ' || i end,
            ${base} - interval '900 days'
          from generate_series(1, ${size.networks}) i`,
        `insert into membership (organisation_id, user_id, role)
          select pg_temp.bench_uuid('collective' || c), 'bench-u' || (2 * (c - 1) + k), case k when 1 then 'admin' else 'member' end::membership_role
          from generate_series(1, ${size.collectives}) c, generate_series(1, 2) k`,
        `insert into membership (organisation_id, user_id, role, office, verified_at)
          select pg_temp.bench_uuid('authority' || a.n), 'bench-u' || (${2 * size.collectives} + 2 * (a.n - 1) + k),
            case k when 1 then 'admin' else 'member' end::membership_role,
            (case when k = 2 then 'agent' else case t.kind when 'commune' then 'maire' when 'epci' then 'president'
              when 'departement' then 'conseiller_departemental' else 'conseiller_regional' end end)::authority_office,
            ${base} - interval '700 days'
          from seed_authority a join territory t on t.id = a.id, generate_series(1, 2) k`,
        `insert into membership (organisation_id, user_id, role)
          select pg_temp.bench_uuid('network' || n), 'bench-u' || (${2 * size.collectives + 2 * size.authorities} + 3 * (n - 1) + k),
            case k when 1 then 'admin' else 'moderator' end::membership_role
          from generate_series(1, ${size.networks}) n, generate_series(1, 3) k`,
      ],
    },
    {
      label: "projets",
      statements: [
        `create temporary table seed_project as
          select i, pg_temp.bench_uuid('project' || i) as id, c.id as commune_id, c.n as commune_n, 1 + (i - 1) % ${size.collectives} as collective
          from generate_series(1, ${P}) i
          join seed_commune c on c.n = 1 + (i * 7919) % (select count(*) from seed_commune)`,
        `insert into project (id, title, summary, contact_holder_id, commune_id, sector, collective_stage, jobs_now, jobs_potential,
            needs, visibility, created_by_id, created_at, updated_at)
          select p.id, 'Projet ' || ${pick(THEMES, "p.i * 3")} || ' n° ' || p.i,
            'Un projet collectif de territoire : ' || ${pick(THEMES, "p.i * 3")} || ', porté par des habitants et des acteurs locaux.',
            pg_temp.bench_uuid('collective' || p.collective), p.commune_id, ${pick(SECTORS, "p.i")},
            (array['idea', 'creation', 'running'])[1 + p.i % 3]::collective_stage, p.i % 7, p.i % 15,
            case p.i % 3 when 0 then array['land', 'funding'] when 1 then array['expertise', 'network'] else array['skills', 'funding'] end,
            (case when p.i % 10 = 0 then 'public' when p.i % 10 in (1, 2) then 'parties' else 'territory' end)::project_visibility,
            ${collectiveAdmin("p.collective")},
            ${base} - make_interval(days => 200 + (p.i * 37) % 1000), ${base} - make_interval(days => (p.i * 37) % 700, mins => p.i % 1440)
          from seed_project p`,
        `insert into project_party (project_id, organisation_id, role, created_at)
          select p.id, pg_temp.bench_uuid('collective' || p.collective), 'holder', ${base} - make_interval(days => 200 + (p.i * 37) % 1000)
          from seed_project p`,
        `insert into project_commune (project_id, commune_id)
          select p.id, p.commune_id from seed_project p
          union
          select p.id, c.id from seed_project p join seed_commune c on c.n = 1 + p.commune_n % (select count(*) from seed_commune) where p.i % 3 = 0`,
        // Network 1 holds every other project (5,000 at national scale); the others share the rest.
        `insert into project_party (project_id, organisation_id, role, created_at)
          select p.id, pg_temp.bench_uuid('network' || case when p.i % 2 = 0 then 1 else 2 + p.i % ${size.networks - 1} end), 'network',
            ${base} - make_interval(days => 150 + (p.i * 37) % 900)
          from seed_project p`,
      ],
    },
    {
      label: "relations projet × collectivité",
      statements: [
        // Its EPCI, its département and, for every other project, its commune (its région when the commune has no authority).
        `create temporary table seed_relationship as
          select distinct on (p.id, o.id) pg_temp.bench_uuid('relationship' || p.i || '-' || v.k) as id, p.i, p.id as project_id, p.collective, o.id as authority_id, v.k,
            ${base} - make_interval(days => 150 + (p.i * 37) % 1000 - v.k * 20) as created_at
          from seed_project p
          join seed_commune c on c.id = p.commune_id
          cross join lateral (values
            (1, 'epci-' || c.epci_code),
            (2, 'departement-' || c.departement_code),
            (3, case when p.i % 2 = 0 then coalesce((select territory_id from organisation where territory_id = c.id), 'region-' || c.region_code) end)
          ) v(k, territory_id)
          join organisation o on o.territory_id = v.territory_id
          order by p.id, o.id, v.k`,
        `alter table seed_relationship add column stage stage, add column steps int`,
        `update seed_relationship set
            stage = (case when h < 15 then null when h < 40 then 'defiance' when h < 70 then 'observation' when h < 90 then 'collaboration' else 'coportage' end)::stage,
            steps = case when h >= 40 and abs(hashtext(id::text || 'steps')) % 13 <> 0 then 2 else 1 end
          from (select id as rid, abs(hashtext(id::text)) % 100 as h from seed_relationship) hashed where hashed.rid = seed_relationship.id`,
        `insert into relationship (id, project_id, authority_id, stage, created_at)
          select id, project_id, authority_id, stage, created_at from seed_relationship`,
        `insert into project_party (project_id, organisation_id, role, created_at)
          select project_id, authority_id, 'authority', created_at from seed_relationship on conflict do nothing`,
      ],
    },
    {
      label: "changements de stade",
      statements: [
        `analyze relationship`,
        // A relationship that climbed twice went through the stage below its own first.
        `insert into stage_change (id, relationship_id, from_stage, to_stage, reason, proposed_side, proposed_by_id, proposed_at, status, decided_by_id, decided_at)
          select pg_temp.bench_uuid('change1-' || r.id), r.id, null,
            case when r.steps = 2 then (enum_range(null::stage))[array_position(enum_range(null::stage), r.stage) - 1] else coalesce(r.stage, 'observation') end,
            'Premier échange entre le collectif et la collectivité.', 'collective', ${collectiveAdmin("r.collective")},
            r.created_at + interval '10 days',
            (case when r.stage is null then 'pending' else 'confirmed' end)::proposal_status,
            case when r.stage is null then null else ${collectiveAdmin("r.collective")} end,
            case when r.stage is null then null else r.created_at + interval '20 days' end
          from seed_relationship r`,
        `analyze stage_change`,
        `insert into stage_change (id, relationship_id, from_stage, to_stage, reason, proposed_side, proposed_by_id, proposed_at, status, decided_by_id, decided_at)
          select pg_temp.bench_uuid('change2-' || r.id), r.id, (enum_range(null::stage))[array_position(enum_range(null::stage), r.stage) - 1], r.stage,
            'Une première action menée ensemble.', 'collective', ${collectiveAdmin("r.collective")},
            r.created_at + interval '120 days', 'confirmed', ${collectiveAdmin("r.collective")}, r.created_at + interval '130 days'
          from seed_relationship r where r.steps = 2`,
      ],
    },
    {
      label: "jalons",
      statements: [
        // Project 4 (and every hundredth after it) has one milestone, project 2 (idem) twice the usual:
        // the benchmark reads both to show a page's statements do not grow with its rows.
        `create temporary table seed_milestone as
          select pg_temp.bench_uuid('milestone' || p.i || '-' || j) as id, p.i, p.id as project_id, p.collective, j,
            j > ${milestonesPerProject - 2} as planned, (j * 41 + p.i * 7) % 1000 as age
          from seed_project p, generate_series(1, case p.i % 100 when 4 then 1 when 2 then ${2 * milestonesPerProject - 1} else ${milestonesPerProject} end) j`,
        `insert into milestone (id, project_id, kind, title, occurs_on, status, description, recorded_side, recorded_by_id, created_at, updated_at)
          select m.id, m.project_id, ${pick(MILESTONE_KINDS, "m.i + m.j")}::milestone_kind,
            ${pick(["Rencontre en mairie", "Visite du site", "Réunion publique", "Délibération du conseil", "Convention signée", "Premier chantier", "Comité de pilotage", "Atelier participatif"], "m.i * 5 + m.j")} || ' ' || m.j,
            case when m.planned then (${base})::date + (m.j * 3 + m.i % 60) else (${base})::date - (m.age + 1) end,
            (case when m.planned then 'planned' when (m.i + m.j) % 17 = 0 then 'cancelled' else 'done' end)::milestone_status,
            'Compte rendu : ce qui a été dit, décidé, et la suite prévue.',
            (case when m.j % 3 = 0 then 'authority' else 'collective' end)::side, ${collectiveAdmin("m.collective")},
            ${base} - make_interval(days => m.age), ${base} - make_interval(days => m.age)
          from seed_milestone m`,
        // The triggers that keep the dashboard's summaries plan their lookups on these tables: give them statistics first.
        `analyze milestone`,
        `create temporary table seed_relationship_rank as
          select id, project_id, i, row_number() over (partition by project_id order by k)::int as rank, count(*) over (partition by project_id)::int as total
          from seed_relationship`,
        `insert into milestone_relationship (milestone_id, relationship_id, confirmation, decided_by_id, decided_at)
          select m.id, r.id,
            (case when m.j % 29 = 0 then 'contested' when m.j % 11 = 0 then 'pending' else 'confirmed' end)::confirmation,
            case when m.j % 11 = 0 then null else 'bench-u' || (${2 * size.collectives} + 1) end,
            case when m.j % 11 = 0 then null else ${base} - make_interval(days => m.age) end
          from seed_milestone m join seed_relationship_rank r on r.project_id = m.project_id
          where r.rank = 1 + m.j % r.total or (m.j % 4 = 0 and r.rank = 1 + (m.j + 1) % r.total)`,
        `analyze milestone_relationship`,
        `insert into milestone_lever (milestone_id, lever_id)
          select m.id, ${pick(LEVER_IDS, "m.i * 3 + m.j")} from seed_milestone m
          union
          select m.id, ${pick(LEVER_IDS, "m.i * 3 + m.j + 5")} from seed_milestone m where m.j % 2 = 0`,
        `insert into stage_change_milestone (stage_change_id, milestone_id)
          select pg_temp.bench_uuid('change2-' || r.id), pg_temp.bench_uuid('milestone' || r.i || '-' || 1) from seed_relationship r where r.steps = 2`,
      ],
    },
    {
      label: "baromètre",
      statements: [
        `insert into barometer_answer_set (id, relationship_id, side, respondent_id, answered_at, answers)
          select pg_temp.bench_uuid('barometer' || r.id || s.side), r.id, s.side::side,
            case s.side when 'collective' then ${collectiveAdmin("r.collective")} else 'bench-u' || (${2 * size.collectives} + 1) end,
            ${base} - make_interval(days => abs(hashtext(r.id::text || s.side)) % 300), ${answers}
          from seed_relationship r, (values ('collective'), ('authority')) s(side)`,
      ],
    },
    {
      label: "commentaires",
      statements: [
        `insert into comment (id, project_id, author_id, body, created_at, updated_at)
          select pg_temp.bench_uuid('comment' || p.i || '-' || j), p.id,
            'bench-u' || (2 * (p.collective - 1) + 1 + j % 2),
            ${pick(["Merci pour la rencontre, on vous envoie le compte rendu.", "La commission se réunit le mois prochain.", "Pouvez-vous préciser le budget ?", "Le terrain est disponible à partir de mars."], "p.i + j")},
            ${base} - make_interval(days => (j * 53 + p.i) % 900), ${base} - make_interval(days => (j * 53 + p.i) % 900)
          from seed_project p, generate_series(1, ${commentsPerProject}) j`,
      ],
    },
    {
      label: "notifications et suivis",
      statements: [
        `insert into notification (user_id, kind, project_id, actor_id, payload, created_at, read_at, emailed_at)
          select 'bench-u' || u, (enum_range(null::notification_kind))[1 + (u + k) % 11],
            pg_temp.bench_uuid('project' || (1 + (u * 7 + k * 13) % ${P})), 'bench-u' || (1 + (u + k) % ${size.people}),
            jsonb_build_object('title', 'Projet n° ' || (1 + (u * 7 + k * 13) % ${P})),
            ${base} - make_interval(days => k * 5 + u % 5),
            case when k > 3 then ${base} - make_interval(days => k * 5) end,
            case when k > 2 then ${base} - make_interval(days => k * 5 + u % 5) end
          from generate_series(1, ${size.people}) u, generate_series(1, ${notificationsPerPerson}) k`,
        `insert into follow (user_id, project_id, followed_at, last_visited_at)
          select 'bench-u' || u, pg_temp.bench_uuid('project' || (1 + (u * f) % ${P})), ${base} - interval '300 days', ${base} - make_interval(days => (u * f) % 200)
          from generate_series(1, ${size.people}) u, (values (13), (29)) v(f)
          on conflict do nothing`,
      ],
    },
    {
      label: "journal des modifications",
      statements: [
        `insert into change_log (at, actor_id, entity, entity_id, project_id, action, version)
          select ${base} - make_interval(days => 200 + (p.i * 37) % 1000), ${collectiveAdmin("p.collective")}, 'project', p.id::text, p.id, 'create', 1
          from seed_project p`,
        `insert into change_log (at, actor_id, entity, entity_id, project_id, action, version)
          select m.created_at, m.recorded_by_id, 'milestone', m.id::text, m.project_id, 'create', 1 from milestone m`,
        `insert into change_log (at, actor_id, entity, entity_id, project_id, action)
          select sc.proposed_at, sc.proposed_by_id, 'stage_change', sc.id::text, r.project_id, 'propose'
          from stage_change sc join relationship r on r.id = sc.relationship_id`,
        `insert into change_log (at, actor_id, entity, entity_id, project_id, action, version)
          select c.created_at, c.author_id, 'comment', c.id::text, c.project_id, 'create', 1 from comment c`,
      ],
    },
  ];
}

/** Sets up the personas' situations (their memberships, follows) once the bulk rows exist. */
export async function seedPersonas(db: Database): Promise<{ departementId: string; officialAuthorityId: string }> {
  await db.execute(sql`insert into membership (organisation_id, user_id, role)
    select pg_temp.bench_uuid('collective' || c), ${PERSONAS.holder.id}, 'member' from generate_series(2, 20, 2) c`);
  // The official: the authority of the département with the most projects.
  const [busiest] = await selectRows<{ territory_id: string; authority_id: string }>(
    db,
    sql`select t.id as territory_id, o.id as authority_id from project p
      join territory c on c.id = p.commune_id
      join territory t on t.kind = 'departement' and t.code = c.departement_code
      join organisation o on o.territory_id = t.id
      group by t.id, o.id order by count(*) desc, t.id limit 1`,
  );
  if (!busiest) throw new Error("no département authority in the data set");
  await db.execute(sql`insert into membership (organisation_id, user_id, role, office, verified_at)
    values (${busiest.authority_id}, ${PERSONAS.official.id}, 'member', 'conseiller_departemental', ${BASE})`);
  await db.execute(sql`insert into follow (user_id, project_id, followed_at, last_visited_at)
    select ${PERSONAS.official.id}, p.id, ${BASE}::timestamptz - interval '200 days', ${BASE}::timestamptz - make_interval(days => row_number() over (order by p.id)::int * 3)
    from project p join territory c on c.id = p.commune_id
    where 'departement-' || c.departement_code = ${busiest.territory_id} and p.visibility <> 'parties'
    order by p.id limit 50`);
  await db.execute(sql`insert into membership (organisation_id, user_id, role)
    select pg_temp.bench_uuid('network' || n), ${PERSONAS.moderator.id}, 'moderator' from generate_series(1, 2) n`);
  return { departementId: busiest.territory_id, officialAuthorityId: busiest.authority_id };
}
