// Health check for load balancers and uptime monitors: GET /api/sante.
import { getDb } from "@/server/db";
import { answerHealthRequest } from "@/server/http/health";

export const dynamic = "force-dynamic";

export function GET() {
  return answerHealthRequest(getDb());
}
