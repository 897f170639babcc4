// Name searches as people type them, in SQL: case, accents, hyphens and apostrophes do not matter
// (« drome » finds « Drôme », « tiers lieu » finds « Tiers-lieu »), the same comparison as
// normaliseSearchText makes for territories, applied to names stored as they were typed.
import { sql, type SQL } from "drizzle-orm";
import { escapeLike, normaliseSearchQuery } from "@/server/domain/search-text";

// Both cases: lower() maps only ASCII letters under the C locale a server may run with.
const ACCENTED = "àáâãäåçèéêëìíîïñòóôõöùúûüýÿÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝŸ";
const PLAIN = "aaaaaaceeeeiiiinooooouuuuyyaaaaaaceeeeiiiinooooouuuuyy";

/** The column's text compared as normaliseSearchText would make it. */
export function searchable(text: SQL): SQL {
  const ligatures = sql`replace(replace(replace(replace(${text}, 'œ', 'oe'), 'Œ', 'oe'), 'æ', 'ae'), 'Æ', 'ae')`;
  const plain = sql`lower(translate(${ligatures}, ${ACCENTED}, ${PLAIN}))`;
  return sql`trim(regexp_replace(regexp_replace(${plain}, '[-''’‘_.,/()]+', ' ', 'g'), '\\s+', ' ', 'g'))`;
}

/** Whether the column's text contains the query, compared as people mean it. A query of punctuation only matches nothing. */
export function containsSearch(text: SQL, query: string): SQL {
  const words = normaliseSearchQuery(query);
  if (words === "") return sql`false`;
  return sql`${searchable(text)} like ${`%${escapeLike(words)}%`}`;
}
