// tRPC over HTTP reads the session cookie itself (server/auth/api-session.ts): for every case here
// it must find the same person as Auth.js does for a page — or nobody, where Auth.js finds nobody.
import { Auth, createActionURL } from "@auth/core";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { actorOfApiRequest } from "@/server/auth/api-session";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { authConfig } from "@/server/auth/config";
import { openSession } from "@/server/services/sessions";
import { useTestDatabase } from "../support/db";
import { makePerson } from "../support/factories";

type Environment = Record<string, string | undefined>;
const PLAIN: Environment = { AUTH_URL: "http://127.0.0.1:3000" };
const BEHIND_HTTPS: Environment = { AUTH_URL: "https://maillage.example" };

function apiRequest(cookie: string | null, environment: Environment, headers: Record<string, string> = {}) {
  const origin = environment.AUTH_URL ?? "http://127.0.0.1:3000";
  return new NextRequest(`${origin}/api/trpc/project.get`, { headers: { host: new URL(origin).host, ...(cookie ? { cookie } : {}), ...headers } });
}

describe("the session of a tRPC request over HTTP", () => {
  const testDb = useTestDatabase();

  /** What Auth.js says for the same cookie, asked as next-auth's auth() asks it. */
  async function authJsActor(cookie: string | null, environment: Environment, headers: Record<string, string> = {}) {
    const request = apiRequest(cookie, environment, headers);
    const url = createActionURL("session", request.headers.get("x-forwarded-proto") ?? "https", request.headers, environment, { basePath: "/api/auth" });
    const response = await Auth(new Request(url, { headers: { cookie: cookie ?? "" } }), { ...authConfig(testDb.db), basePath: "/api/auth" });
    const session = (await response.json()) as { user?: { id: string; isPlatformAdmin: boolean } } | null;
    return session?.user ? { userId: session.user.id, isPlatformAdmin: session.user.isPlatformAdmin } : null;
  }

  async function both(cookie: string | null, environment: Environment = PLAIN, headers: Record<string, string> = {}) {
    // The API's lookup first: Auth.js deletes an expired session it meets.
    const api = await actorOfApiRequest(testDb.db, apiRequest(cookie, environment, headers), environment);
    return { api, authJs: await authJsActor(cookie, environment, headers) };
  }

  it("is the signed-in person Auth.js finds, with their platform role", async () => {
    for (const platformAdmin of [false, true]) {
      const person = await makePerson(testDb.db, { platformAdmin });
      const { sessionToken } = await openSession(testDb.db, person.userId);
      const { api, authJs } = await both(`authjs.session-token=${sessionToken}`);
      expect(api).toStrictEqual({ userId: person.userId, isPlatformAdmin: platformAdmin });
      expect(api).toStrictEqual(authJs);
    }
  });

  it("is nobody for an expired session, an unknown token or no cookie, as for Auth.js", async () => {
    const person = await makePerson(testDb.db);
    const expired = await openSession(testDb.db, person.userId, -1);
    for (const cookie of [`authjs.session-token=${expired.sessionToken}`, "authjs.session-token=inconnu", "autre=1", null]) {
      expect(await both(cookie)).toStrictEqual({ api: null, authJs: null });
    }
  });

  it("reads the __Secure- cookie behind https and only there, as Auth.js does", async () => {
    const person = await makePerson(testDb.db);
    const { sessionToken } = await openSession(testDb.db, person.userId);
    const actor = { userId: person.userId, isPlatformAdmin: false };

    expect(sessionCookieName(apiRequest(null, BEHIND_HTTPS).headers, BEHIND_HTTPS)).toBe("__Secure-authjs.session-token");
    expect(await both(`__Secure-authjs.session-token=${sessionToken}`, BEHIND_HTTPS)).toStrictEqual({ api: actor, authJs: actor });
    // A plain cookie on an https site could have been planted over http: neither reads it.
    expect(await both(`authjs.session-token=${sessionToken}`, BEHIND_HTTPS)).toStrictEqual({ api: null, authJs: null });
    expect(await both(`__Secure-authjs.session-token=${sessionToken}`, PLAIN)).toStrictEqual({ api: null, authJs: null });
    // Without AUTH_URL, the proxy's x-forwarded-proto decides.
    expect(await both(`__Secure-authjs.session-token=${sessionToken}`, {}, { "x-forwarded-proto": "https" })).toStrictEqual({ api: actor, authJs: actor });
    expect(await both(`authjs.session-token=${sessionToken}`, {}, { "x-forwarded-proto": "http" })).toStrictEqual({ api: actor, authJs: actor });
  });

  it("ends with a session deleted by signing out", async () => {
    const person = await makePerson(testDb.db);
    const { sessionToken } = await openSession(testDb.db, person.userId);
    const cookie = `authjs.session-token=${sessionToken}`;
    expect((await both(cookie)).api).not.toBeNull();
    await authConfig(testDb.db).adapter?.deleteSession?.(sessionToken);
    expect(await both(cookie)).toStrictEqual({ api: null, authJs: null });
  });
});
