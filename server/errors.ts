// Errors that services throw, each with the tRPC code it becomes (mapped once, in server/api/trpc.ts).

export type DomainErrorCode = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** What a client needs to act on the error, e.g. what changed in between on a conflict. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what = "Introuvable.") => new DomainError("NOT_FOUND", what);
export const forbidden = (why = "Vous n'avez pas les droits pour cette action.") => new DomainError("FORBIDDEN", why);
