// Reference lists of the project file: the collective's own stage, needs, funding sources.

export const COLLECTIVE_STAGES = ["idea", "creation", "running"] as const;

/** Where a project stands for its holders: under way, paused for a while, or archived. */
export const PROJECT_STATUSES = ["active", "paused", "archived"] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type CollectiveStage = (typeof COLLECTIVE_STAGES)[number];

export const NEEDS = ["land", "funding", "expertise", "skills", "network"] as const;
export type Need = (typeof NEEDS)[number];

export const FUNDING_SOURCES = ["state", "region", "departement", "epci", "commune", "eu", "private_funder", "citizens", "scic_shares", "own_revenue"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_STATUSES = ["requested", "granted", "paid"] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

/** Visibility a collective sets itself; going public is a request reviewed by a moderator. */
export const SELF_SERVICE_VISIBILITIES = ["parties", "territory"] as const;
