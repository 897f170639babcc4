import type { NextRequest } from "next/server";
import { createApiContext } from "@/server/api/context";
import { answerTrpcRequest } from "@/server/api/handler";

function handler(request: NextRequest) {
  return answerTrpcRequest(request, () => createApiContext(request));
}

export { handler as GET, handler as POST };
