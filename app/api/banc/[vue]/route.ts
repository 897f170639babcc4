// The bare route handler `npm run bench:http` measures the app against: the same data as the
// project page's tRPC batch or "Mes projets", straight from SQL. 404 unless BENCH_ROUTES=true.
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { answerFloorRequest } from "@/server/bench/floor";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ vue: string }> }) {
  const { vue } = await params;
  return answerFloorRequest(getDb(), request, vue, env.BENCH_ROUTES);
}
