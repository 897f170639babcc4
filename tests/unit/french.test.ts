import { describe, expect, it } from "vitest";
import { ofFrench } from "@/server/domain/french";

describe("ofFrench", () => {
  it("elides before a vowel, accented or not, and not before a consonant or an aspirated h", () => {
    expect(ofFrench("Observation")).toBe("d'Observation");
    expect(ofFrench("Élise Morel")).toBe("d'Élise Morel");
    expect(ofFrench("Défiance")).toBe("de Défiance");
    expect(ofFrench("Co-portage")).toBe("de Co-portage");
    expect(ofFrench("Hauteville")).toBe("de Hauteville");
  });
});
