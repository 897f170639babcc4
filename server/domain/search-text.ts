// How names are compared in searches: case, accents, hyphens and apostrophes do not matter.

const ABBREVIATIONS: Record<string, string> = {
  st: "saint",
  ste: "sainte",
  sts: "saints",
  stes: "saintes",
};

/** "Saint-Étienne-de-l'Œuvre" → "saint etienne de l oeuvre". Also applied to stored names. */
export function normaliseSearchText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll("œ", "oe")
    .replaceAll("æ", "ae")
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[-'’‘_.,/()]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A query as people type it: "st etienne" means "saint etienne". */
export function normaliseSearchQuery(query: string): string {
  return normaliseSearchText(query)
    .split(" ")
    .map((word) => ABBREVIATIONS[word] ?? word)
    .join(" ");
}

/** Text to match literally inside a LIKE pattern: its own %, _ and \\ escaped. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
