// `npm run bench:next-floor`: what Next.js itself costs on this machine, without Maillage. A
// throwaway app in the system's temporary folder, on this project's node_modules (hard links: Turbopack
// resolves nothing outside an app's folder), holds a route handler answering a line of JSON and a
// dynamic page rendering one paragraph: no database, no layout beyond <html><body>, no
// translations, no proxy. Built for production, both are loaded with autocannon side by side at 10
// and 50 connections. Their ratio is the least a server-rendered page costs against a route
// handler here, whatever the page does (docs/performance.md, "Over HTTP").
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { measureLoad, rssMegabytes, waitAnswering } from "./bench/server";

const PORT = 3310;
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONNECTIONS = [10, 50];

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "next-floor", private: true }),
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2022",
      lib: ["dom", "esnext"],
      strict: true,
      noEmit: true,
      module: "esnext",
      moduleResolution: "bundler",
      jsx: "preserve",
      skipLibCheck: true,
      isolatedModules: true,
    },
    include: ["**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html lang="fr"><body>{children}</body></html>;
}
`,
  "app/page-floor/page.tsx": `import { connection } from "next/server";
export default async function Page() {
  await connection();
  return <p>Bonjour, il est {new Date().toISOString()}.</p>;
}
`,
  "app/api/json-floor/route.ts": `export const dynamic = "force-dynamic";
export function GET() {
  return Response.json({ bonjour: new Date().toISOString() });
}
`,
};

async function main() {
  const folder = mkdtempSync(join(tmpdir(), "maillage-next-floor-"));
  try {
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(join(folder, path, ".."), { recursive: true });
      writeFileSync(join(folder, path), text);
    }
    const linked = spawnSync("cp", ["-al", join(process.cwd(), "node_modules"), join(folder, "node_modules")], { stdio: "inherit" });
    if (linked.status !== 0) throw new Error("could not link node_modules into the throwaway app");
    const next = join(folder, "node_modules/next/dist/bin/next");
    const built = spawnSync(process.execPath, [next, "build"], {
      cwd: folder,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (built.status !== 0) throw new Error("the throwaway app did not build");

    const server = spawn(process.execPath, [next, "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      cwd: folder,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMegabytes(server.pid))), 200);
    try {
      const page = `http://127.0.0.1:${PORT}/page-floor`;
      const json = `http://127.0.0.1:${PORT}/api/json-floor`;
      await waitAnswering(json);
      await waitAnswering(page);
      console.log(`Next.js floor — a bare app, next start on 127.0.0.1:${PORT}, ${SECONDS} s a run after 3 s to warm up, Node ${process.version}\n`);
      const lines: string[] = [];
      for (const connections of CONNECTIONS) {
        await measureLoad(page, connections, 3);
        const rendered = await measureLoad(page, connections, SECONDS);
        await measureLoad(json, connections, 3);
        const handled = await measureLoad(json, connections, SECONDS);
        const errors = rendered.errors + rendered.non2xx + handled.errors + handled.non2xx;
        const line = `| ${connections} | ${rendered.requestsPerSecond.toFixed(0)} req/s, p95 ${rendered.p95.toFixed(0)} ms | ${handled.requestsPerSecond.toFixed(0)} req/s, p95 ${handled.p95.toFixed(0)} ms | ${((100 * rendered.requestsPerSecond) / handled.requestsPerSecond).toFixed(0)} % | ${errors} |`;
        console.log(line);
        lines.push(line);
      }
      console.log("\n| connections | page with one paragraph | route handler answering JSON | page / route handler | errors |\n|---|---|---|---|---|");
      for (const line of lines) console.log(line);
      console.log(`\nserver memory: peak rss ${peak} MB`);
    } finally {
      clearInterval(sampler);
      server.kill("SIGTERM");
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
