// The trust gradient between a collective project and a local authority, from the 2020-2021 study.

/** In order, from the least to the most trust. */
export const STAGES = ["defiance", "observation", "collaboration", "coportage"] as const;
export type Stage = (typeof STAGES)[number];
