// `npm run build` starts here: bundles service-worker/sw.ts (Serwist's strategies, the outbox) into
// public/sw.js, served at /sw.js so that it may control every page. Not built for `npm run dev`:
// a worker keeping pages would keep stale ones while the code changes under it.
import { build } from "esbuild";

const started = Date.now();
await build({
  entryPoints: ["service-worker/sw.ts"],
  outfile: "public/sw.js",
  bundle: true,
  format: "iife",
  target: "es2022",
  minify: true,
  legalComments: "none",
  tsconfig: "service-worker/tsconfig.json",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});
console.log(`service worker built: public/sw.js (${Date.now() - started} ms)`);
