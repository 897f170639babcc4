import { describe, expect, it } from "vitest";
import { normaliseSearchQuery, normaliseSearchText } from "@/server/domain/search-text";

describe("territory names as the search compares them", () => {
  it("ignores case, accents, hyphens and apostrophes", () => {
    expect(normaliseSearchText("Saint-Étienne")).toBe("saint etienne");
    expect(normaliseSearchText("L'Île-d'Yeu")).toBe("l ile d yeu");
    expect(normaliseSearchText("  Châtillon-en-Diois ")).toBe("chatillon en diois");
  });

  it("spells out ligatures", () => {
    expect(normaliseSearchText("Œuilly")).toBe("oeuilly");
    expect(normaliseSearchText("Lætitia")).toBe("laetitia");
  });

  it("reads the usual abbreviations of saints in a query", () => {
    expect(normaliseSearchQuery("st etienne")).toBe("saint etienne");
    expect(normaliseSearchQuery("Ste-Foy")).toBe("sainte foy");
    expect(normaliseSearchQuery("ST-GENIS")).toBe("saint genis");
  });

  it("does not expand abbreviations inside words", () => {
    expect(normaliseSearchQuery("Estaing")).toBe("estaing");
    expect(normaliseSearchQuery("ste")).toBe("sainte");
  });
});
