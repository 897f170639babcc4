// The kinds of official territory, from the largest: what @etalab/decoupage-administratif ships.
export const TERRITORY_KINDS = ["region", "departement", "epci", "commune"] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];
