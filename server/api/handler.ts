// Answers tRPC over HTTP: the app's route and the tests that hold its answers go through here.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { MAX_TRPC_BATCH } from "@/server/domain/api-limits";
import { refuseCrossSite } from "@/server/http";
import { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * Cross-site mutations are refused before any procedure runs; a batch carries at most
 * MAX_TRPC_BATCH calls (a batch of a thousand mutations is a thousand emails); no answer is kept
 * by a shared cache or the browser's (they name people and private files).
 */
export async function answerTrpcRequest(request: Request, createContext: (response: { resHeaders: Headers }) => Promise<Context>): Promise<Response> {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    maxBatchSize: MAX_TRPC_BATCH,
    createContext,
    responseMeta: () => ({ headers: { "cache-control": "private, no-store" } }),
  });
}
