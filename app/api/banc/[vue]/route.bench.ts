// The bare route handler `npm run bench:http` measures the app against: the same data as the
// project page's tRPC batch or "Mes projets", straight from SQL. Built only by a benchmark build
// (BENCH_ROUTES=true npm run build, see next.config.ts): a production build has no such route.
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { answerFloorRequest } from "@/scripts/bench/floor";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ vue: string }> }) {
  const { vue } = await params;
  return answerFloorRequest(getDb(), request, vue, env.BENCH_ROUTES);
}
