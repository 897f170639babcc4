import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { NextRequest } from "next/server";
import { createApiContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { refuseCrossSite } from "@/server/http";

function handler(request: NextRequest) {
  const refused = refuseCrossSite(request);
  if (refused) return refused;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createApiContext(request),
  });
}

export { handler as GET, handler as POST };
