// Finding a territory by name (whatever the accents, case and hyphens), INSEE code or postal code.
import { and, desc, eq, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { preparedPerHandle } from "@/db/prepared";
import { territories } from "@/db/schema";
import { normaliseSearchQuery } from "@/server/domain/search-text";
import { notFound } from "@/server/errors";

export type TerritoryKind = (typeof territories.$inferSelect)["kind"];

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
  if (!row) throw notFound("Territoire introuvable.");
  return row;
}
