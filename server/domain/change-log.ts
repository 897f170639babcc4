// The audit log's vocabulary: what kind of record a change_log row is about, and what was done to
// it, each action a verb in its base form ("create", never "created").

export const CHANGE_ENTITIES = [
  "barometer_answer_set",
  "calendar_feed",
  "comment",
  "content_report",
  "email_preference",
  "follow",
  "handover",
  "invitation",
  "membership",
  "milestone",
  "network",
  "network_setting",
  "notification",
  "organisation",
  "project",
  "project_party",
  "relationship",
  "stage_change",
  "user",
] as const;
export type ChangeEntity = (typeof CHANGE_ENTITIES)[number];

export const CHANGE_ACTIONS = [
  "accept",
  "accept_handover",
  "accept_network",
  "accept_network_invitation",
  "accept_public",
  "add",
  "add_authority",
  "answer",
  "change_office",
  "confirm",
  "contest",
  "create",
  "decline",
  "decline_handover",
  "decline_network_invitation",
  "declare",
  "delete",
  "dismiss",
  "end",
  "follow",
  "hide",
  "import",
  "import_create",
  "import_update",
  "invite",
  "invite_network",
  "join",
  "leave_network",
  "mark_read",
  "mediation_note",
  "propose",
  "propose_handover",
  "refuse",
  "refuse_network",
  "refuse_public",
  "remind",
  "remove",
  "renew",
  "report",
  "request_network",
  "request_public",
  "resend",
  "restore",
  "revoke",
  "set",
  "unfollow",
  "update",
  "update_profile",
  "verify",
  "verify_again",
  /** Only in rows written before visits stopped being logged (December 2026). */
  "visit",
  "withdraw",
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** The past-tense actions of older rows and their base form: migration 0017 renames them. */
export const RENAMED_ACTIONS = {
  created: "create",
  added: "add",
  joined: "join",
  verified: "verify",
  verification_repeated: "verify_again",
  office_changed: "change_office",
  removed: "remove",
  profile_updated: "update_profile",
  renewed: "renew",
  revoked: "revoke",
  followed: "follow",
  unfollowed: "unfollow",
  visited: "visit",
  marked_read: "mark_read",
  deleted: "delete",
} as const satisfies Record<string, ChangeAction>;

/**
 * What a change's value is, for saying it in words: the kind decides how the history shows it
 * (a translated stage, a date, a lever list, a name for an id). Every field any service writes is
 * here; tests/unit/history-text.test.ts renders them all and fails on a raw key, value or id.
 */
export type ChangeValueKind =
  | "text"
  | "number"
  | "date"
  | "instant"
  | "stage"
  | "role"
  | "office"
  | "legalForm"
  | "sector"
  | "milestoneKind"
  | "milestoneStatus"
  | "confirmation"
  | "side"
  | "visibility"
  | "collectiveStage"
  | "partyStatus"
  | "projectStatus"
  | "frequency"
  | "needs"
  | "links"
  | "contacts"
  | "funding"
  | "levers"
  | "commune"
  | "communes"
  | "organisation"
  | "person"
  /** An internal id with nothing to say to a reader: the field is not shown. */
  | "record";

export const CHANGE_FIELDS = {
  title: "text",
  summary: "text",
  sector: "sector",
  sectorDetail: "text",
  name: "text",
  body: "text",
  reason: "text",
  note: "text",
  comment: "text",
  description: "text",
  email: "text",
  identifier: "text",
  siret: "text",
  network: "text",
  authority: "text",
  verifiedBy: "text",
  jobsNow: "number",
  jobsPotential: "number",
  stuckAfterDays: "number",
  sentCount: "number",
  created: "number",
  updated: "number",
  stagesDeclared: "number",
  verifiers: "number",
  erasedEntries: "number",
  readAt: "number",
  occursOn: "date",
  verifiedAt: "instant",
  nameSkippedAt: "instant",
  stage: "stage",
  proposedStage: "stage",
  role: "role",
  collectiveRole: "role",
  office: "office",
  legalForm: "legalForm",
  kind: "milestoneKind",
  status: "milestoneStatus",
  confirmation: "confirmation",
  side: "side",
  visibility: "visibility",
  collectiveStage: "collectiveStage",
  projectStatus: "projectStatus",
  needs: "needs",
  links: "links",
  evidenceLinks: "links",
  contacts: "contacts",
  fundingLines: "funding",
  levers: "levers",
  communeId: "commune",
  communeIds: "communes",
  organisationId: "organisation",
  contactHolderId: "organisation",
  holder: "organisation",
  /** Written by entries from before projects had several holding structures. */
  leadCollectiveId: "organisation",
  collectiveId: "organisation",
  userId: "person",
  adminId: "person",
} as const satisfies Record<string, ChangeValueKind>;

export type ChangeField = keyof typeof CHANGE_FIELDS;

/** The kind of a change's value. Some fields mean another thing on another record; an email preference's field is a notification kind. */
export function changeValueKind(entity: string, field: string): ChangeValueKind | null {
  if (entity === "project_party" && field === "status") return "partyStatus";
  if (entity === "email_preference") return "frequency";
  if (entity === "content_report" && (field === "comment" || field === "milestone")) return "record";
  return field in CHANGE_FIELDS ? CHANGE_FIELDS[field as ChangeField] : null;
}
