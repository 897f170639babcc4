// A support network's portfolio: how its table is sorted and paged, and its filters as they
// travel in the address (French names).
import { STAGES, type Stage } from "./gradient";
import { LEGAL_FORMS, type LegalForm } from "./organisations";
import { sectorParam } from "./sectors";

export const PORTFOLIO_SORTS = ["title", "commune", "stage", "lastActivity", "identifier"] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];
export const PORTFOLIO_PAGE_SIZE = 50;

export type FilterParams = {
  territoire?: string;
  forme?: string;
  secteur?: string;
  du?: string;
  au?: string;
  q?: string;
  stade?: string;
  tri?: string;
  ordre?: string;
  page?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TERRITORY = /^(region|departement|epci)-[0-9AB]{2,9}$/;

/** What the address asks for, keeping only well-formed values (a bad one is dropped, not an error page). */
export function filtersFrom(networkId: string, params: FilterParams) {
  return {
    networkId,
    territoryId: params.territoire && TERRITORY.test(params.territoire) ? params.territoire : undefined,
    legalForm: LEGAL_FORMS.find((form) => form === params.forme) as LegalForm | undefined,
    sector: sectorParam(params.secteur),
    from: params.du && DAY.test(params.du) ? params.du : undefined,
    to: params.au && DAY.test(params.au) ? params.au : undefined,
  };
}

export function tableQueryFrom(networkId: string, params: FilterParams) {
  const page = Number.parseInt(params.page ?? "1", 10);
  return {
    ...filtersFrom(networkId, params),
    from: undefined,
    to: undefined,
    search: params.q?.trim().slice(0, 120) || undefined,
    stage: [...STAGES, "none"].find((stage) => stage === params.stade) as Stage | "none" | undefined,
    sort: PORTFOLIO_SORTS.find((sort) => sort === params.tri) as PortfolioSort | undefined,
    direction: params.ordre === "desc" ? ("desc" as const) : ("asc" as const),
    page: Number.isFinite(page) && page > 0 && page <= 100_000 ? page : 1,
  };
}

/** The address of the same view with some parameters changed (empty ones dropped). */
export function withParams(path: string, params: FilterParams, changes: Partial<FilterParams>) {
  const merged = { ...params, ...changes };
  const query = new URLSearchParams(Object.entries(merged).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
