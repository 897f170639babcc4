// Loads the official territories from @etalab/decoupage-administratif's data files.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { count, sql } from "drizzle-orm";
import { normaliseSearchText } from "@/server/domain/search-text";
import type { Database } from "../index";
import { territories } from "../schema";

type SourceRegion = { code: string; nom: string };
type SourceDepartement = { code: string; nom: string; region: string };
type SourceCommune = {
  code: string;
  nom: string;
  type: string;
  departement: string;
  region: string;
  population?: number;
  codesPostaux?: string[];
  siren?: string;
};
type SourceEpci = {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string }[];
};

type TerritoryRow = typeof territories.$inferInsert;

export type TerritoryScope = {
  /** Load only these départements (and their région and EPCI): small, real fixtures for tests. */
  departements?: string[];
};

async function readSource<T>(file: string): Promise<T> {
  // The package's index.js resolves these paths from the working directory: read the files directly.
  const require = createRequire(import.meta.url);
  const packageDir = path.dirname(require.resolve("@etalab/decoupage-administratif/package.json"));
  return JSON.parse(await readFile(path.join(packageDir, "data", file), "utf8")) as T;
}

function mostFrequent(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [value, n] of counts) {
    if (n > bestCount) [best, bestCount] = [value, n];
  }
  return best;
}

export async function readTerritoryRows(scope: TerritoryScope = {}): Promise<TerritoryRow[]> {
  const [regions, departements, allCommunes, epcis] = await Promise.all([
    readSource<SourceRegion[]>("regions.json"),
    readSource<SourceDepartement[]>("departements.json"),
    readSource<SourceCommune[]>("communes.json"),
    readSource<SourceEpci[]>("epci.json"),
  ]);
  const wanted = scope.departements ? new Set(scope.departements) : null;
  const communes = allCommunes.filter((commune) => commune.type === "commune-actuelle" && (!wanted || wanted.has(commune.departement)));
  const communeByCode = new Map(communes.map((commune) => [commune.code, commune]));

  // Communes carry no EPCI field: the link is the EPCI's list of members.
  const epciOfCommune = new Map<string, string>();
  const epciRows: TerritoryRow[] = [];
  for (const epci of epcis) {
    const members = epci.membres.map((member) => communeByCode.get(member.code)).filter((c) => c !== undefined);
    if (members.length === 0) continue;
    for (const member of members) epciOfCommune.set(member.code, epci.code);
    const departementCode = mostFrequent(members.map((member) => member.departement));
    epciRows.push({
      id: `epci-${epci.code}`,
      kind: "epci",
      code: epci.code,
      name: epci.nom,
      searchName: normaliseSearchText(epci.nom),
      departementCode,
      regionCode: members.find((member) => member.departement === departementCode)?.region ?? null,
      epciType: epci.type,
      population: epci.populationMunicipale ?? null,
      siren: epci.code,
    });
  }

  const populationBy = (key: "departement" | "region", code: string) =>
    communes.filter((commune) => commune[key] === code).reduce((sum, commune) => sum + (commune.population ?? 0), 0);

  const departementRows: TerritoryRow[] = departements
    .filter((departement) => !wanted || wanted.has(departement.code))
    .map((departement) => ({
      id: `departement-${departement.code}`,
      kind: "departement",
      code: departement.code,
      name: departement.nom,
      searchName: normaliseSearchText(departement.nom),
      departementCode: departement.code,
      regionCode: departement.region,
      population: populationBy("departement", departement.code),
    }));
  const wantedRegions = new Set(departementRows.map((row) => row.regionCode));
  const regionRows: TerritoryRow[] = regions
    .filter((region) => wantedRegions.has(region.code) || !wanted)
    .map((region) => ({
      id: `region-${region.code}`,
      kind: "region",
      code: region.code,
      name: region.nom,
      searchName: normaliseSearchText(region.nom),
      regionCode: region.code,
      population: populationBy("region", region.code),
    }));
  const communeRows: TerritoryRow[] = communes.map((commune) => ({
    id: `commune-${commune.code}`,
    kind: "commune",
    code: commune.code,
    name: commune.nom,
    searchName: normaliseSearchText(commune.nom),
    departementCode: commune.departement,
    regionCode: commune.region,
    epciCode: epciOfCommune.get(commune.code) ?? null,
    population: commune.population ?? null,
    postalCodes: commune.codesPostaux ?? [],
    siren: commune.siren ?? null,
  }));
  return [...regionRows, ...departementRows, ...epciRows, ...communeRows];
}

/** Inserts or refreshes the territories in one statement; does nothing when they are already there. */
export async function loadTerritories(db: Database, scope: TerritoryScope = {}): Promise<{ loaded: number; skipped: boolean }> {
  const rows = await readTerritoryRows(scope);
  const [existing] = await db.select({ n: count(), sirens: count(territories.siren) }).from(territories);
  if (existing && existing.n === rows.length && existing.sirens === rows.filter((row) => row.siren).length) return { loaded: 0, skipped: true };

  const json = JSON.stringify(rows.map((row) => ({ ...row, postalCodes: row.postalCodes ?? [] })));
  await db.execute(sql`
    insert into territory (id, kind, code, name, search_name, region_code, departement_code, epci_code, epci_type, population, postal_codes, siren)
    select r.id, r.kind::territory_kind, r.code, r.name, r."searchName", r."regionCode", r."departementCode", r."epciCode",
           r."epciType", r.population, array(select json_array_elements_text(r."postalCodes")), r.siren
    from json_to_recordset(${json}::json) as r(
      id text, kind text, code text, name text, "searchName" text, "regionCode" text, "departementCode" text,
      "epciCode" text, "epciType" text, population integer, "postalCodes" json, siren text)
    on conflict (id) do update set
      name = excluded.name, search_name = excluded.search_name, region_code = excluded.region_code,
      departement_code = excluded.departement_code, epci_code = excluded.epci_code, epci_type = excluded.epci_type,
      population = excluded.population, postal_codes = excluded.postal_codes, siren = excluded.siren
  `);
  // Tens of thousands of rows at once: give the planner their statistics now (PGlite has no autovacuum).
  await db.execute(sql`analyze territory`);
  // GIN indexes take bulk inserts into a pending list that every search then scans row by row
  // until a vacuum merges it (docs/performance.md, territory search): merge it now.
  await db.execute(sql`select gin_clean_pending_list('territory_search_name_trgm_idx'), gin_clean_pending_list('territory_postal_codes_idx')`);
  return { loaded: rows.length, skipped: false };
}
