// The trust gradient between a collective project and a local authority, from the study « Liens
// entre entreprendre en collectif et collectivités en milieu rural » (La Manufacture coopérative
// and TERO, 2020-2021): its stages, the indicators behind them, the fifteen levers, the barometer
// reading and the stage it suggests, and the rules of a stage change.

/** In order, from the least to the most trust. */
export const STAGES = ["defiance", "observation", "collaboration", "coportage"] as const;
export type Stage = (typeof STAGES)[number];

export function stageRank(stage: Stage): number {
  return STAGES.indexOf(stage);
}

/** What a change of stage proposes unless the person picks another: the next stage, or at Co-portage the one before. */
export function proposedStageByDefault(current: Stage): Stage {
  return STAGES[stageRank(current) + 1] ?? STAGES[stageRank(current) - 1] ?? current;
}

/**
 * The study's indicators of each stage, as statements each side rates from 1 ("not at all") to
 * 5 ("entirely") for its relationship. Their wording is in the message files (barometer.questions).
 */
export const INDICATOR_IDS = [
  "misunderstanding",
  "noEarlyLink",
  "holdersDistrust",
  "officialsDistrust",
  "curiosity",
  "informationNetwork",
  "constraints",
  "complementary",
  "trust",
  "skills",
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** The same indicators by stage, in the same order (tests/unit/gradient.test.ts holds them equal). */
export const INDICATORS = {
  defiance: ["misunderstanding", "noEarlyLink", "holdersDistrust", "officialsDistrust"],
  observation: ["curiosity", "informationNetwork"],
  collaboration: ["constraints", "complementary"],
  coportage: ["trust", "skills"],
} as const satisfies Record<Stage, readonly IndicatorId[]>;

/**
 * Indicators that state a fact of the relationship's past (« il n'y a pas eu de lien dès le
 * début »): it cannot improve. Each side answers it once; once the sides have worked together it
 * no longer weighs on the reading (readingOf's `pastFactsSettled`).
 */
export const PAST_FACTS = ["noEarlyLink"] as const satisfies readonly IndicatorId[];
export type PastFact = (typeof PAST_FACTS)[number];
const isPastFact = (id: IndicatorId) => (PAST_FACTS as readonly IndicatorId[]).includes(id);

/** The fifteen levers, in the study's order; LEVERS gives the stages at which it recommends each. */
export const LEVER_IDS = [
  "representations",
  "jobs",
  "public-policies",
  "first-action",
  "collective-dimension",
  "authority-levels",
  "local-ecosystem",
  "long-time",
  "needs-studies",
  "individual-to-collective",
  "land-tools",
  "hybrid-funding",
  "expertise",
  "coordination",
  "thematic-ecosystem",
] as const;
export type LeverId = (typeof LEVER_IDS)[number];

export const LEVERS = [
  { id: "representations", stages: ["defiance"] },
  { id: "jobs", stages: ["defiance"] },
  { id: "public-policies", stages: ["defiance", "observation"] },
  { id: "first-action", stages: ["defiance", "collaboration"] },
  { id: "collective-dimension", stages: ["defiance"] },
  { id: "authority-levels", stages: ["observation"] },
  { id: "local-ecosystem", stages: ["observation"] },
  { id: "long-time", stages: ["observation"] },
  { id: "needs-studies", stages: ["observation", "collaboration"] },
  { id: "individual-to-collective", stages: ["collaboration"] },
  { id: "land-tools", stages: ["collaboration"] },
  { id: "hybrid-funding", stages: ["collaboration", "coportage"] },
  { id: "expertise", stages: ["collaboration", "coportage"] },
  { id: "coordination", stages: ["coportage"] },
  { id: "thematic-ecosystem", stages: ["coportage"] },
] as const satisfies readonly { id: LeverId; stages: readonly Stage[] }[];

/**
 * The levers the study recommends at each stage, in the order its summary lists them there (which
 * is not LEVER_IDS' order: at Observation it names the authority levels first, at Collaboration
 * the market studies after the funding models). Co-portage adds the thematic ecosystem of the
 * study's table to the three its summary lists.
 */
const LEVERS_BY_STAGE = {
  defiance: ["representations", "jobs", "public-policies", "first-action", "collective-dimension"],
  observation: ["authority-levels", "public-policies", "local-ecosystem", "long-time", "needs-studies"],
  collaboration: ["first-action", "individual-to-collective", "land-tools", "hybrid-funding", "needs-studies", "expertise"],
  coportage: ["hybrid-funding", "expertise", "coordination", "thematic-ecosystem"],
} as const satisfies Record<Stage, readonly LeverId[]>;

/** The levers the study recommends at a stage, in the study's order. */
export function recommendedLevers(stage: Stage): LeverId[] {
  return [...LEVERS_BY_STAGE[stage]];
}

// ── The barometer ──────────────────────────────────────────────────────────────────────────────

export type Score = 1 | 2 | 3 | 4 | 5;
export type AnswerSet = { respondentId: string; answeredAt: Date; answers: Partial<Record<IndicatorId, Score>> };

export type Reading = {
  /** How many people's answers the reading combines. */
  respondents: number;
  /** Per indicator, the mean of the respondents who answered it; null when nobody did. */
  indicators: Record<IndicatorId, number | null>;
  /** Per stage, the mean of its indicators' means; null when none was answered. */
  stages: Record<Stage, number | null>;
};

export const READING_WINDOW_DAYS = 365;

/**
 * One side's reading: the latest answer set of each respondent within the last twelve months,
 * combined indicator by indicator. With `pastFactsSettled` (the sides have worked together), the
 * PAST_FACTS are still shown but left out of their stage's mean.
 */
export function readingOf(answerSets: AnswerSet[], now: Date, pastFactsSettled = false): Reading {
  const until = now.getTime();
  const since = until - READING_WINDOW_DAYS * 24 * 60 * 60 * 1000;
  const latest = new Map<string, AnswerSet>();
  for (const set of answerSets) {
    const time = set.answeredAt.getTime();
    if (time < since || time > until) continue;
    const known = latest.get(set.respondentId);
    if (!known || known.answeredAt.getTime() < time) latest.set(set.respondentId, set);
  }
  // Plain loops: a portfolio dashboard reads tens of thousands of relationships' two sides.
  const indicators = {} as Record<IndicatorId, number | null>;
  for (const id of INDICATOR_IDS) {
    let sum = 0;
    let count = 0;
    for (const set of latest.values()) {
      const score = set.answers[id];
      if (score !== undefined) {
        sum += score;
        count += 1;
      }
    }
    indicators[id] = count === 0 ? null : sum / count;
  }
  const stages = {} as Record<Stage, number | null>;
  for (const stage of STAGES) {
    let sum = 0;
    let count = 0;
    for (const id of INDICATORS[stage]) {
      if (pastFactsSettled && isPastFact(id)) continue;
      const value = indicators[id];
      if (value !== null) {
        sum += value;
        count += 1;
      }
    }
    stages[stage] = count === 0 ? null : sum / count;
  }
  return { respondents: latest.size, indicators, stages };
}

/** A side's first answer to each of the PAST_FACTS, with its day: what that side said, once, of its past. */
export function firstPastFacts(sets: AnswerSet[]): Partial<Record<PastFact, { score: Score; answeredAt: Date }>> {
  const first: Partial<Record<PastFact, { score: Score; answeredAt: Date }>> = {};
  for (const set of sets.toSorted((a, b) => a.answeredAt.getTime() - b.answeredAt.getTime())) {
    for (const fact of PAST_FACTS) {
      const score = set.answers[fact];
      if (score !== undefined && !first[fact]) first[fact] = { score, answeredAt: set.answeredAt };
    }
  }
  return first;
}

/** A stage's indicators are "present" from this mean up (on 1–5). */
export const PRESENT = 3.5;
/** The stages below the suggested one must hold at least this well. */
export const HELD = 3;

/**
 * The stage a reading suggests, or null without any answer:
 * - the highest of Observation, Collaboration, Co-portage whose indicators are present (mean ≥ 3.5)
 *   while every stage between Observation and it holds (mean ≥ 3) — trust builds stage on stage;
 * - otherwise Défiance;
 * - and when the distrust indicators are themselves present, no higher than Observation.
 * A suggestion only informs people: it never changes a relationship's stage.
 */
export function suggestStage(reading: Reading): Stage | null {
  if (reading.respondents === 0) return null;
  let suggested: Stage = "defiance";
  for (const stage of STAGES.slice(1)) {
    const score = reading.stages[stage];
    const below = STAGES.slice(1, stageRank(stage));
    const foundationsHold = below.every((lower) => (reading.stages[lower] ?? 0) >= HELD);
    if (score !== null && score >= PRESENT && foundationsHold) suggested = stage;
  }
  const distrust = reading.stages.defiance;
  if (distrust !== null && distrust >= PRESENT && stageRank(suggested) > stageRank("observation")) return "observation";
  return suggested;
}

/** Per stage, how far apart the two sides' readings are (0–4), where both answered. */
export function divergence(collective: Reading, authority: Reading): Record<Stage, number | null> {
  return Object.fromEntries(
    STAGES.map((stage) => {
      const a = collective.stages[stage];
      const b = authority.stages[stage];
      return [stage, a === null || b === null ? null : Math.abs(a - b)];
    }),
  ) as Record<Stage, number | null>;
}

// ── Stage changes ──────────────────────────────────────────────────────────────────────────────

/** The two sides of a relationship: the collective project and the authority. */
export const SIDES = ["collective", "authority"] as const;
export type Side = (typeof SIDES)[number];

export type StageMove = "start" | "forward" | "backward";

/**
 * A proposal may move several stages at once, forward or back, but must move: a relationship
 * with no confirmed stage yet takes any starting stage.
 */
export function moveOf(current: Stage | null, proposed: Stage): StageMove | null {
  if (current === null) return "start";
  if (current === proposed) return null;
  return stageRank(proposed) > stageRank(current) ? "forward" : "backward";
}

/**
 * The side facing `side` in a relationship: the one that answers what `side` proposed or recorded
 * (confirms or declines a stage change, confirms or contests a milestone).
 */
export function otherSide(side: Side): Side {
  return side === "collective" ? "authority" : "collective";
}

/** Where two sides' readings are furthest apart (the first stage in gradient order on a tie); null when they agree or one has not answered. */
/**
 * Where the two sides' readings of a stage are this far apart or more (on the 1–5 scale), they are
 * said to diverge: the project page marks the stage, the dashboard lists the relationship.
 */
export const DIVERGENCE_THRESHOLD = 1.5;

export function widestGap(collective: AnswerSet[], authority: AnswerSet[], now: Date, pastFactsSettled = false): { stage: Stage; gap: number } | null {
  const perStage = divergence(readingOf(collective, now, pastFactsSettled), readingOf(authority, now, pastFactsSettled));
  let widest: { stage: Stage; gap: number } | null = null;
  for (const stage of STAGES) {
    const gap = perStage[stage];
    if (gap !== null && (widest === null || gap > widest.gap)) widest = { stage, gap };
  }
  return widest && widest.gap > 0 ? widest : null;
}

/** Answer sets, grouped by relationship and side. */
export function answerSetsBySide(rows: (AnswerSet & { relationshipId: string; side: Side })[]): Map<string, Record<Side, AnswerSet[]>> {
  const grouped = new Map<string, Record<Side, AnswerSet[]>>();
  for (const { relationshipId, side, ...set } of rows) {
    const entry = grouped.get(relationshipId) ?? { collective: [], authority: [] };
    entry[side].push(set);
    grouped.set(relationshipId, entry);
  }
  return grouped;
}
