// Browser tests: Debian's Chromium against the production build, in demo mode on one port and
// without demo mode on another (to prove demo sign-in and the outbox are then 404).
import { defineConfig, devices } from "@playwright/test";
import { DEMO_PORT, PLAIN_BASE_URL, PLAIN_PORT, PROCONNECT_PORT } from "./tests/e2e/ports";
import { STAND_IN_CLIENT } from "./tests/support/proconnect-stand-in";

// Bound to 127.0.0.1 so that the URLs the server builds name the host the browser uses.
const next = "node node_modules/next/dist/bin/next start -H 127.0.0.1";

// A real PostgreSQL when DATABASE_URL is set (CI); otherwise a fresh PGlite folder per run.
const database: Record<string, string> = process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : { PGLITE_DIR: ".data/e2e-pglite" };

const serverEnv: Record<string, string> = {
  ...database,
  NODE_ENV: "production",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-only-for-browser-tests",
  SMTP_URL: "",
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  // Two cores run two browsers, two servers and axe: a generous limit, not a speed target.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://127.0.0.1:${DEMO_PORT}`,
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    trace: "retain-on-failure",
    // The service worker may answer a page from its kept copy: the tests of the app read the
    // server's pages; offline.spec.ts lets it run.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"], testIgnore: /auth\.setup\.ts/ },
  ],
  webServer: [
    {
      // A real OpenID provider standing in for ProConnect (tests/support/proconnect-stand-in.ts).
      command: `node node_modules/tsx/dist/cli.mjs tests/support/proconnect-stand-in-cli.ts ${PROCONNECT_PORT} http://127.0.0.1:${DEMO_PORT}`,
      url: `http://127.0.0.1:${PROCONNECT_PORT}/api/v2/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      command: `${process.env.DATABASE_URL ? "" : "rm -rf .data/e2e-pglite && "}npm run db:setup && ${next} -p ${DEMO_PORT}`,
      url: `http://127.0.0.1:${DEMO_PORT}/connexion`,
      env: {
        ...serverEnv,
        DEMO_MODE: "true",
        AUTH_URL: `http://127.0.0.1:${DEMO_PORT}`,
        PROCONNECT_ISSUER: `http://127.0.0.1:${PROCONNECT_PORT}/api/v2`,
        PROCONNECT_CLIENT_ID: STAND_IN_CLIENT.clientId,
        PROCONNECT_CLIENT_SECRET: STAND_IN_CLIENT.clientSecret,
      },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
    },
    {
      command: `${next} -p ${PLAIN_PORT}`,
      url: `http://127.0.0.1:${PLAIN_PORT}/connexion`,
      // Its own PGlite folder: two processes must never open the same one.
      // No scheduled emails: on PGlite its folder is never set up, and the demo server sends them already.
      env: {
        ...serverEnv,
        ...(process.env.DATABASE_URL ? {} : { PGLITE_DIR: ".data/e2e-plain-pglite" }),
        DEMO_MODE: "false",
        AUTH_URL: PLAIN_BASE_URL,
        SCHEDULED_JOBS: "false",
      },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
