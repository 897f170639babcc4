// The sectors a collective project works in: one fixed list, so that filters and counts do not
// split by spelling (« Alimentation », « alimentation », « Alim. »), with « autre, préciser »
// for what the list lacks. Stored as the key; the words live in the message files (sectors.*).

export const SECTORS = [
  "alimentation",
  "agriculture",
  "commerce",
  "tiers_lieu",
  "habitat",
  "mobilite",
  "energie",
  "reemploi",
  "insertion",
  "social",
  "sante",
  "education",
  "culture",
  "tourisme",
  "environnement",
  "bois",
  "numerique",
  "cooperation",
  "autre",
] as const;
export type Sector = (typeof SECTORS)[number];

export function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}

/** Lower-cased, without accents, hyphens or punctuation: how a typed sector is compared. */
function simplified(text: string) {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The words people write for each sector, simplified; the first word of a typed value decides. */
const SPELLINGS: Record<Sector, string[]> = {
  alimentation: ["alimentation", "alimentaire", "epicerie", "circuits courts", "circuit court", "restauration", "cantine"],
  agriculture: ["agriculture", "agricole", "maraichage", "ferme", "elevage"],
  commerce: ["commerce", "commerce de proximite", "services de proximite", "boutique", "cafe", "bar"],
  tiers_lieu: ["tiers lieu", "tiers lieux", "tiers"],
  habitat: ["habitat", "logement", "habitat partage", "habitat participatif"],
  mobilite: ["mobilite", "mobilites", "transport", "velo", "covoiturage", "garage solidaire"],
  energie: ["energie", "energies renouvelables", "energie renouvelable", "solaire", "eolien", "photovoltaique"],
  reemploi: ["reemploi", "recyclerie", "ressourcerie", "economie circulaire", "recyclage", "reparation"],
  insertion: ["insertion", "emploi", "emploi et insertion", "iae"],
  social: ["social", "action sociale", "solidarite", "economie sociale", "ess"],
  sante: ["sante", "soin", "soins", "medical", "maison de sante"],
  education: ["education", "jeunesse", "formation", "enfance", "ecole"],
  culture: ["culture", "culturel", "patrimoine", "spectacle", "arts"],
  tourisme: ["tourisme", "touristique", "hebergement", "gite"],
  environnement: ["environnement", "biodiversite", "nature", "eau", "dechets"],
  bois: ["bois", "filiere bois", "foret", "forestier", "menuiserie"],
  numerique: ["numerique", "informatique", "internet", "mediation numerique"],
  cooperation: ["cooperation", "cooperation economique", "ptce", "pole territorial de cooperation economique", "cae"],
  autre: ["autre", "autres", "divers"],
};

const BY_SPELLING = new Map(Object.entries(SPELLINGS).flatMap(([sector, spellings]) => spellings.map((spelling) => [spelling, sector as Sector])));

/**
 * The sector a typed value means (an import's cell, an old free-text value): the list's key
 * itself, a known spelling of the whole value or of its first part (« Alimentation, agriculture »),
 * else « autre » with the value kept as the precision.
 */
export function sectorOf(typed: string): { sector: Sector | ""; detail: string } {
  const text = typed.trim();
  if (text === "") return { sector: "", detail: "" };
  if (isSector(text)) return { sector: text, detail: "" };
  // « Autre : apiculture », as the export writes it.
  const other = /^autres?\s*:\s*(.+)$/i.exec(text);
  if (other?.[1]) return { sector: "autre", detail: other[1].trim().slice(0, 120) };
  const whole = simplified(text);
  const known = BY_SPELLING.get(whole) ?? BY_SPELLING.get(simplified(text.split(/[,;/(]| et /)[0] ?? ""));
  if (known && known !== "autre") return { sector: known, detail: "" };
  return { sector: "autre", detail: known === "autre" ? "" : text.slice(0, 120) };
}

/** A sector asked for in an address (`?secteur=`): a key, or an older link's words; anything else is dropped. */
export function sectorParam(value: string | undefined): Sector | undefined {
  if (!value) return undefined;
  const { sector, detail } = sectorOf(value);
  return sector === "" || (sector === "autre" && detail !== "") ? undefined : sector;
}
