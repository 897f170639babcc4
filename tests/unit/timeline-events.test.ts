import { describe, expect, it } from "vitest";
import { timelineEvents } from "@/components/gradient/timeline-events";

const milestone = (title: string, occursOn: string) => ({ title, occursOn });
const change = (id: string, status: string, decidedAt: string | null) => ({ id, status, decidedAt: decidedAt ? new Date(decidedAt) : null });

const overview = {
  milestones: [milestone("Première rencontre", "2025-03-10"), milestone("Visite du site", "2026-02-01"), milestone("Conseil municipal (prévu)", "2027-01-15")],
  relationships: [
    {
      authorityName: "Commune de Die",
      changes: [
        change("start", "confirmed", "2025-03-11T09:00:00Z"),
        change("refused", "declined", "2025-09-01T09:00:00Z"),
        change("waiting", "pending", null),
      ],
    },
    { authorityName: "CC du Diois", changes: [change("epci", "confirmed", "2026-05-20T09:00:00Z")] },
  ],
};

/** What a person reads on each line of the timeline shown, and how many older events are left out. */
function read(recent?: number) {
  const { shown, older } = timelineEvents(overview, recent);
  const line = (event: (typeof shown)[number]) => (event.type === "milestone" ? event.milestone.title : `${event.authorityName} ${event.change.id}`);
  return { lines: shown.map(line), older: older.map(line) };
}

describe("the project timeline", () => {
  it("puts milestones and decided stage changes on one line, newest first, planned ones on top", () => {
    const { lines, older } = read();
    expect(lines).toEqual([
      "Conseil municipal (prévu)",
      "CC du Diois epci",
      "Visite du site",
      "Commune de Die refused",
      "Commune de Die start",
      "Première rencontre",
    ]);
    expect(older).toEqual([]);
  });

  it("leaves a proposal still waiting off the timeline", () => {
    expect(read().lines).not.toContain("Commune de Die waiting");
  });

  it("shows only the newest events when asked, and hands back the older ones left for the full view", () => {
    const { lines, older } = read(4);
    expect(lines).toEqual(["Conseil municipal (prévu)", "CC du Diois epci", "Visite du site", "Commune de Die refused"]);
    expect(older).toEqual(["Commune de Die start", "Première rencontre"]);
    expect(read(10).older).toEqual([]);
  });
});
