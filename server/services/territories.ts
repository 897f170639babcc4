// Territories: finding one by name (whatever the accents, case and hyphens), INSEE code or postal
// code, and an authority's view of the projects acting in its territory.
import { and, asc, desc, eq, exists, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import { organisations, projectCommunes, projects, relationships, territories } from "@/db/schema";
import { STAGES, type Stage } from "@/server/domain/gradient";
import { groupedBy } from "@/server/domain/group-by";
import { normaliseSearchQuery } from "@/server/domain/search-text";
import { notFound } from "@/server/errors";
import { assertCanFollowTerritoryOf, projectVisibleWithinOwnTerritory, requireActor, type Actor } from "./access";
import { anyHolderWhere } from "./holders";
import { projectListQuery } from "./projects";
import type { TerritoryKind } from "@/server/domain/territories";
import type { TTerritoryProjectsInput } from "@/server/api/routers/project.schema";

export type TerritorySearch = { query: string; kinds?: TerritoryKind[]; limit?: number };

const territorySummary = {
  id: territories.id,
  kind: territories.kind,
  code: territories.code,
  name: territories.name,
  departementCode: territories.departementCode,
  epciType: territories.epciType,
  population: territories.population,
  postalCodes: territories.postalCodes,
};

export type TerritorySummary = {
  id: string;
  kind: TerritoryKind;
  code: string;
  name: string;
  departementCode: string | null;
  epciType: string | null;
  population: number | null;
  postalCodes: string[];
};

const ALL_KINDS = territories.kind.enumValues.join(",");

/**
 * The three searches, built once per database handle (db/prepared.ts): the search box asks at
 * every keystroke, and building the statement cost as much as running it. The kinds go as one
 * comma-separated parameter, every kind when none is asked for, so each search is one statement.
 */
const searchStatements = preparedPerHandle((db) => {
  const kinds = sql`${territories.kind}::text = any(string_to_array(${sql.placeholder("kinds")}, ','))`;
  const query = sql.placeholder("query");
  // Exact names first ("die" finds Die), then names starting with the query, then a word starting
  // with it; the closest spelling, then the most populated, within each rank.
  const byRelevance = [
    sql`case
      when ${territories.searchName} = ${query} then 0
      when ${territories.searchName} like ${sql.placeholder("prefix")} then 1
      when ${territories.searchName} like ${sql.placeholder("wordPrefix")} then 2
      else 3 end`,
    sql`similarity(${territories.searchName}, ${query}) desc`,
    desc(territories.population),
  ];
  const limit = sql.placeholder("limit");
  return {
    byCode: db
      .select(territorySummary)
      .from(territories)
      .where(and(kinds, or(eq(territories.code, query), sql`${territories.postalCodes} @> array[${query}]::text[]`)))
      .orderBy(desc(territories.population))
      .limit(limit)
      .prepare("territory_search_code"),
    byName: db
      .select(territorySummary)
      .from(territories)
      .where(and(kinds, sql`${territories.searchName} like ${sql.placeholder("contains")}`))
      .orderBy(...byRelevance)
      .limit(limit)
      .prepare("territory_search_name"),
    // Trigram similarity is slower, so it comes second: for a typo, when nothing contains the query.
    bySimilarity: db
      .select(territorySummary)
      .from(territories)
      .where(and(kinds, sql`${territories.searchName} % ${query}`))
      .orderBy(...byRelevance)
      .limit(limit)
      .prepare("territory_search_similar"),
  };
});

export async function searchTerritories(db: DbOrTx, search: TerritorySearch): Promise<TerritorySummary[]> {
  const statements = searchStatements(db);
  const limit = search.limit ?? 10;
  const kinds = search.kinds?.length ? search.kinds.join(",") : ALL_KINDS;
  const raw = search.query.trim();

  // Digits (or Corsica's 2A/2B): an INSEE code, a SIREN or a postal code.
  if (/^(\d|2[ab])[\d]{1,8}$/i.test(raw)) {
    return statements.byCode.execute({ kinds, query: raw.toUpperCase(), limit });
  }

  const query = normaliseSearchQuery(raw);
  if (query.length === 0) return [];
  const words = { kinds, query, prefix: `${query}%`, wordPrefix: `% ${query}%`, contains: `%${query}%`, limit };
  const matches = await statements.byName.execute(words);
  if (matches.length > 0 || query.length < 4) return matches;
  return statements.bySimilarity.execute(words);
}

export async function getTerritory(db: DbOrTx, id: string): Promise<TerritorySummary> {
  const [row] = await db.select(territorySummary).from(territories).where(eq(territories.id, id));
  if (!row) throw notFound("territoryNotFound");
  return row;
}

// ── An authority's territory view ──────────────────────────────────────────────────────────────

export const TERRITORY_PAGE_SIZE = 50;

/** The communes within a territory, found through the code columns their index covers. */
function communesWithin(territory: { id: string; kind: string; code: string }): SQL {
  const column = { region: territories.regionCode, departement: territories.departementCode, epci: territories.epciCode }[territory.kind];
  if (!column) return sql`(select ${territory.id})`;
  return sql`(select ${territories.id} from ${territories} where ${territories.kind} = 'commune' and ${column} = ${territory.code})`;
}

/**
 * An authority its verified member (or a platform admin) reads the territory of, and the condition
 * on `project` of the projects acting there that this reader may see: its commune, member
 * communes, département or région; a file kept for its parties needs the reader to be one.
 */
export async function territoryOfAuthority(db: DbOrTx, actor: Actor | null, authorityId: string) {
  const signedIn = requireActor(actor);
  // Asked together: the authority is not answered unless the check passes.
  const [, [authority]] = await Promise.all([
    assertCanFollowTerritoryOf(db, signedIn, authorityId),
    db
      .select({ id: organisations.id, name: organisations.name, territoryId: territories.id, kind: territories.kind, code: territories.code })
      .from(organisations)
      .innerJoin(territories, eq(territories.id, organisations.territoryId))
      .where(and(eq(organisations.id, authorityId), eq(organisations.kind, "authority"))),
  ]);
  if (!authority) throw notFound("authorityNotFound");
  const within = communesWithin({ id: authority.territoryId, kind: authority.kind, code: authority.code });
  const actsInTerritory = exists(
    db
      .select({ one: sql`1` })
      .from(projectCommunes)
      .where(and(eq(projectCommunes.projectId, projects.id), sql`${projectCommunes.communeId} in ${within}`)),
  );
  return { signedIn, authority, within, inTerritory: and(actsInTerritory, projectVisibleWithinOwnTerritory(db, signedIn)) as SQL };
}

/**
 * The projects acting in an authority's territory (its commune, member communes, département or
 * région), whether or not it is a party, within each project's visibility; latest activity first,
 * a page at a time.
 */
export async function listTerritoryProjects(db: DbOrTx, actor: Actor | null, input: TTerritoryProjectsInput) {
  const { authority, within, inTerritory } = await territoryOfAuthority(db, actor, input.authorityId);
  const page = Math.max(1, input.page ?? 1);
  const filters = and(
    // « none »: a relationship with this authority whose stage is not confirmed yet; « notParty »: no relationship with it.
    input.stage === "none"
      ? sql`${relationships.id} is not null and ${relationships.stage} is null`
      : input.stage === "notParty"
        ? sql`${relationships.id} is null`
        : input.stage
          ? eq(relationships.stage, input.stage)
          : undefined,
    input.legalForm ? anyHolderWhere(projects.id, (holder) => sql`${holder.legalForm} = ${input.legalForm}`) : undefined,
    input.sector ? eq(projects.sector, input.sector) : undefined,
    input.communeId
      ? exists(
          db
            .select({ one: sql`1` })
            .from(projectCommunes)
            .where(and(eq(projectCommunes.projectId, projects.id), eq(projectCommunes.communeId, input.communeId))),
        )
      : undefined,
  );
  // The territory's projects are found once (a département holds thousands at national scale):
  // each with its stage with this authority, its jobs and whether it passes the filters, latest
  // first. The counts come from these rows; the page and the communes are then read by id.
  const acting = await db
    .select({
      id: projects.id,
      stage: relationships.stage,
      related: sql<boolean>`${relationships.id} is not null`,
      matches: filters ? sql<boolean>`coalesce(${filters}, false)` : sql<boolean>`true`,
      jobsNow: projects.jobsNow,
      jobsPotential: projects.jobsPotential,
      communeIds: sql<string>`(select string_agg(${projectCommunes.communeId}, ' ') from ${projectCommunes} where ${projectCommunes.projectId} = ${projects.id})`,
    })
    .from(projects)
    .leftJoin(relationships, and(eq(relationships.projectId, projects.id), eq(relationships.authorityId, authority.id)))
    .where(inTerritory)
    .orderBy(desc(projects.updatedAt), asc(projects.id));
  const matching = acting.filter((project) => project.matches);
  const pageIds = matching.slice((page - 1) * TERRITORY_PAGE_SIZE, page * TERRITORY_PAGE_SIZE).map((project) => project.id);
  // Thousands of ids as one parameter, not one each.
  const textsIn = (ids: string[]) => sql`(select value from json_array_elements_text(${JSON.stringify(ids)}::json))`;
  const idsIn = (ids: string[]) => sql`(select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`;
  const [rows, actsIn, communes] = await Promise.all([
    pageIds.length === 0
      ? []
      : projectListQuery(db)
          .where(sql`${projects.id} in ${idsIn(pageIds)}`)
          .orderBy(desc(projects.updatedAt), asc(projects.id)),
    // Every commune each listed project acts in, not only the one it is based in.
    pageIds.length === 0
      ? []
      : db
          .select({ projectId: projectCommunes.projectId, name: territories.name })
          .from(projectCommunes)
          .innerJoin(territories, eq(territories.id, projectCommunes.communeId))
          .where(sql`${projectCommunes.projectId} in ${idsIn(pageIds)}`)
          .orderBy(territories.name),
    // The communes of the territory its projects act in, for the filter.
    acting.length === 0
      ? []
      : db
          .select({ id: territories.id, name: territories.name })
          .from(territories)
          .where(
            and(
              sql`${territories.id} in ${textsIn([...new Set(acting.flatMap((project) => project.communeIds.split(" ")))])}`,
              sql`${territories.id} in ${within}`,
            ),
          )
          .orderBy(territories.name, territories.id),
  ]);
  const counts = Object.fromEntries([...STAGES, "none", "notParty"].map((stage) => [stage, 0])) as Record<Stage | "none" | "notParty", number>;
  const jobs = Object.fromEntries([...STAGES, "none", "notParty"].map((stage) => [stage, { now: 0, potential: 0 }])) as Record<
    Stage | "none" | "notParty",
    { now: number; potential: number }
  >;
  for (const project of acting) {
    const key = project.stage ?? (project.related ? "none" : "notParty");
    counts[key] += 1;
    jobs[key].now += project.jobsNow;
    jobs[key].potential += project.jobsPotential;
  }
  const communesOf = groupedBy(actsIn, (row) => row.projectId);
  const total = matching.length;
  return {
    authority: { id: authority.id, name: authority.name },
    projects: rows.map((row) => ({ ...row, communes: (communesOf.get(row.id) ?? []).map((commune) => commune.name) })),
    counts,
    /** The jobs now and potential of the territory's projects, by the stage of their relationship with this authority. */
    jobs,
    communes,
    page,
    pageSize: TERRITORY_PAGE_SIZE,
    total,
    pages: Math.max(1, Math.ceil(total / TERRITORY_PAGE_SIZE)),
  };
}
