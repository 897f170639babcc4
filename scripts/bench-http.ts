// `npm run bench:http` (after `BENCH_ROUTES=true npm run build` and `npm run bench:seed` on PostgreSQL): the
// production server on loopback, a signed-in person of the national data set, autocannon at 10
// and 50 connections on « Mes projets », the project page and the observatory's busiest
// département, each beside the app's empty page (app/banc/vide), and on the project page's tRPC
// batch beside the bare route handler /api/banc/projet running the hand-written SQL for the same
// data, in the same run. Prints requests per second, p95, both ratios, and the server's peak memory.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import postgres from "postgres";
import { PERSONAS } from "./bench/seed";
import { benchId, measureLoad, rssMegabytes, startServer, waitHealthy } from "./bench/server";
import { benchTarget } from "./bench/target";

const PORT = 3300;
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = [10, 50];
/** Only the pairs whose label holds this text (ONLY=observatory). */
const ONLY = process.env.ONLY;

function measure(path: string, cookie: string, connections: number, seconds: number) {
  return measureLoad(`http://127.0.0.1:${PORT}${path}`, connections, seconds, { cookie });
}

async function main() {
  const target = benchTarget();
  if (!target.url) throw new Error("Set BENCH_DATABASE_URL (a PostgreSQL server) and run `npm run bench:seed` first.");
  if (!existsSync(".next/server/app/api/banc")) throw new Error("Build the app with its benchmark routes first: BENCH_ROUTES=true npm run build");
  const db = postgres(target.url, { max: 1, onnotice: () => {} });
  const sessionToken = randomBytes(32).toString("hex");
  await db`insert into session (session_token, user_id, expires) values (${sessionToken}, ${PERSONAS.holder.id}, now() + interval '1 day')`;
  const cookie = `authjs.session-token=${sessionToken}`;
  const projectId = benchId("project", 2);
  const [busiest] = await db<{ code: string }[]>`select c.departement_code as code from project_commune pc join territory c on c.id = pc.commune_id
    group by c.departement_code order by count(distinct pc.project_id) desc, c.departement_code limit 1`;
  const departement = busiest?.code ?? "26";
  const server = startServer(PORT, {
    DATABASE_URL: target.url,
    BENCH_ROUTES: "true",
    SCHEDULED_JOBS: "false",
    DEMO_MODE: "false",
    AUTH_SECRET: "bench-http-secret-0123456789abcdef",
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(server.pid))), 200);
  try {
    await waitHealthy(PORT);
    const batchInput = encodeURIComponent(JSON.stringify({ 0: { json: { projectId } }, 1: { json: { projectId } } }));
    // Each server-rendered page against the app's own empty dynamic page (layout, proxy, CSP and
    // session check included: Next.js's floor for a page here), and the project page's tRPC batch
    // against the bare route handler running the hand-written SQL for the same data.
    const pairs = [
      {
        label: "project page's tRPC batch",
        app: `/api/trpc/project.get,project.overview?batch=1&input=${batchInput}`,
        floor: `/api/banc/projet?id=${projectId}`,
        batch: true,
      },
      { label: "« Mes projets » page", app: "/", floor: "/banc/vide", batch: false },
      { label: "project page", app: `/projets/${projectId}`, floor: "/banc/vide", batch: false },
      { label: "observatory's page of a département", app: `/observatoire/departement/${departement}`, floor: "/banc/vide", batch: false },
    ];
    for (const pair of pairs) {
      for (const path of [pair.app, pair.floor]) {
        const answer = await fetch(`http://127.0.0.1:${PORT}${path}`, { headers: { cookie } });
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
      }
    }
    console.log(`HTTP benchmark — next start on 127.0.0.1:${PORT}, ${target.label}, ${SECONDS} s a run after 3 s to warm up, Node ${process.version}\n`);
    const lines: string[] = [];
    for (const pair of pairs.filter((candidate) => !ONLY || candidate.label.includes(ONLY))) {
      for (const connections of CONNECTIONS) {
        await measure(pair.app, cookie, connections, 3);
        const app = await measure(pair.app, cookie, connections, SECONDS);
        await measure(pair.floor, cookie, connections, 3);
        const floor = await measure(pair.floor, cookie, connections, SECONDS);
        const share = app.requestsPerSecond / floor.requestsPerSecond;
        const p95Ratio = app.p95 / floor.p95;
        // Pages: ≥ 60 % of the empty page's requests per second. The batch: ≥ 60 % of the bare route's, and at 10 connections a p95 ≤ 1.5× the bare route's.
        const verdict = share >= 0.6 && (!pair.batch || connections !== 10 || p95Ratio <= 1.5) ? "✓" : "✗";
        const line = `| ${pair.label} | ${connections} | ${app.requestsPerSecond.toFixed(0)} req/s, p95 ${app.p95.toFixed(0)} ms | ${pair.batch ? "bare route" : "empty page"}: ${floor.requestsPerSecond.toFixed(0)} req/s, p95 ${floor.p95.toFixed(0)} ms | ${(share * 100).toFixed(0)} % | ${p95Ratio.toFixed(2)} | ${verdict} | ${app.errors + app.non2xx + floor.errors + floor.non2xx} |`;
        console.log(line);
        lines.push(line);
      }
    }
    console.log("\n| what | connections | app | floor | requests/s, app / floor | p95, app / floor | target | errors |\n|---|---|---|---|---|---|---|---|");
    for (const line of lines) console.log(line);
    console.log(`\nserver memory: peak rss ${peak} MB (target < 400 MB)`);
  } finally {
    clearInterval(sampler);
    server.kill("SIGTERM");
    await db`delete from session where session_token = ${sessionToken}`;
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
