// Errors that services throw: each code becomes the tRPC error of the same name (server/api/trpc.ts)
// and, for route handlers, the HTTP status tRPC gives it (httpStatusOf).
import type { Locale } from "@/server/i18n/config";
import { errorMessage, type ErrorKey, type ErrorValues } from "@/server/i18n/errors";

export type { ErrorKey };

export const DOMAIN_ERROR_CODES = ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "BAD_REQUEST", "TOO_MANY_REQUESTS"] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * A refusal a person can act on. It names its message by key (messages/*.json, "domainErrors");
 * the edge says it in the reader's language (messageIn), and `message` is the French, for logs.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly key: ErrorKey,
    options: {
      /** The values the message names, e.g. { name: "Commune de Die" }. */
      values?: ErrorValues;
      /** What a client needs to act on the error, e.g. what changed in between on a conflict. */
      details?: unknown;
    } = {},
  ) {
    super(errorMessage("fr", key, options.values));
    this.name = "DomainError";
    this.values = options.values ?? {};
    this.details = options.details;
  }

  readonly values: ErrorValues;
  readonly details: unknown;

  messageIn(locale: Locale): string {
    return errorMessage(locale, this.key, this.values);
  }
}

const HTTP_STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};

/** The HTTP status of an error code, the same a tRPC procedure answers with (checked in tests/unit/errors.test.ts). */
export function httpStatusOf(code: DomainErrorCode): number {
  return HTTP_STATUS[code];
}

export const notFound = (what: ErrorKey = "notFound") => new DomainError("NOT_FOUND", what);
export const forbidden = (why: ErrorKey = "forbidden") => new DomainError("FORBIDDEN", why);

/** PostgreSQL error classes that mean the database is away, not that the request was wrong. */
const UNAVAILABLE_SQLSTATES = /^(08|57P0[1-3]|53300)/;
const UNAVAILABLE_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
]);

/** Is this error, or one it wraps, the database being unreachable (restart, failover, network)? */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 6; depth += 1) {
    const { code, errno } = current as { code?: unknown; errno?: unknown };
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code))) return true;
    if (typeof errno === "string" && UNAVAILABLE_CODES.has(errno)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
