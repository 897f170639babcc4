// The history says every action and every field the code can write in words, in French and in
// English: never a raw key, an enum value, an id, an ISO date or JSON on the reader's screen.
import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { historyFields, historySentence, type FieldLine, type HistoryFacts, type Translate } from "@/components/projects/history-text";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";
import { CHANGE_ACTIONS, CHANGE_ENTITIES, CHANGE_FIELDS, type ChangeValueKind } from "@/server/domain/change-log";
import { NOTIFICATION_KINDS } from "@/server/domain/notifications";

const ORGANISATION = "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0a01";
const GONE_ORGANISATION = "5b0f0d7e-3c55-4c8e-9a51-6a4f1f0d0aff";
const PERSON = "9d1f2c64-0b7e-4b53-a0a4-0c5e8f1d2a33";
const LABELS = { [ORGANISATION]: "La Fabrique du Diois", [PERSON]: "Élise Morel", "commune-26113": "Die", "commune-26086": "Châtillon-en-Diois" };

/** Raw values as services write them, a before and an after for each kind. */
const SAMPLES: Record<ChangeValueKind, [unknown, unknown]> = {
  text: [null, "Première rencontre en mairie"],
  number: [3, 12],
  date: ["2026-03-12", "2026-05-04"],
  instant: [null, "2026-03-12T10:00:00.000Z"],
  stage: ["collaboration", "coportage"],
  role: ["member", "admin"],
  office: [null, "conseiller_municipal"],
  legalForm: [null, "scic"],
  sector: [null, "mobilite"],
  milestoneKind: ["first_meeting", "joint_event"],
  milestoneStatus: ["planned", "done"],
  confirmation: ["pending", "contested"],
  side: [null, "authority"],
  visibility: ["parties", "territory"],
  collectiveStage: ["creation", "running"],
  partyStatus: ["invited", "active"],
  projectStatus: ["active", "paused"],
  frequency: ["immediate", "weekly"],
  needs: [["land"], ["land", "funding"]],
  links: [[], [{ label: "Site", url: "https://fabrique.example" }]],
  contacts: [[], [{ name: "Camille Roux", role: "Co-gérante", email: "camille@fabrique.example", phone: "" }]],
  funding: [[], [{ source: "region", label: "Subvention d'amorçage", amountEuros: 12000, status: "granted" }]],
  levers: [["representations"], ["representations", "first-action"]],
  commune: ["commune-26113", "commune-26086"],
  communes: [["commune-26113"], ["commune-26113", "commune-26086"]],
  organisation: [GONE_ORGANISATION, ORGANISATION],
  person: [null, PERSON],
  record: [null, ORGANISATION],
};

const RAW = [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i, /\d{4}-\d{2}-\d{2}/, /[{}[\]]/, /\bundefined\b|\bnull\b|NaN|\[object/];

function lineText(line: FieldLine) {
  return line.list ? [...line.added, ...line.removed] : [line.before, line.after].filter((value): value is string => value !== null);
}

describe.each([
  ["fr", fr],
  ["en", en],
] as const)("the history in %s", (locale, messages) => {
  const t = createTranslator({ locale, messages }) as unknown as Translate;
  const format = createFormatter({ locale, timeZone: "Europe/Paris" });

  it("has a sentence for every action on every record, with nothing left in braces", () => {
    for (const action of CHANGE_ACTIONS) {
      expect(t.has(`history.actions.${action}`), action).toBe(true);
      for (const entity of CHANGE_ENTITIES) {
        expect(t.has(`history.entities.${entity}`), entity).toBe(true);
        const sentence = historySentence({ entity, action, changes: [], actorName: "Élise Morel", actorEmail: null }, t);
        expect(sentence).toContain("Élise Morel");
        for (const pattern of RAW) expect(sentence).not.toMatch(pattern);
      }
    }
  });

  it("labels every field and says every value in words", () => {
    for (const [field, kind] of Object.entries(CHANGE_FIELDS)) {
      const [before, after] = SAMPLES[kind];
      const entry: HistoryFacts = {
        entity: "project",
        action: "update",
        changes: [{ field, before, after }],
        actorName: "Élise Morel",
        actorEmail: null,
        labels: LABELS,
      };
      const [line] = historyFields(entry, t, format);
      expect(line, field).toBeDefined();
      if (!line) continue;
      expect(line.label, field).not.toBe(field);
      expect(line.label).not.toMatch(/[A-Z].*[a-z][A-Z]|_/); // no camelCase or snake_case key
      const values = lineText(line);
      expect(values.length, field).toBeGreaterThan(0);
      for (const value of values) {
        for (const pattern of RAW) expect(value, `${field}: ${value}`).not.toMatch(pattern);
        expect(value, field).not.toMatch(/_/);
        // An enum's raw value is never what the reader sees.
        for (const raw of [before, after].flat()) if (typeof raw === "string" && !["text"].includes(kind)) expect(value, field).not.toBe(raw);
      }
    }
  });

  it("names what a change refers to, and says so when it is gone", () => {
    const [organisation] = historyFields(
      {
        entity: "handover",
        action: "accept_handover",
        changes: [{ field: "contactHolderId", before: GONE_ORGANISATION, after: ORGANISATION }],
        actorName: null,
        actorEmail: null,
        labels: LABELS,
      },
      t,
      format,
    );
    expect(organisation).toMatchObject({ list: false, before: t("history.gone"), after: "La Fabrique du Diois" });
    const [levers] = historyFields(
      {
        entity: "milestone",
        action: "update",
        changes: [{ field: "levers", before: ["representations"], after: ["first-action"] }],
        actorName: null,
        actorEmail: null,
      },
      t,
      format,
    );
    expect(levers).toMatchObject({ list: true, added: [t("levers.first-action")], removed: [t("levers.representations")] });
  });

  it("says a party's status, an email preference and an erased text as the reader would", () => {
    const [status] = historyFields(
      { entity: "project_party", action: "leave_network", changes: [{ field: "status", before: "active", after: null }], actorName: null, actorEmail: null },
      t,
      format,
    );
    expect(status).toMatchObject({ before: t("history.partyStatuses.active"), after: null });
    for (const kind of NOTIFICATION_KINDS) {
      const [preference] = historyFields(
        { entity: "email_preference", action: "set", changes: [{ field: kind, before: null, after: "never" }], actorName: null, actorEmail: null },
        t,
        format,
      );
      expect(preference?.label).not.toMatch(/_/);
      expect(preference).toMatchObject({ after: t("emailPrefs.frequencies.never") });
    }
    const [erased] = historyFields(
      { entity: "comment", action: "update", changes: [{ field: "body", before: "[effacé]", after: "[effacé]" }], actorName: null, actorEmail: null },
      t,
      format,
    );
    expect(erased).toMatchObject({ before: t("history.erased") });
    // A report's content id is internal: not shown at all.
    expect(
      historyFields(
        { entity: "content_report", action: "report", changes: [{ field: "comment", before: null, after: ORGANISATION }], actorName: null, actorEmail: null },
        t,
        format,
      ),
    ).toEqual([]);
  });

  it("calls an actor with no name by their address, and nobody 'Quelqu'un'", () => {
    expect(historySentence({ entity: "milestone", action: "confirm", changes: [], actorName: null, actorEmail: "lea@collectif.test" }, t)).toContain(
      "lea@collectif.test",
    );
    expect(historySentence({ entity: "milestone", action: "confirm", changes: [], actorName: null, actorEmail: null }, t)).toContain(t("history.someone"));
  });
});
