// Signing in with ProConnect, against a real OpenID provider standing in for it on a loopback port:
// Auth.js's own routes (the ones /api/auth serves) run the whole code flow, the stand-in's login
// page is answered over HTTP, and the database says who came in and what they became.
import { Auth } from "@auth/core";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, changeLog, memberships, organisations, sessions, territories, users } from "@/db/schema";
import { authConfig } from "@/server/auth/config";
import { proConnectSignOutUrl } from "@/server/auth/proconnect";
import { proConnectIdTokenOfSession } from "@/server/services/sessions";
import { useTestDatabase } from "../support/db";
import { makePerson } from "../support/factories";
import { COMPANY_AGENT, DIE_AGENT, type StandIn, type StandInAgent, startProConnectStandIn } from "../support/proconnect-stand-in";

const APP = "http://127.0.0.1:3000";
const SESSION_COOKIE = "authjs.session-token";

/** The cookies one browser holds for one site: Set-Cookie applied, deletions included. */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", ...rest] = pair.split("=");
      const value = rest.join("=");
      const expired = attributes.some(
        (attribute) => /^\s*max-age=0\s*$/i.test(attribute) || (/^\s*expires=/i.test(attribute) && Date.parse(attribute.split("=")[1] ?? "") < Date.now()),
      );
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
  get(name: string) {
    return this.cookies.get(name);
  }
  clone() {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) copy.cookies.set(name, value);
    return copy;
  }
}

describe("signing in with ProConnect", () => {
  const testDb = useTestDatabase();
  let standIn: StandIn;
  /** What Auth.js logged as errors, each one the cause of a refused sign-in. */
  const authErrors: Error[] = [];
  /** Auth.js wraps the error that stopped the callback as `cause.err`. */
  const causes = () => authErrors.map((error) => String((error.cause as { err?: Error } | undefined)?.err?.message ?? error.message));

  beforeAll(async () => {
    standIn = await startProConnectStandIn({ redirectUris: [`${APP}/api/auth/callback/proconnect`], postLogoutRedirectUris: [`${APP}/`] });
  });
  afterAll(async () => {
    await standIn.close();
  });

  /** One request to the app's /api/auth routes, as Next's route handler passes it to Auth.js. */
  async function app(path: string, jar: CookieJar, init: { method?: string; form?: Record<string, string> } = {}) {
    const request = new Request(`${APP}${path}`, {
      method: init.method ?? "GET",
      headers: { cookie: jar.header(), ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: init.form ? new URLSearchParams(init.form) : undefined,
    });
    const response = await Auth(request, { ...authConfig(testDb.db, standIn), basePath: "/api/auth", logger: { error: (error) => authErrors.push(error) } });
    jar.take(response);
    return response;
  }

  /** Starts a sign-in: the app sends the browser to the stand-in's authorization endpoint. */
  async function startSignIn(jar: CookieJar): Promise<URL> {
    const { csrfToken } = (await (await app("/api/auth/csrf", jar)).json()) as { csrfToken: string };
    const started = await app("/api/auth/signin/proconnect", jar, { method: "POST", form: { csrfToken, callbackUrl: "/" } });
    expect(started.status).toBe(302);
    return new URL(started.headers.get("location") ?? "");
  }

  /** The person logs in on the stand-in as this agent; the stand-in sends them back to the app with a code. */
  async function logInAtProConnect(authorizationUrl: URL, agent: StandInAgent): Promise<URL> {
    const jar = new CookieJar();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop += 1) {
      if (url.origin === APP) return url;
      const onLoginPage = /\/interaction\/[^/]+$/.test(url.pathname);
      const response = await fetch(url, {
        method: onLoginPage ? "POST" : "GET",
        redirect: "manual",
        headers: { cookie: jar.header(), ...(onLoginPage ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
        body: onLoginPage ? new URLSearchParams({ sub: agent.sub }) : undefined,
      });
      jar.take(response);
      const location = response.headers.get("location");
      if (!location) throw new Error(`the stand-in answered ${response.status} at ${url.pathname}: ${await response.text()}`);
      url = new URL(location, url);
    }
    throw new Error("too many redirects at the stand-in");
  }

  async function signInAs(agent: StandInAgent) {
    const jar = new CookieJar();
    const callback = await logInAtProConnect(await startSignIn(jar), agent);
    const landed = await app(`${callback.pathname}${callback.search}`, jar);
    return { jar, callback, landed, sessionToken: jar.get(SESSION_COOKIE) };
  }

  async function userOfSession(sessionToken: string | undefined) {
    if (!sessionToken) return null;
    const [row] = await testDb.db
      .select({ id: users.id, email: users.email, name: users.name })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.sessionToken, sessionToken));
    return row ?? null;
  }

  it("makes a mairie agent of Die a verified member of the Commune de Die, vouched for by ProConnect", async () => {
    const { landed, sessionToken } = await signInAs(DIE_AGENT);
    expect(landed.status).toBe(302);
    expect(landed.headers.get("location")).toBe("/");
    const user = await userOfSession(sessionToken);
    expect(user).toMatchObject({ email: DIE_AGENT.email, name: "Nadia Roux" });

    const [membership] = await testDb.db
      .select({ membership: memberships, authority: organisations.name })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.userId, user?.id ?? ""));
    expect(membership?.authority).toBe("Commune de Die");
    expect(membership?.membership.verifiedAt).toBeInstanceOf(Date);
    expect(membership?.membership.office).toBeNull();
    const [logged] = await testDb.db
      .select({ changes: changeLog.changes })
      .from(changeLog)
      .where(and(eq(changeLog.entityId, membership?.membership.id ?? ""), eq(changeLog.action, "verify")));
    expect(logged?.changes).toEqual(
      expect.arrayContaining([
        { field: "verifiedBy", before: null, after: "ProConnect" },
        { field: "siret", before: null, after: DIE_AGENT.siret },
      ]),
    );
    // The account is ProConnect's `sub`, and the session remembers ProConnect opened it.
    const [account] = await testDb.db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, user?.id ?? ""));
    expect(account).toMatchObject({ provider: "proconnect", providerAccountId: DIE_AGENT.sub });
    expect(await proConnectIdTokenOfSession(testDb.db, sessionToken ?? "")).toEqual(expect.any(String));
  });

  it("signs in an agent whose SIREN is no territory's like anyone else, member of nothing", async () => {
    const { landed, sessionToken } = await signInAs(COMPANY_AGENT);
    expect(landed.headers.get("location")).toBe("/");
    const user = await userOfSession(sessionToken);
    expect(user?.email).toBe(COMPANY_AGENT.email);
    expect(
      await testDb.db
        .select()
        .from(memberships)
        .where(eq(memberships.userId, user?.id ?? "")),
    ).toEqual([]);
    const [siren] = await testDb.db
      .select({ id: territories.id })
      .from(territories)
      .where(eq(territories.siren, COMPANY_AGENT.siret.slice(0, 9)));
    expect(siren).toBeUndefined();
  });

  it("refuses a userinfo answer signed with a key the issuer does not publish: no account, no session", async () => {
    const forged: StandInAgent = { ...DIE_AGENT, sub: "agent-die-forge", email: "forge@mairie-die.example", uid: "forge" };
    standIn.agents.set(forged.sub, forged);
    standIn.forgeUserinfo = true;
    authErrors.length = 0;
    try {
      const { landed, sessionToken } = await signInAs(forged);
      expect(landed.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:3000\/connexion\/erreur\?error=/);
      expect(sessionToken).toBeUndefined();
      expect(await testDb.db.select().from(users).where(eq(users.email, forged.email))).toEqual([]);
      expect(causes()).toEqual([expect.stringMatching(/signature verification failed/)]);
    } finally {
      standIn.forgeUserinfo = false;
    }
  });

  it("refuses a callback whose state is not this browser's, and the same callback played twice", async () => {
    const agent: StandInAgent = { ...COMPANY_AGENT, sub: "agent-rejeu", email: "rejeu@scop-exemple.example", uid: "rejeu" };
    standIn.agents.set(agent.sub, agent);
    // The victim's browser starts a sign-in; an attacker's callback (their own code and state) is played in it.
    const victim = new CookieJar();
    await startSignIn(victim);
    const attacker = new CookieJar();
    const attackersCallback = await logInAtProConnect(await startSignIn(attacker), agent);
    const crossed = await app(`${attackersCallback.pathname}${attackersCallback.search}`, victim);
    expect(crossed.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:3000\/connexion\/erreur\?error=/);
    expect(victim.get(SESSION_COOKIE)).toBeUndefined();

    // The attacker's own browser signs in once; the same callback again (its cookies as they were) is refused.
    const before = attacker.clone();
    const first = await app(`${attackersCallback.pathname}${attackersCallback.search}`, attacker);
    expect(first.headers.get("location")).toBe("/");
    const replay = await app(`${attackersCallback.pathname}${attackersCallback.search}`, before);
    expect(replay.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:3000\/connexion\/erreur\?error=/);
    expect(before.get(SESSION_COOKIE)).toBeUndefined();
    // And replayed after it, in the same browser, the state is gone.
    const again = await app(`${attackersCallback.pathname}${attackersCallback.search}`, attacker.clone());
    expect(again.headers.get("location")).toMatch(/^http:\/\/127\.0\.0\.1:3000\/connexion\/erreur\?error=/);
  });

  it("links ProConnect to the account an emailed link made for the same address, and keeps it when the address changes", async () => {
    const known = await makePerson(testDb.db, { name: "Élise Morel" });
    const agent: StandInAgent = { ...DIE_AGENT, sub: "agent-die-connue", email: known.email, given_name: "Élise", usual_name: "Morel", uid: "connue" };
    standIn.agents.set(agent.sub, agent);
    const first = await userOfSession((await signInAs(agent)).sessionToken);
    expect(first?.id).toBe(known.userId);
    expect(await testDb.db.select({ id: users.id }).from(users).where(eq(users.email, known.email))).toHaveLength(1);

    // Her address changes at ProConnect: the same `sub`, the same account.
    standIn.agents.set(agent.sub, { ...agent, email: "elise.morel@nouvelle-adresse.example" });
    const second = await userOfSession((await signInAs(agent)).sessionToken);
    expect(second?.id).toBe(known.userId);
    expect(await testDb.db.select().from(users).where(eq(users.email, "elise.morel@nouvelle-adresse.example"))).toEqual([]);
  });

  it("ends the ProConnect session at sign-out with the ID token as hint, and ProConnect sends the person home", async () => {
    const agent: StandInAgent = { ...COMPANY_AGENT, sub: "agent-sortie", email: "sortie@scop-exemple.example", uid: "sortie" };
    standIn.agents.set(agent.sub, agent);
    const { sessionToken } = await signInAs(agent);
    const idToken = await proConnectIdTokenOfSession(testDb.db, sessionToken ?? "");
    const signOutUrl = new URL((await proConnectSignOutUrl(standIn, idToken ?? "", `${APP}/`)) ?? "");
    expect(signOutUrl.searchParams.get("id_token_hint")).toBe(idToken);
    // The stand-in accepts the hint: it asks to confirm, then sends the browser back to the app.
    const jar = new CookieJar();
    const confirm = await fetch(signOutUrl, { redirect: "manual" });
    jar.take(confirm);
    const page = await confirm.text();
    expect(confirm.status).toBe(200);
    const action = /action="([^"]+)"/.exec(page)?.[1] ?? "";
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1] ?? "";
    const done = await fetch(new URL(action, signOutUrl), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ xsrf, logout: "yes" }),
    });
    expect(new URL(done.headers.get("location") ?? "", signOutUrl).toString()).toMatch(new RegExp(`^${APP}/(\\?state=.*)?$`));
  });
});
