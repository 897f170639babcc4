import { describe, expect, it } from "vitest";
import {
  proposedStageByDefault,
  INDICATOR_IDS,
  INDICATORS,
  LEVER_IDS,
  STAGES,
  LEVERS,
  divergence,
  moveOf,
  otherSide,
  readingOf,
  recommendedLevers,
  suggestStage,
  type AnswerSet,
  type IndicatorId,
  type Score,
} from "@/server/domain/gradient";

const NOW = new Date("2026-11-26T12:00:00Z");
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

/** An answer set scoring each stage's indicators alike. */
function answers(scores: { defiance: Score; observation: Score; collaboration: Score; coportage: Score }) {
  return {
    misunderstanding: scores.defiance,
    noEarlyLink: scores.defiance,
    holdersDistrust: scores.defiance,
    officialsDistrust: scores.defiance,
    curiosity: scores.observation,
    informationNetwork: scores.observation,
    constraints: scores.collaboration,
    complementary: scores.collaboration,
    trust: scores.coportage,
    skills: scores.coportage,
  } satisfies Record<IndicatorId, Score>;
}

const set = (respondentId: string, when: Date, scores: Parameters<typeof answers>[0]): AnswerSet => ({
  respondentId,
  answeredAt: when,
  answers: answers(scores),
});

describe("the study's reference data", () => {
  it("has fifteen levers, each recommended at one or two stages", () => {
    expect(LEVERS).toHaveLength(15);
    expect(new Set(LEVERS.map((lever) => lever.id)).size).toBe(15);
    for (const lever of LEVERS) expect(lever.stages.length).toBeGreaterThanOrEqual(1);
    expect(LEVERS.map((lever) => lever.id)).toEqual([...LEVER_IDS]);
  });

  it("lists the indicators stage by stage in the order of INDICATOR_IDS, each once", () => {
    expect(STAGES.flatMap((stage) => INDICATORS[stage])).toEqual([...INDICATOR_IDS]);
  });

  it("recommends the study's levers per stage, in the order its summary lists them", () => {
    // The study's summary, stage by stage (« Comment lever les freins ? »).
    expect(recommendedLevers("defiance")).toEqual(["representations", "jobs", "public-policies", "first-action", "collective-dimension"]);
    expect(recommendedLevers("observation")).toEqual(["authority-levels", "public-policies", "local-ecosystem", "long-time", "needs-studies"]);
    expect(recommendedLevers("collaboration")).toEqual([
      "first-action",
      "individual-to-collective",
      "land-tools",
      "hybrid-funding",
      "needs-studies",
      "expertise",
    ]);
    expect(recommendedLevers("coportage")).toEqual(["hybrid-funding", "expertise", "coordination", "thematic-ecosystem"]);
    // The same levers as the study's table gives each stage.
    for (const stage of STAGES) {
      expect([...recommendedLevers(stage)].sort()).toEqual(
        LEVERS.filter((lever) => (lever.stages as readonly string[]).includes(stage))
          .map((lever) => lever.id)
          .sort(),
      );
    }
  });

  it("asks ten indicator questions", () => {
    expect(INDICATOR_IDS).toHaveLength(10);
  });
});

describe("a side's barometer reading", () => {
  it("keeps each respondent's latest answer set of the last twelve months", () => {
    const reading = readingOf(
      [
        set("camille", daysAgo(200), { defiance: 5, observation: 1, collaboration: 1, coportage: 1 }),
        set("camille", daysAgo(10), { defiance: 1, observation: 5, collaboration: 3, coportage: 1 }),
        set("thomas", daysAgo(30), { defiance: 1, observation: 3, collaboration: 5, coportage: 1 }),
        set("ancien", daysAgo(400), { defiance: 5, observation: 5, collaboration: 5, coportage: 5 }),
      ],
      NOW,
    );
    expect(reading.respondents).toBe(2);
    expect(reading.stages).toEqual({ defiance: 1, observation: 4, collaboration: 4, coportage: 1 });
    expect(reading.indicators.curiosity).toBe(4);
  });

  it("is empty without answers, and counts only the indicators answered", () => {
    expect(readingOf([], NOW)).toMatchObject({ respondents: 0, stages: { defiance: null, coportage: null } });
    const partial = readingOf([{ respondentId: "x", answeredAt: daysAgo(1), answers: { trust: 4 } }], NOW);
    expect(partial.stages).toEqual({ defiance: null, observation: null, collaboration: null, coportage: 4 });
  });
});

describe("the suggested stage", () => {
  const suggest = (scores: Parameters<typeof answers>[0]) => suggestStage(readingOf([set("a", daysAgo(1), scores)], NOW));

  it("suggests nothing without answers", () => {
    expect(suggestStage(readingOf([], NOW))).toBeNull();
  });

  it("climbs as far as the indicators are present and the stages below hold", () => {
    expect(suggest({ defiance: 2, observation: 2, collaboration: 1, coportage: 1 })).toBe("defiance");
    expect(suggest({ defiance: 2, observation: 4, collaboration: 2, coportage: 1 })).toBe("observation");
    expect(suggest({ defiance: 1, observation: 4, collaboration: 4, coportage: 3 })).toBe("collaboration");
    expect(suggest({ defiance: 1, observation: 5, collaboration: 4, coportage: 4 })).toBe("coportage");
  });

  it("does not jump over a stage that does not hold", () => {
    expect(suggest({ defiance: 1, observation: 2, collaboration: 5, coportage: 5 })).toBe("defiance");
    expect(suggest({ defiance: 1, observation: 4, collaboration: 2, coportage: 5 })).toBe("observation");
  });

  it("stays at Observation at most while distrust is present", () => {
    expect(suggest({ defiance: 4, observation: 5, collaboration: 5, coportage: 5 })).toBe("observation");
  });
});

describe("the two sides", () => {
  it("measure how far their readings diverge, stage by stage", () => {
    const collective = readingOf([set("a", daysAgo(1), { defiance: 1, observation: 5, collaboration: 4, coportage: 2 })], NOW);
    const authority = readingOf([set("b", daysAgo(1), { defiance: 3, observation: 4, collaboration: 4, coportage: 5 })], NOW);
    expect(divergence(collective, authority)).toEqual({ defiance: 2, observation: 1, collaboration: 0, coportage: 3 });
    expect(divergence(collective, readingOf([], NOW)).coportage).toBeNull();
  });

  it("move a stage forward or back, by several stages if they wish, but never in place", () => {
    expect(moveOf(null, "observation")).toBe("start");
    expect(moveOf("observation", "coportage")).toBe("forward");
    expect(moveOf("coportage", "defiance")).toBe("backward");
    expect(moveOf("collaboration", "collaboration")).toBeNull();
  });

  it("are answered by the other side", () => {
    expect(otherSide("collective")).toBe("authority");
    expect(otherSide("authority")).toBe("collective");
  });
});

describe("proposedStageByDefault", () => {
  it("proposes the next stage, never a step backwards but from Co-portage", () => {
    expect(proposedStageByDefault("defiance")).toBe("observation");
    expect(proposedStageByDefault("observation")).toBe("collaboration");
    expect(proposedStageByDefault("collaboration")).toBe("coportage");
    expect(proposedStageByDefault("coportage")).toBe("collaboration");
  });
});
