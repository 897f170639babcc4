import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createRequestContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { refuseCrossSite } from "@/server/http";

function handler(request: Request) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createRequestContext,
  });
}

export { handler as GET, handler as POST };
