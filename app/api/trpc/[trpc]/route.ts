import type { NextRequest } from "next/server";
import { createApiContext } from "@/server/api/context";
import { answerTrpcRequest } from "@/server/api/handler";

function handler(request: NextRequest) {
  return answerTrpcRequest(request, ({ resHeaders }) => createApiContext(request, resHeaders));
}

export { handler as GET, handler as POST };
