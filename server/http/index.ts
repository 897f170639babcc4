// Route handlers' helpers: same-origin checks, the client's address, signing in by redirect.
export * from "./request";
