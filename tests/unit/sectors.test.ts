import { describe, expect, it } from "vitest";
import fr from "@/messages/fr.json";
import { SECTORS, sectorOf } from "@/server/domain/sectors";

describe("sectorOf", () => {
  it("reads the list's keys, any spelling of a sector, and the first of several", () => {
    expect(sectorOf("mobilite")).toEqual({ sector: "mobilite", detail: "" });
    expect(sectorOf("Mobilité")).toEqual({ sector: "mobilite", detail: "" });
    expect(sectorOf("ALIMENTATION")).toEqual({ sector: "alimentation", detail: "" });
    expect(sectorOf("Tiers-lieu, économie sociale")).toEqual({ sector: "tiers_lieu", detail: "" });
    expect(sectorOf("Filière bois")).toEqual({ sector: "bois", detail: "" });
    expect(sectorOf("  ")).toEqual({ sector: "", detail: "" });
  });

  it("reads back every sector as the export writes it, in French and in English", () => {
    for (const sector of SECTORS) {
      expect(sectorOf(fr.sectors[sector]).sector, fr.sectors[sector]).toBe(sector);
    }
    expect(sectorOf(fr.sectors.withDetail.replace("{detail}", "Apiculture"))).toEqual({ sector: "autre", detail: "Apiculture" });
  });

  it("keeps what the list lacks as « autre », with the words as typed", () => {
    expect(sectorOf("Apiculture collective")).toEqual({ sector: "autre", detail: "Apiculture collective" });
    expect(sectorOf("Autre")).toEqual({ sector: "autre", detail: "" });
  });
});
