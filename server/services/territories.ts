// Finding a territory by name (whatever the accents, case and hyphens), INSEE code or postal code.
import { and, arrayContains, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
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

export async function searchTerritories(db: DbOrTx, search: TerritorySearch): Promise<TerritorySummary[]> {
  const limit = search.limit ?? 10;
  const kindFilter = search.kinds?.length ? inArray(territories.kind, search.kinds) : undefined;
  const raw = search.query.trim();

  // Digits (or Corsica's 2A/2B): an INSEE code, a SIREN or a postal code.
  if (/^(\d|2[ab])[\d]{1,8}$/i.test(raw)) {
    const code = raw.toUpperCase();
    return db
      .select(territorySummary)
      .from(territories)
      .where(and(kindFilter, or(eq(territories.code, code), arrayContains(territories.postalCodes, [code]))))
      .orderBy(desc(territories.population))
      .limit(limit);
  }

  const query = normaliseSearchQuery(raw);
  if (query.length === 0) return [];
  const prefix = `${query}%`;
  const wordPrefix = `% ${query}%`;
  // Exact names first ("die" finds Die), then names starting with the query, then a word starting
  // with it; the closest spelling, then the most populated, within each rank.
  const rank = sql<number>`case
      when ${territories.searchName} = ${query} then 0
      when ${territories.searchName} like ${prefix} then 1
      when ${territories.searchName} like ${wordPrefix} then 2
      else 3 end`;
  const byRelevance = [rank, sql`similarity(${territories.searchName}, ${query}) desc`, desc(territories.population)];
  const matches = await db
    .select(territorySummary)
    .from(territories)
    .where(and(kindFilter, sql`${territories.searchName} like ${`%${query}%`}`))
    .orderBy(...byRelevance)
    .limit(limit);
  if (matches.length > 0 || query.length < 4) return matches;
  // Nothing contains the query: a typo, perhaps. Trigram similarity is slower, so it comes second.
  return db
    .select(territorySummary)
    .from(territories)
    .where(and(kindFilter, sql`${territories.searchName} % ${query}`))
    .orderBy(...byRelevance)
    .limit(limit);
}

export async function getTerritory(db: DbOrTx, id: string): Promise<TerritorySummary> {
  const [row] = await db.select(territorySummary).from(territories).where(eq(territories.id, id));
  if (!row) throw notFound("Territoire introuvable.");
  return row;
}
