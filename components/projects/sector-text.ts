// A project's sector in words: the list's label, or « Autre : » and the collective's own words.
import type { Sector } from "@/server/domain/sectors";

type SectorTranslator = ((key: Sector) => string) & ((key: "withDetail", values: { detail: string }) => string);

export function sectorText(t: SectorTranslator, sector: string, detail: string): string {
  if (sector === "") return "";
  if (sector === "autre" && detail) return t("withDetail", { detail });
  return t(sector as Sector);
}
