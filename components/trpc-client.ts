// The browser's tRPC client, loaded the first time something is sent: a page's forms cost no
// JavaScript until someone uses one (the client and its serializer are some 10 kB gzipped).
import type { TRPCClient } from "@trpc/client";
import type { AppRouter } from "@/server/api/root";
import { MAX_TRPC_BATCH } from "@/server/domain/api-limits";

export type ApiClient = TRPCClient<AppRouter>;

let client: Promise<ApiClient> | null = null;

export function loadApiClient(): Promise<ApiClient> {
  if (!client) {
    client = Promise.all([import("@trpc/client"), import("superjson")]).then(([{ createTRPCClient, httpBatchLink }, { default: superjson }]) =>
      createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: MAX_TRPC_BATCH })] }),
    );
    // A failed download (the connection dropped) is tried again on the next send.
    client.catch(() => {
      client = null;
    });
  }
  return client;
}
