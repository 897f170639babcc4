// Limits the API and its browser client agree on.

/** The most calls one tRPC batch may carry; the client's batch link sends no more at once. */
export const MAX_TRPC_BATCH = 20;
