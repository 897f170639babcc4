// The benchmark's empty page: one paragraph, rendered per request inside the app's layout, proxy
// and Content-Security-Policy, what `npm run bench:http` holds the observatory's pages against.
// Compiled only by a build made with BENCH_ROUTES=true (next.config.ts).
import { connection } from "next/server";

export default async function EmptyBenchPage() {
  await connection();
  return <p>Maillage</p>;
}
