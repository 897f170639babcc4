// The one place that reads process.env: validated with zod, with defaults that make a fresh clone run as is.
import { z } from "zod";

const booleanFlag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url().optional(),
    /**
     * Hot standbys of DATABASE_URL, comma-separated: read-only procedures go to one that has
     * replayed the reader's last write (db/replicas.ts). Only with DATABASE_URL.
     */
    DATABASE_REPLICA_URLS: z
      .string()
      .transform((text) =>
        text
          .split(",")
          .map((url) => url.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url()))
      .default([]),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    DEMO_MODE: booleanFlag.optional(),
    AUTH_SECRET: z.string().min(16).optional(),
    SMTP_URL: z.url().optional(),
    /** The address people reach the app at. Auth.js reads it too, for its own links and redirects. */
    AUTH_URL: z.url().default("http://localhost:3000"),
    /** Scheduled emails (immediate notifications, weekly digests) run in the app's server. */
    SCHEDULED_JOBS: booleanFlag.default(true),
    /** The bare route /api/banc/[vue] that `npm run bench:http` measures against: compiled and opened only when true (next.config.ts). */
    BENCH_ROUTES: booleanFlag.default(false),
    MAIL_FROM: z.string().min(3).default("Maillage <ne-pas-repondre@maillage.localhost>"),
    /**
     * How many proxies in front of the app append to X-Forwarded-For (docs/deployment.md): 0, the
     * socket's address is the client's; 1 behind one reverse proxy; and so on.
     */
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** ProConnect (README): its issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2, and this site's client. All three or none. */
    PROCONNECT_ISSUER: z.url().optional(),
    PROCONNECT_CLIENT_ID: z.string().min(1).optional(),
    PROCONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  })
  .refine(
    (env) =>
      [env.PROCONNECT_ISSUER, env.PROCONNECT_CLIENT_ID, env.PROCONNECT_CLIENT_SECRET].every((value) => value === undefined) ||
      [env.PROCONNECT_ISSUER, env.PROCONNECT_CLIENT_ID, env.PROCONNECT_CLIENT_SECRET].every((value) => value !== undefined),
    { path: ["PROCONNECT_ISSUER"], message: "set PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID and PROCONNECT_CLIENT_SECRET together, or none of them" },
  )
  .refine((env) => env.DATABASE_REPLICA_URLS.length === 0 || env.DATABASE_URL, {
    path: ["DATABASE_REPLICA_URLS"],
    message: "read replicas are replicas of DATABASE_URL: set it too",
  })
  .transform((env) => ({
    ...env,
    // Demo mode is on by default outside production; a production build needs DEMO_MODE=true.
    DEMO_MODE: env.DEMO_MODE ?? env.NODE_ENV !== "production",
    APP_URL: env.AUTH_URL.replace(/\/$/, ""),
    PROCONNECT:
      env.PROCONNECT_ISSUER && env.PROCONNECT_CLIENT_ID && env.PROCONNECT_CLIENT_SECRET
        ? { issuer: env.PROCONNECT_ISSUER, clientId: env.PROCONNECT_CLIENT_ID, clientSecret: env.PROCONNECT_CLIENT_SECRET }
        : null,
  }));

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`SMTP_URL=`) means "not set", as most deployment tools write it.
  const defined = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = EnvSchema.safeParse(defined);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment variables:\n${problems.join("\n")}`);
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

const DEVELOPMENT_AUTH_SECRET = "maillage-development-secret-not-for-production";

/** The Auth.js secret: required in production, a fixed one in development and tests. */
export function authSecret(settings: Pick<Env, "AUTH_SECRET" | "NODE_ENV"> = env): string {
  if (settings.AUTH_SECRET) return settings.AUTH_SECRET;
  if (settings.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set in production (openssl rand -base64 32).");
  }
  return DEVELOPMENT_AUTH_SECRET;
}

/**
 * The variables Auth.js reads itself, as it reads them (unset stays unset: without AUTH_URL it
 * goes by the proxy's x-forwarded-proto), for code that must decide as Auth.js does.
 */
export const authJsEnvironment: Record<string, string | undefined> = {
  AUTH_URL: process.env.AUTH_URL,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL,
};
