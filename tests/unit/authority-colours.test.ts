// An authority keeps its colour from one chart to the next: the commune of Die is drawn alike on
// every project's chart, whoever else is on it, and no two authorities of one chart share a colour.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authorityColours } from "@/components/gradient/authority-colours";

describe("authorityColours", () => {
  it("gives an authority the same colour on charts with other authorities, in another order", () => {
    const die = randomUUID();
    const others = Array.from({ length: 40 }, () => randomUUID());
    const alone = authorityColours([die]).get(die);
    let same = 0;
    for (const other of others) {
      const chart = authorityColours([other, die]);
      if (chart.get(die) === alone) same += 1;
      // Only a clash with an authority listed first moves it, and then to another colour than that one's.
      else expect(chart.get(die)).not.toBe(chart.get(other));
    }
    expect(same).toBeGreaterThan(others.length / 2);
    expect(authorityColours([die, ...others.slice(0, 3)]).get(die)).toBe(alone);
  });

  it("never gives two authorities of one chart the same colour while the palette lasts", () => {
    for (let chart = 0; chart < 50; chart += 1) {
      const ids = Array.from({ length: 6 }, () => randomUUID());
      expect(new Set(authorityColours(ids).values()).size).toBe(6);
    }
  });
});
