// L'Observatoire: what collective projects bring to a territory, public and open. The levels, the
// definitions its pages and files state, and the rule that keeps a private project from being
// inferred from a small count.
import { STAGES, type Stage } from "./gradient";
import type { LegalForm } from "./organisations";

export const OBSERVATORY_LEVELS = ["france", "region", "departement", "epci", "commune"] as const;
export type ObservatoryLevel = (typeof OBSERVATORY_LEVELS)[number];

/** The levels below France, with a page each at /observatoire/<level>/<code>. */
export const TERRITORY_LEVELS = ["region", "departement", "epci", "commune"] as const satisfies readonly ObservatoryLevel[];
export type TerritoryLevel = (typeof TERRITORY_LEVELS)[number];

/** The level a page lists below itself: France its régions, a région its départements, … a commune none. */
export const CHILD_LEVEL: Record<ObservatoryLevel, TerritoryLevel | null> = {
  france: "region",
  region: "departement",
  departement: "epci",
  epci: "commune",
  commune: null,
};

/** A commune is rural below this population (the definition the pages state, INSEE's for « rural » small towns). */
export const RURAL_POPULATION = 3_500;

/**
 * A figure made of fewer projects than this (but some) is not published: the page and the files
 * say « moins de 5 », so that no private project can be inferred from a count or a sum.
 */
export const SMALL_CELL = 5;

/** How long an instance keeps a page's figures before counting them again: what a page shows is at most this old. */
export const OBSERVATORY_TTL_MINUTES = 5;

/** Public projects a page lists at a time. */
export const PUBLIC_PROJECTS_PAGE = 20;

/** Months of stage moves the figures count. */
export const MOVES_MONTHS = 12;

/** The figures of one territory as the database counts them, every project included. */
export type RawFigures = {
  projects: number;
  publicProjects: number;
  ruralProjects: number;
  jobsNow: number;
  jobsPotential: number;
  /** Per stage: the relationships at that stage now, and how many projects they belong to. */
  stages: { stage: Stage; relationships: number; projects: number }[];
  /** Projects with a relationship at Collaboration or Co-portage. */
  collaboratingProjects: number;
  forward: number;
  forwardProjects: number;
  backward: number;
  backwardProjects: number;
  legalForms: { legalForm: LegalForm | null; projects: number }[];
  sectors: { sector: string; projects: number }[];
};

/** A published figure: its value, or null when fewer than SMALL_CELL projects (but some) make it up. */
export type Published = number | null;

export type Figures = {
  projects: Published;
  /** Public projects are named on the page: their count is never secret. */
  publicProjects: number;
  ruralProjects: Published;
  jobsNow: Published;
  jobsPotential: Published;
  relationships: Record<Stage, Published>;
  collaboratingProjects: Published;
  forward: Published;
  backward: Published;
  legalForms: { legalForm: LegalForm | null; projects: Published }[];
  sectors: { sector: string; projects: Published }[];
};

/** A count made of `projects` projects, published or kept secret. */
export function publish(value: number, projects: number): Published {
  return projects > 0 && projects < SMALL_CELL ? null : value;
}

/** What the observatory may show of a territory's figures. */
export function publishedFigures(raw: RawFigures): Figures {
  const stageOf = (stage: Stage) => raw.stages.find((row) => row.stage === stage);
  return {
    projects: publish(raw.projects, raw.projects),
    publicProjects: raw.publicProjects,
    ruralProjects: publish(raw.ruralProjects, raw.ruralProjects),
    jobsNow: publish(raw.jobsNow, raw.projects),
    jobsPotential: publish(raw.jobsPotential, raw.projects),
    relationships: Object.fromEntries(STAGES.map((stage) => [stage, publish(stageOf(stage)?.relationships ?? 0, stageOf(stage)?.projects ?? 0)])) as Record<
      Stage,
      Published
    >,
    collaboratingProjects: publish(raw.collaboratingProjects, raw.collaboratingProjects),
    forward: publish(raw.forward, raw.forwardProjects),
    backward: publish(raw.backward, raw.backwardProjects),
    legalForms: raw.legalForms.map((row) => ({ legalForm: row.legalForm, projects: publish(row.projects, row.projects) })),
    sectors: raw.sectors.map((row) => ({ sector: row.sector, projects: publish(row.projects, row.projects) })),
  };
}

/** What a map's area, a table's row or a commune's tile shows of a territory below the page's. */
export type RawArea = { projects: number; collaboratingProjects: number; jobsPotential: number };
export type AreaFigures = Pick<Figures, "projects" | "collaboratingProjects" | "jobsPotential">;

export function publishedArea(raw: RawArea): AreaFigures {
  return {
    projects: publish(raw.projects, raw.projects),
    collaboratingProjects: publish(raw.collaboratingProjects, raw.collaboratingProjects),
    jobsPotential: publish(raw.jobsPotential, raw.projects),
  };
}

export const EMPTY_FIGURES: RawFigures = {
  projects: 0,
  publicProjects: 0,
  ruralProjects: 0,
  jobsNow: 0,
  jobsPotential: 0,
  stages: [],
  collaboratingProjects: 0,
  forward: 0,
  forwardProjects: 0,
  backward: 0,
  backwardProjects: 0,
  legalForms: [],
  sectors: [],
};

/** What the map colours each area by. */
export const MAP_FIGURES = ["projets", "collaboration", "emplois"] as const;
export type MapFigure = (typeof MAP_FIGURES)[number];

/** An area's value for the map: a count, a share (0–1) or a sum; null when secret or without projects. */
export function mapValue(figures: AreaFigures, figure: MapFigure): number | null {
  if (figure === "projets") return figures.projects;
  if (figure === "emplois") return figures.jobsPotential;
  if (figures.projects === null || figures.projects === 0 || figures.collaboratingProjects === null) return null;
  return figures.collaboratingProjects / figures.projects;
}

/** Five classes from nothing to the highest value shown: the map's legend. */
export const MAP_CLASSES = 5;

/** The class (1–MAP_CLASSES) of a value among the map's values; 0 for none. */
export function mapClass(value: number | null, max: number): number {
  if (value === null || value <= 0 || max <= 0) return 0;
  return Math.min(MAP_CLASSES, Math.max(1, Math.ceil((value / max) * MAP_CLASSES)));
}
