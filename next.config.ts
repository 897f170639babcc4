import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./server/i18n/request.ts",
  // Messages are compiled when the app is built: the browser gets them ready to format and no
  // ICU message parser (12 kB gzipped on every page).
  experimental: { messages: { path: "./messages", format: "json", locales: ["fr", "en"], precompile: true } },
});

const nextConfig: NextConfig = {
  // The benchmark's bare routes (app/**/route.bench.ts) and empty page exist only in a build made for
  // `npm run bench:http`: a production build does not compile them, so cannot serve them.
  pageExtensions: process.env.BENCH_ROUTES === "true" ? ["bench.ts", "bench.tsx", "tsx", "ts"] : ["tsx", "ts"],
  // PGlite loads its WebAssembly and extension bundles from its own folder: bundling it breaks `next build`.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss"],
  poweredByHeader: false,
  // Metadata resolved before the page is sent, for every browser as Next.js does for bots, rather
  // than streamed after it: streamed metadata is remounted on every router.refresh() and the
  // <title> left the head until it resolved (the tab showed the address; axe once failed on it).
  // Our titles need only translations, so nothing waits on data.
  htmlLimitedBots: /.*/,
  // The Content-Security-Policy, with its per-request nonce, is set by proxy.ts.
  async headers() {
    const security = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
      ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }] : []),
    ];
    return [{ source: "/:path*", headers: security }];
  },
};

export default withNextIntl(nextConfig);
