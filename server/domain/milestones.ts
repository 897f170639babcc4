// The kinds of trust-building milestones and their statuses.
import type { LeverId } from "./gradient";

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

/** The lever a kind of milestone obviously mobilises: the milestone form ticks it, the person may untick it. */
export const OBVIOUS_LEVER: Partial<Record<MilestoneKind, LeverId>> = {
  first_seed_action: "first-action",
  land_made_available: "land-tools",
  funding_granted: "hybrid-funding",
  council_deliberation: "public-policies",
  authority_joins_scic: "coordination",
};

/**
 * The kinds of milestone where the two sides worked together, not only met: once one of them has
 * taken place and been confirmed for a relationship, the past it answered (PAST_FACTS) is past.
 */
export const WORKING_TOGETHER_KINDS = [
  "joint_event",
  "agreement_signed",
  "first_seed_action",
  "land_made_available",
  "funding_granted",
  "authority_joins_scic",
] as const satisfies readonly MilestoneKind[];

/** A milestone settles the relationship's past facts: it took place, was confirmed for it, is shown, and is of working together. */
export function settlesPastFacts(milestone: { kind: MilestoneKind; status: MilestoneStatus; hidden: boolean }, confirmation: string): boolean {
  return (
    confirmation === "confirmed" &&
    milestone.status === "done" &&
    !milestone.hidden &&
    (WORKING_TOGETHER_KINDS as readonly MilestoneKind[]).includes(milestone.kind)
  );
}

export const MILESTONE_STATUSES = ["planned", "done", "cancelled"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
