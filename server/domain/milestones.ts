// The kinds of trust-building milestones and their statuses.

export const MILESTONE_KINDS = [
  "first_meeting",
  "information_exchange",
  "site_visit",
  "joint_event",
  "council_deliberation",
  "agreement_signed",
  "first_seed_action",
  "land_made_available",
  "funding_granted",
  "authority_joins_scic",
  "other",
] as const;
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];

export const MILESTONE_STATUSES = ["planned", "done", "cancelled"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
