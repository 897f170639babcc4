import { describe, expect, it } from "vitest";
import { excerptOf } from "@/server/domain/excerpt";

describe("an excerpt", () => {
  it("keeps a short text as it is, on one line", () => {
    expect(excerptOf("Madame la maire,\n seriez-vous disponible ?")).toBe("Madame la maire, seriez-vous disponible ?");
  });

  it("cuts a long text between two words, with an ellipsis, within the length", () => {
    const text =
      "Nous avons rencontré le conseil municipal pour présenter le projet de tiers-lieu et ses premiers emplois, ce qui a ouvert la porte à une convention.";
    const cut = excerptOf(text, 60);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(cut.endsWith("…")).toBe(true);
    expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    // The word before the ellipsis is whole: the original goes on with a space there.
    expect(text.charAt(cut.length - 1)).toBe(" ");
    expect(excerptOf("Une première phrase assez longue, puis une suite", 34)).toBe("Une première phrase assez longue…");
  });

  it("cuts a single endless word where it must", () => {
    expect(excerptOf("a".repeat(200), 20)).toBe(`${"a".repeat(19)}…`);
  });
});
