import { describe, expect, it } from "vitest";
import { authSecret, parseEnv } from "@/server/env";

describe("the environment", () => {
  it("runs a fresh clone with no variable set: PGlite in .data, demo mode on", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.PGLITE_DIR).toBe(".data/pglite");
    expect(env.DEMO_MODE).toBe(true);
    expect(env.APP_URL).toBe("http://localhost:3000");
  });

  it("keeps demo mode off in production unless it is switched on", () => {
    expect(parseEnv({ NODE_ENV: "production" }).DEMO_MODE).toBe(false);
    expect(parseEnv({ NODE_ENV: "production", DEMO_MODE: "true" }).DEMO_MODE).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", DEMO_MODE: "false" }).DEMO_MODE).toBe(false);
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ NODE_ENV: "development", SMTP_URL: "", DATABASE_URL: "" }).SMTP_URL).toBeUndefined();
  });

  it("fails at start-up with a message naming the bad variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "not a url" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ DEMO_MODE: "yes please" })).toThrow(/DEMO_MODE/);
  });

  it("reads read replicas as a comma-separated list, only beside DATABASE_URL", () => {
    const primary = "postgres://app@db-1:5432/maillage";
    expect(parseEnv({ DATABASE_URL: primary }).DATABASE_REPLICA_URLS).toEqual([]);
    expect(
      parseEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: "postgres://app@db-2/maillage, postgres://app@db-3/maillage" }).DATABASE_REPLICA_URLS,
    ).toEqual(["postgres://app@db-2/maillage", "postgres://app@db-3/maillage"]);
    expect(() => parseEnv({ DATABASE_REPLICA_URLS: "postgres://app@db-2/maillage" })).toThrow(/DATABASE_REPLICA_URLS: .*DATABASE_URL/);
    expect(() => parseEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: "db-2" })).toThrow(/DATABASE_REPLICA_URLS/);
  });

  it("requires AUTH_SECRET in production only", () => {
    expect(() => authSecret({ NODE_ENV: "production", AUTH_SECRET: undefined })).toThrow(/AUTH_SECRET/);
    expect(authSecret({ NODE_ENV: "production", AUTH_SECRET: "a-long-enough-secret" })).toBe("a-long-enough-secret");
    expect(authSecret({ NODE_ENV: "development", AUTH_SECRET: undefined })).toMatch(/development/);
  });

  it("turns ProConnect on with its three variables together, and refuses one or two of them", () => {
    expect(parseEnv({}).PROCONNECT).toBeNull();
    const settings = { PROCONNECT_ISSUER: "https://auth.agentconnect.gouv.fr/api/v2", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret" };
    expect(parseEnv(settings).PROCONNECT).toEqual({ issuer: settings.PROCONNECT_ISSUER, clientId: "id", clientSecret: "secret" });
    expect(() => parseEnv({ ...settings, PROCONNECT_CLIENT_SECRET: "" })).toThrow(/PROCONNECT_ISSUER.*together/);
    expect(() => parseEnv({ PROCONNECT_ISSUER: settings.PROCONNECT_ISSUER })).toThrow(/together/);
    expect(() => parseEnv({ ...settings, PROCONNECT_ISSUER: "pas une adresse" })).toThrow(/PROCONNECT_ISSUER/);
  });
});
