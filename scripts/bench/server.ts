// What the HTTP, page and two-instance scripts share: the seed's ids, a production server on a
// port, its health, its memory and a load measured with autocannon.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { percentile } from "./compare";

/** The seed's ids (pg_temp.bench_uuid): md5 of the kind and number, with a UUID v4's version and variant. */
export function benchId(kind: string, index: number): string {
  const hex = createHash("md5").update(`${kind}${index}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** `next start` of the current build on 127.0.0.1:port, with these variables added. */
export function startServer(port: number, env: Record<string, string | undefined>): ChildProcess {
  return spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env, NODE_ENV: "production", AUTH_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Resolves once GET url answers 2xx; throws after a minute. */
export async function waitAnswering(url: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if ((await fetch(url).catch(() => null))?.ok) return;
    await sleep(250);
  }
  throw new Error(`${url} never answered`);
}

/** Resolves once GET /api/sante answers 200; throws after a minute. */
export function waitHealthy(port: number) {
  return waitAnswering(`http://127.0.0.1:${port}/api/sante`);
}

/** A process's resident memory, 0 once it is gone. */
export function rssMegabytes(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((entry) => entry.startsWith("VmRSS:"));
    return Math.round(Number(line?.replace(/\D+/g, "") ?? 0) / 1024);
  } catch {
    return 0;
  }
}

export type LoadRun = { requestsPerSecond: number; p95: number; errors: number; non2xx: number };

/** GET url from `connections` connections for `seconds` seconds: requests per second and the p95 of every response's time. */
export async function measureLoad(url: string, connections: number, seconds: number, headers: Record<string, string> = {}): Promise<LoadRun> {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, headers }, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  latencies.sort((a, b) => a - b);
  return { requestsPerSecond: result.requests.average, p95: percentile(latencies, 0.95), errors: result.errors + result.timeouts, non2xx: result.non2xx };
}
