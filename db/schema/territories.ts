// The official territories (régions, départements, EPCI, communes) from @etalab/decoupage-administratif.
import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { TERRITORY_KINDS } from "@/server/domain/territories";

export const territoryKind = pgEnum("territory_kind", TERRITORY_KINDS);

export const territories = pgTable(
  "territory",
  {
    /** `${kind}-${code}`: INSEE codes alone collide across kinds (région 84, département 84). */
    id: text().primaryKey(),
    kind: territoryKind().notNull(),
    code: text().notNull(),
    name: text().notNull(),
    /** Lower case, accents stripped, hyphens and apostrophes as spaces: what the search compares. */
    searchName: text().notNull(),
    regionCode: text(),
    departementCode: text(),
    /** For a commune, its EPCI's SIREN; null for the few communes outside any EPCI. */
    epciCode: text(),
    /** CC, CA, CU, METRO or MET69, for an EPCI. */
    epciType: text(),
    /**
     * The SIREN of the territory's authority, which a SIRET's first nine digits name (ProConnect):
     * a commune's from the package, an EPCI's is its code. Null for départements and régions,
     * whose SIREN the package does not ship.
     */
    siren: text(),
    population: integer(),
    postalCodes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [
    index().on(table.kind, table.code),
    // A search by digits matches an INSEE code or a SIREN whatever the kind.
    index().on(table.code),
    index().on(table.epciCode),
    index().on(table.departementCode),
    uniqueIndex().on(table.siren),
    index("territory_search_name_trgm_idx").using("gin", table.searchName.op("gin_trgm_ops")),
    index("territory_postal_codes_idx").using("gin", table.postalCodes),
  ],
);
