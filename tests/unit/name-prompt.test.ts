import { describe, expect, it } from "vitest";
import { namePrompt } from "@/server/services/accounts";

describe("asking a person their name", () => {
  const now = new Date("2026-12-04T10:00:00Z");
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

  it("asks whoever has none, with « Plus tard » the first time", () => {
    expect(namePrompt(null, null, now)).toBe("withSkip");
    expect(namePrompt("Élise Morel", null, now)).toBeNull();
  });

  it("lets it be for a day after « Plus tard », then asks again without it", () => {
    expect(namePrompt(null, hoursAgo(2), now)).toBeNull();
    expect(namePrompt(null, hoursAgo(24), now)).toBe("withoutSkip");
    expect(namePrompt(null, hoursAgo(24 * 30), now)).toBe("withoutSkip");
  });
});
