import { describe, expect, it } from "vitest";
import { lastActivityOf } from "@/components/projects/last-activity";

describe("lastActivityOf", () => {
  const now = new Date("2026-12-04T10:00:00Z");

  it("is never older than the latest milestone, nor later than now", () => {
    const updatedAt = new Date("2026-03-01T09:00:00Z");
    expect(lastActivityOf({ updatedAt, latestMilestone: { occursOn: "2026-06-12" } }, now)).toEqual(new Date("2026-06-12T12:00:00Z"));
    expect(lastActivityOf({ updatedAt, latestMilestone: { occursOn: "2026-01-12" } }, now)).toEqual(updatedAt);
    expect(lastActivityOf({ updatedAt, latestMilestone: null }, now)).toEqual(updatedAt);
    expect(lastActivityOf({ updatedAt, latestMilestone: { occursOn: "2027-01-01" } }, now)).toEqual(now);
  });
});
