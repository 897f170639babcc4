// Stands in for the `server-only` guard in vitest, where every module is server code.
export {};
