// The tRPC context, error formatting and the procedure ladder every router builds on.
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError } from "zod";
import { relocalisedMessage } from "./validation-messages";
import type { DbOrTx } from "@/db";
import type { ReadReplicas } from "@/db/replicas";
import { DomainError, isDatabaseUnavailable } from "@/server/errors";
import { DEFAULT_LOCALE, type Locale } from "@/server/i18n/config";
import { errorMessage } from "@/server/i18n/errors";
import type { Actor } from "@/server/services/access";
import { transformer } from "./transformer";

/**
 * `locale` is the reader's language: errors are said in it. With read replicas, `writtenAt` is the
 * WAL position of the reader's last write as their browser carries it, and `onWrite` hands the
 * position of a new one back to the browser (a cookie): another instance then knows it too.
 */
export type Context = {
  db: DbOrTx;
  actor: Actor | null;
  locale: Locale;
  replicas?: ReadReplicas | null;
  writtenAt?: bigint | null;
  onWrite?: (position: bigint) => void;
};

/** A validation error said as forms show it: each message plain, in the reader's language, naming its field. */
function plainly(error: ZodError, locale: Locale, procedure: string | undefined): ZodError {
  return new ZodError(error.issues.map((issue) => ({ ...issue, message: relocalisedMessage(issue, locale, procedure) })));
}

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error, path, ctx }) {
    if (error.code === "INTERNAL_SERVER_ERROR") {
      // The driver's message names the SQL and its parameters: it goes to the server's log under a
      // reference, and the answer says only that something broke, and which reference to quote.
      const reference = randomUUID().slice(0, 8);
      console.error(`[maillage] internal error ${reference} in ${path ?? "?"}:`, error.cause ?? error);
      return {
        message: errorMessage(ctx?.locale ?? DEFAULT_LOCALE, "internalError", { reference }),
        code: shape.code,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, reference, fieldErrors: null, details: null },
      };
    }
    const zodError = error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? plainly(error.cause, ctx?.locale ?? DEFAULT_LOCALE, path) : null;
    return {
      ...shape,
      message: zodError ? [...new Set(zodError.issues.map((issue) => issue.message))].join(" ") : shape.message,
      // Field-by-field messages, so forms can show each one beside its field.
      data: {
        ...shape.data,
        fieldErrors: zodError ? z.flattenError(zodError).fieldErrors : null,
        details: error.cause instanceof DomainError ? (error.cause.details ?? null) : null,
      },
    };
  },
});

/**
 * Services throw DomainError; here each becomes the tRPC error of the same code, in one place.
 * A database that went away becomes SERVICE_UNAVAILABLE, said plainly: the transaction of the
 * mutation was rolled back with the connection, and the next request reconnects.
 */
const domainErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    return { ...result, error: new TRPCError({ code: cause.code, message: cause.messageIn(ctx.locale), cause }) };
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause ?? result.error)) {
    return {
      ...result,
      error: new TRPCError({ code: "SERVICE_UNAVAILABLE", message: errorMessage(ctx.locale, "serviceUnavailable"), cause: result.error.cause }),
    };
  }
  return result;
});

/**
 * A read that met a connection the database had dropped (a restart, a failover) is tried again on
 * another: reads change nothing, so a person reloading a page never sees the blip. Mutations are
 * not retried — one whose commit was cut off may have landed — they answer SERVICE_UNAVAILABLE.
 */
const READ_ATTEMPTS = 3;
const retryReadsOnLostConnection = t.middleware(async ({ type, next }) => {
  let result = await next();
  for (let attempt = 1; type === "query" && attempt < READ_ATTEMPTS && !result.ok && isDatabaseUnavailable(result.error.cause); attempt += 1) {
    result = await next();
  }
  return result;
});

/**
 * With read replicas, a query runs on one that has replayed the reader's last write, else on the
 * primary. A replica that fails the read by going away is skipped from then on, so the retry above
 * asks the primary. `ctx.primary` stays the primary, for a query that must write (a recount).
 */
const readsOnReplica = t.middleware(async ({ ctx, type, next }) => {
  const primary = ctx.db;
  const replica = type === "query" && ctx.replicas ? ctx.replicas.pick(ctx.replicas.positionFor(ctx.actor?.userId ?? null, ctx.writtenAt ?? null)) : null;
  if (!replica) return next({ ctx: { primary } });
  const result = await next({ ctx: { db: replica.db, primary } });
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) ctx.replicas?.markDown(replica, result.error.cause);
  return result;
});

const ROLLBACK = Symbol("rollback");

/**
 * Each mutation runs in one transaction: what it writes — its audit row included — lands
 * together or not at all. A refused or failed mutation rolls everything back.
 */
const mutationInTransaction = t.middleware(async ({ ctx, type, next }) => {
  if (type !== "mutation") return next();
  let outcome: Awaited<ReturnType<typeof next>> | undefined;
  try {
    await ctx.db.transaction(async (tx) => {
      outcome = await next({ ctx: { ...ctx, db: tx } });
      if (!outcome.ok) throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  if (!outcome) throw new TRPCError({ code: "INTERNAL_SERVER_ERROR" });
  // Committed: the author's next reads wait for a replica that has replayed it.
  if (outcome.ok && ctx.replicas) ctx.onWrite?.(await ctx.replicas.rememberWrite(ctx.actor?.userId ?? null));
  return outcome;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(domainErrors).use(retryReadsOnLostConnection).use(readsOnReplica).use(mutationInTransaction);

/** A session exists, else UNAUTHORIZED. What the person may do is decided by the services. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: errorMessage(ctx.locale, "signInFirst") });
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});
