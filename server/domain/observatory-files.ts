// L'Observatoire's open data: a file per level, every territory a row, as CSV (UTF-8 with a byte
// order mark, semicolons: a French spreadsheet opens it as it is) and as JSON, both described by
// one Table Schema (the frictionless format data.gouv.fr's schemas use).
import Papa from "papaparse";
import fr from "@/messages/fr.json";
import { STAGES } from "./gradient";
import { MOVES_MONTHS, RURAL_POPULATION, SMALL_CELL, type Figures, type ObservatoryLevel, type Published } from "./observatory";
import { LEGAL_FORMS } from "./organisations";
import { SECTORS } from "./sectors";

/** The files, by the name of their address (/observatoire/donnees/<file>.csv): France, then each level below. */
export const DATASETS = { france: "france", regions: "region", departements: "departement", epcis: "epci", communes: "commune" } as const satisfies Record<
  string,
  ObservatoryLevel
>;
export type Dataset = keyof typeof DATASETS;

/** What a secret figure says, in the files as on the pages. */
export const SECRET = "moins de 5";

export const LICENCE = { name: "etalab-2.0", title: "Licence Ouverte 2.0", path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/" };

type Field = { name: string; type: "string" | "integer"; title: string; description: string };

const count = (name: string, title: string, description: string): Field => ({ name, type: "integer", title, description });

/** The columns, in order: the territory, its figures, then its projects by legal form and by sector. */
export const FIELDS: Field[] = [
  { name: "niveau", type: "string", title: "Niveau", description: "france, region, departement, epci ou commune." },
  { name: "code", type: "string", title: "Code", description: "Code INSEE du territoire (région, département, commune), SIREN de l'EPCI, FR pour la France." },
  {
    name: "nom",
    type: "string",
    title: "Nom",
    description: "Nom officiel du territoire (découpage administratif de l'INSEE, paquet @etalab/decoupage-administratif).",
  },
  count("projets", "Projets collectifs", "Projets qui agissent dans au moins une commune du territoire, qu'ils soient publics ou non."),
  count("projets_publics", "Projets publics", "Parmi eux, ceux dont le dossier est public, nommés sur la page du territoire."),
  count(
    "projets_ruraux",
    "Projets en commune rurale",
    `Projets dont la commune d'implantation compte moins de ${RURAL_POPULATION.toLocaleString("fr-FR")} habitants.`,
  ),
  count("emplois", "Emplois", "Somme des emplois actuels déclarés par les projets."),
  count("emplois_potentiels", "Emplois potentiels", "Somme des emplois potentiels déclarés par les projets."),
  ...STAGES.map((stage) =>
    count(
      `relations_${stage}`,
      `Relations au stade ${fr.stages[stage]}`,
      `Relations entre ces projets et une collectivité, au stade ${fr.stages[stage]} (confirmé par les deux côtés, relations terminées exclues).`,
    ),
  ),
  count(
    "projets_collaboration_ou_coportage",
    "Projets en Collaboration ou Co-portage",
    "Projets ayant au moins une relation au stade Collaboration ou Co-portage.",
  ),
  count("avancees_12_mois", "Avancées sur 12 mois", `Changements de stade vers un stade plus avancé, confirmés dans les ${MOVES_MONTHS} derniers mois.`),
  count("reculs_12_mois", "Reculs sur 12 mois", `Changements de stade vers un stade moins avancé, confirmés dans les ${MOVES_MONTHS} derniers mois.`),
  ...LEGAL_FORMS.map((form) =>
    count(`forme_${form}`, `Forme : ${fr.legalForms[form]}`, `Projets dont la structure porteuse à contacter a la forme ${fr.legalForms[form]}.`),
  ),
  ...SECTORS.map((sector) => count(`secteur_${sector}`, `Secteur : ${fr.sectors[sector]}`, `Projets du secteur ${fr.sectors[sector]}.`)),
  count("secteur_non_renseigne", "Secteur non renseigné", "Projets dont le secteur n'est pas renseigné."),
];

/** The Table Schema of every file, with the licence and the day it was produced. */
export function tableSchema(producedOn: string, baseUrl: string) {
  return {
    $schema: "https://specs.frictionlessdata.io/schemas/table-schema.json",
    name: "maillage-observatoire",
    title: "L'Observatoire de Maillage : projets collectifs et collectivités",
    description: `Ce que les projets collectifs apportent aux territoires, par niveau (France, région, département, EPCI, commune). Une valeur faite de moins de ${SMALL_CELL} projets est remplacée par « ${SECRET} », pour qu'aucun projet non public ne puisse en être déduit.`,
    homepage: `${baseUrl}/observatoire/donnees`,
    licenses: [LICENCE],
    created: producedOn,
    lastModified: producedOn,
    version: "1.0.0",
    missingValues: ["", SECRET],
    primaryKey: ["niveau", "code"],
    fields: FIELDS,
  };
}

type Territory = { level: ObservatoryLevel; code: string; name: string; figures: Figures };

/** A figure as a cell: its value, or SECRET. */
const cell = (value: Published) => (value === null ? SECRET : value);

/** One territory's row, keyed by the fields' names. */
export function datasetRow(territory: Territory): Record<string, string | number> {
  const { figures } = territory;
  const row: Record<string, string | number> = {
    niveau: territory.level,
    code: territory.code,
    nom: territory.name,
    projets: cell(figures.projects),
    projets_publics: figures.publicProjects,
    projets_ruraux: cell(figures.ruralProjects),
    emplois: cell(figures.jobsNow),
    emplois_potentiels: cell(figures.jobsPotential),
    projets_collaboration_ou_coportage: cell(figures.collaboratingProjects),
    avancees_12_mois: cell(figures.forward),
    reculs_12_mois: cell(figures.backward),
  };
  for (const stage of STAGES) row[`relations_${stage}`] = cell(figures.relationships[stage]);
  for (const form of LEGAL_FORMS) row[`forme_${form}`] = cell(figures.legalForms.find((entry) => entry.legalForm === form)?.projects ?? 0);
  for (const sector of SECTORS) row[`secteur_${sector}`] = cell(figures.sectors.find((entry) => entry.sector === sector)?.projects ?? 0);
  row.secteur_non_renseigne = cell(figures.sectors.find((entry) => entry.sector === "")?.projects ?? 0);
  return row;
}

export function datasetCsv(territories: Territory[]): string {
  const header = FIELDS.map((field) => field.name);
  const rows = territories.map((territory) => {
    const row = datasetRow(territory);
    return header.map((name) => row[name] ?? "");
  });
  return `\uFEFF${Papa.unparse([header, ...rows], { delimiter: ";" })}\r\n`;
}

export function datasetJson(dataset: Dataset, territories: Territory[], producedOn: string, baseUrl: string) {
  return {
    schema: `${baseUrl}/observatoire/donnees/schema.json`,
    licence: LICENCE.title,
    date: producedOn,
    niveau: DATASETS[dataset],
    donnees: territories.map(datasetRow),
  };
}

/** Which dataset lists the territories of a level. */
export function datasetOf(level: ObservatoryLevel): Dataset {
  return (Object.keys(DATASETS) as Dataset[]).find((dataset) => DATASETS[dataset] === level) ?? "france";
}
