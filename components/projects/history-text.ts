// Says a change_log entry in the reader's words: a sentence (« Élise Morel a confirmé un jalon »)
// and each changed field with its label and translated values (« Stade : Collaboration →
// Co-portage », « Leviers : + Faciliter la première action »). Shared by the project's Historique
// and the admins' journal; pure, so a test can render every action and field in both languages.
import { changeValueKind, type ChangeValueKind } from "@/server/domain/change-log";

/** A translator over the whole message tree (next-intl's, unscoped), and its key check. */
export type Translate = ((key: string, values?: Record<string, string | number>) => string) & { has: (key: string) => boolean };
/** The formatter's two calls used here (next-intl's useFormatter, or createFormatter in tests). */
export type Format = {
  dateTime: (date: Date, options: { dateStyle: "long"; timeStyle?: "short"; timeZone?: string }) => string;
  number: (value: number, options?: { style: "currency"; currency: string; maximumFractionDigits: number }) => string;
};

export type HistoryFacts = {
  entity: string;
  action: string;
  changes: { field: string; before: unknown; after: unknown }[];
  actorName: string | null;
  actorEmail: string | null;
  /** id → name of the organisations, people and communes the changes refer to. */
  labels?: Record<string, string>;
};

/** One changed field: a value before and after, or, for a list, what was added and removed. */
export type FieldLine = { field: string; label: string } & (
  { list: false; before: string | null; after: string | null } | { list: true; added: string[]; removed: string[] }
);

/** The value privacy.ts writes in place of what an erased account wrote. */
const ERASED = "[effacé]";

const LIST_KINDS: ChangeValueKind[] = ["levers", "needs", "communes", "links", "contacts", "funding"];

export function historySentence(entry: HistoryFacts, t: Translate): string {
  const actor = entry.actorName || entry.actorEmail || t("history.someone");
  const entity = t.has(`history.entities.${entry.entity}`) ? t(`history.entities.${entry.entity}`) : t("history.entities.unknown");
  return t.has(`history.actions.${entry.action}`) ? t(`history.actions.${entry.action}`, { actor, entity }) : t("history.actions.unknown", { actor, entity });
}

export function historyFields(entry: HistoryFacts, t: Translate, format: Format): FieldLine[] {
  return entry.changes.flatMap((change): FieldLine[] => {
    const kind = changeValueKind(entry.entity, change.field);
    // A field no renderer knows, or an internal id, is not shown rather than shown raw.
    if (!kind || kind === "record") return [];
    const label = fieldLabel(entry.entity, change.field, t);
    if (LIST_KINDS.includes(kind)) {
      const before = listItems(kind, change.before, t, format, entry.labels);
      const after = listItems(kind, change.after, t, format, entry.labels);
      return [
        {
          field: change.field,
          label,
          list: true,
          added: after.filter((item) => !before.includes(item)),
          removed: before.filter((item) => !after.includes(item)),
        },
      ];
    }
    const say = (value: unknown) => (isEmpty(value) ? null : scalar(kind, value, t, format, entry.labels));
    return [{ field: change.field, label, list: false, before: say(change.before), after: say(change.after) }];
  });
}

function fieldLabel(entity: string, field: string, t: Translate): string {
  if (entity === "email_preference" && t.has(`emailPrefs.kinds.${field}`)) return capitalised(t(`emailPrefs.kinds.${field}`));
  return t(`history.fields.${field}`);
}

const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase("fr") + text.slice(1);

function isEmpty(value: unknown) {
  return value === null || value === undefined || value === "";
}

/** A translated label when the message exists; otherwise the neutral word, never the raw value. */
function translated(t: Translate, key: string): string {
  return t.has(key) ? t(key) : t("history.unknownValue");
}

function scalar(kind: ChangeValueKind, value: unknown, t: Translate, format: Format, labels: Record<string, string> = {}): string {
  if (value === ERASED) return t("history.erased");
  const text = String(value);
  switch (kind) {
    case "text":
      return text;
    case "number":
      return Number.isFinite(Number(value)) ? format.number(Number(value)) : text;
    case "date": {
      const date = new Date(`${text.slice(0, 10)}T12:00:00Z`);
      return Number.isNaN(date.getTime()) ? text : format.dateTime(date, { dateStyle: "long", timeZone: "UTC" });
    }
    case "instant": {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : format.dateTime(date, { dateStyle: "long", timeStyle: "short" });
    }
    case "stage":
      return translated(t, `stages.${text}`);
    case "role":
      return translated(t, `roles.${text}`);
    case "office":
      return translated(t, `offices.${text}`);
    case "legalForm":
      return translated(t, `legalForms.${text}`);
    case "sector":
      // Before the fixed list (migration 0027) a sector was free text: that is shown as written.
      return t.has(`sectors.${text}`) ? t(`sectors.${text}`) : text;
    case "milestoneKind":
      return translated(t, `milestoneKinds.${text}`);
    case "milestoneStatus":
      return translated(t, `milestoneStatuses.${text}`);
    case "confirmation":
      return translated(t, `projectPage.confirmation.${text}`);
    case "side":
      return translated(t, `projectPage.sideLabels.${text}`);
    case "visibility":
      return translated(t, `projectPage.visibility.${text}`);
    case "collectiveStage":
      return translated(t, `projectPage.collectiveStages.${text}`);
    case "partyStatus":
      return translated(t, `history.partyStatuses.${text}`);
    case "projectStatus":
      return translated(t, `projectPage.projectStatuses.${text}`);
    case "frequency":
      return translated(t, `emailPrefs.frequencies.${text}`);
    case "commune":
    case "organisation":
    case "person":
      return labels[text] || t("history.gone");
    default:
      return t("history.unknownValue");
  }
}

function listItems(kind: ChangeValueKind, value: unknown, t: Translate, format: Format, labels: Record<string, string> = {}): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((item: unknown) => {
    if (kind === "levers") return translated(t, `levers.${String(item)}`);
    if (kind === "needs") return translated(t, `projectPage.needs.${String(item)}`);
    if (kind === "communes") return labels[String(item)] || t("history.gone");
    const record = (item ?? {}) as Record<string, unknown>;
    if (kind === "links") return record.label ? `${String(record.label)} (${String(record.url ?? "")})` : String(record.url ?? "");
    if (kind === "contacts")
      return [record.name, record.role].filter((part) => typeof part === "string" && part !== "").join(", ") || t("history.unknownValue");
    // funding
    return t("history.fundingLine", {
      label: String(record.label ?? ""),
      amount: format.number(Number(record.amountEuros ?? 0), { style: "currency", currency: "EUR", maximumFractionDigits: 0 }),
      source: translated(t, `projectPage.fundingSources.${String(record.source)}`),
      status: translated(t, `projectPage.fundingStatuses.${String(record.status)}`),
    });
  });
}
