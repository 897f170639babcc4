// What a form says when a value is refused and its schema gave no words of its own: a plain
// sentence that names the field (« Indiquez le nom du collectif. »), never zod's defaults
// (« Trop petit : chaîne de caractères doit avoir >=2 caractères »). zod.ts sets the French one as
// zod's error map; the API's error formatter says it again in the reader's language.
import type { Locale } from "@/server/i18n/config";

/** What zod tells about a refused value: the issue's code and bounds, and where it was. */
export type ValidationIssue = {
  code: string;
  path?: readonly PropertyKey[];
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  input?: unknown;
  keys?: string[];
};

type Label = { fr: string; en: string };

/** Fields by their name in the schemas, with the French article (elided where French elides). */
const FIELD_LABELS: Record<string, Label> = {
  name: { fr: "le nom", en: "the name" },
  title: { fr: "l'intitulé", en: "the title" },
  summary: { fr: "la présentation", en: "the summary" },
  description: { fr: "la description", en: "the description" },
  body: { fr: "le message", en: "the message" },
  text: { fr: "le texte", en: "the text" },
  comment: { fr: "le commentaire", en: "the comment" },
  reason: { fr: "le motif", en: "the reason" },
  email: { fr: "l'adresse e-mail", en: "the email address" },
  adminEmail: { fr: "l'adresse e-mail de l'administrateur", en: "the administrator's email address" },
  confirmEmail: { fr: "l'adresse e-mail de confirmation", en: "the confirmation email address" },
  givenName: { fr: "le prénom", en: "the first name" },
  familyName: { fr: "le nom de famille", en: "the last name" },
  phone: { fr: "le téléphone", en: "the phone number" },
  sector: { fr: "le secteur", en: "the sector" },
  legalForm: { fr: "la forme juridique", en: "the legal form" },
  collectiveStage: { fr: "l'étape du collectif", en: "the collective's stage" },
  occursOn: { fr: "la date", en: "the date" },
  from: { fr: "la date de début", en: "the start date" },
  to: { fr: "la date de fin", en: "the end date" },
  kind: { fr: "le type", en: "the kind" },
  status: { fr: "le statut", en: "the status" },
  stage: { fr: "le stade", en: "the stage" },
  startingStage: { fr: "le stade de départ", en: "the starting stage" },
  toStage: { fr: "le stade proposé", en: "the proposed stage" },
  office: { fr: "la fonction", en: "the office" },
  role: { fr: "le rôle", en: "the role" },
  visibility: { fr: "la visibilité", en: "the visibility" },
  levers: { fr: "les leviers", en: "the levers" },
  needs: { fr: "les besoins", en: "the needs" },
  links: { fr: "les liens", en: "the links" },
  url: { fr: "l'adresse web", en: "the web address" },
  label: { fr: "le libellé", en: "the label" },
  evidenceLinks: { fr: "les liens vers des preuves", en: "the evidence links" },
  contacts: { fr: "les contacts", en: "the contacts" },
  fundingLines: { fr: "le plan de financement", en: "the funding plan" },
  amountEuros: { fr: "le montant", en: "the amount" },
  source: { fr: "la source", en: "the source" },
  jobsNow: { fr: "le nombre d'emplois actuels", en: "the number of current jobs" },
  jobsPotential: { fr: "le nombre d'emplois potentiels", en: "the number of potential jobs" },
  relationshipIds: { fr: "les relations concernées", en: "the relationships concerned" },
  communeIds: { fr: "les communes", en: "the communes" },
  communeId: { fr: "la commune", en: "the commune" },
  territoryId: { fr: "le territoire", en: "the territory" },
  contactHolderId: { fr: "la structure porteuse", en: "the holding structure" },
  query: { fr: "la recherche", en: "the search" },
  search: { fr: "la recherche", en: "the search" },
  answers: { fr: "les réponses", en: "the answers" },
  frequency: { fr: "la fréquence", en: "the frequency" },
};

/** Where a field's name alone is not enough: by procedure, what the field is of. */
const PROCEDURE_LABELS: Record<string, Record<string, Label>> = {
  "organisation.createCollective": { name: { fr: "le nom du collectif", en: "the collective's name" } },
  "organisation.createNetwork": { name: { fr: "le nom du réseau", en: "the network's name" } },
  "organisation.updateProfile": { name: { fr: "le nom de l'organisation", en: "the organisation's name" } },
  "project.create": { title: { fr: "le nom du projet", en: "the project's name" } },
  "project.update": { title: { fr: "le nom du projet", en: "the project's name" } },
  "milestone.create": { title: { fr: "l'intitulé du jalon", en: "the milestone's title" } },
  "milestone.update": { title: { fr: "l'intitulé du jalon", en: "the milestone's title" } },
  "account.updateProfile": { name: { fr: "votre nom", en: "your name" } },
};

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase("fr") + text.slice(1);

/** The field an issue is about: the last named step of its path (a list's item is its list's). */
function fieldOf(path: readonly PropertyKey[] = [], procedure: string | undefined): Label | null {
  const named = [...path].reverse().find((step): step is string => typeof step === "string");
  if (!named) return null;
  return (procedure ? PROCEDURE_LABELS[procedure]?.[named] : undefined) ?? FIELD_LABELS[named] ?? null;
}

const plural = (count: number, one: string, other: string) => `${count} ${count > 1 ? other : one}`;

/** The sentence for a refused value, in `locale`; `procedure` (« project.create ») names the field more closely. */
export function validationMessage(issue: ValidationIssue, locale: Locale, procedure?: string): string {
  const label = fieldOf(issue.path, procedure);
  const fr = locale === "fr";
  const field = label ? label[locale] : fr ? "ce champ" : "this field";
  const Field = capitalised(field);
  const minimum = Number(issue.minimum ?? 0);
  const maximum = Number(issue.maximum ?? 0);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null) return fr ? `Indiquez ${field}.` : `Enter ${field}.`;
      return fr ? `${Field} n'est pas valide.` : `${Field} is not valid.`;
    case "too_small":
      if (issue.origin === "string")
        return minimum <= 1 || (typeof issue.input === "string" && issue.input.trim() === "")
          ? fr
            ? `Indiquez ${field}.`
            : `Enter ${field}.`
          : fr
            ? `${Field} : au moins ${plural(minimum, "caractère", "caractères")}.`
            : `${Field}: at least ${plural(minimum, "character", "characters")}.`;
      if (issue.origin === "array" || issue.origin === "set")
        return fr ? `${Field} : choisissez-en au moins ${minimum}.` : `${Field}: choose at least ${minimum}.`;
      return fr ? `${Field} : au moins ${minimum}.` : `${Field}: at least ${minimum}.`;
    case "too_big":
      if (issue.origin === "string")
        return fr ? `${Field} : ${plural(maximum, "caractère", "caractères")} au plus.` : `${Field}: ${plural(maximum, "character", "characters")} at most.`;
      if (issue.origin === "array" || issue.origin === "set") return fr ? `${Field} : ${maximum} au plus.` : `${Field}: ${maximum} at most.`;
      return fr ? `${Field} : ${maximum} au plus.` : `${Field}: ${maximum} at most.`;
    case "invalid_value":
      return fr ? `Choisissez ${field} dans la liste.` : `Choose ${field} from the list.`;
    case "invalid_format":
      return fr ? `${Field} n'est pas au bon format.` : `${Field} is not in the expected format.`;
    case "unrecognized_keys":
      return fr ? `Champ inattendu : ${(issue.keys ?? []).join(", ")}.` : `Unexpected field: ${(issue.keys ?? []).join(", ")}.`;
    default:
      return fr ? `${Field} n'est pas valide.` : `${Field} is not valid.`;
  }
}

/**
 * An issue's message in the reader's language, when it is one of ours (the schema gave none of its
 * own): zod's final issue no longer holds the input, so both readings of « missing » are tried.
 */
export function relocalisedMessage(issue: ValidationIssue & { message: string }, locale: Locale, procedure?: string): string {
  for (const input of [undefined, ""]) {
    if (validationMessage({ ...issue, input }, "fr") === issue.message) return validationMessage({ ...issue, input }, locale, procedure);
  }
  return issue.message;
}
