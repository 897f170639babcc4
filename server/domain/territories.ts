// The kinds of official territory, from the largest: what @etalab/decoupage-administratif ships.
export const TERRITORY_KINDS = ["region", "departement", "epci", "commune"] as const;
export type TerritoryKind = (typeof TERRITORY_KINDS)[number];

/**
 * The SIREN a SIRET names: its first nine digits (the establishment's organisation), or null when
 * the value is not a SIRET. Spaces, as people write them, are ignored.
 */
export function sirenOfSiret(siret: string): string | null {
  const digits = siret.replace(/\s/g, "");
  return /^\d{14}$/.test(digits) ? digits.slice(0, 9) : null;
}
