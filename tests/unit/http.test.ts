import { describe, expect, it } from "vitest";
import { isSameOrigin, redirectSignedIn, refuseCrossSite } from "@/server/http";

const post = (headers: Record<string, string>) =>
  new Request("http://127.0.0.1:3100/api/trpc/project.update", { method: "POST", headers: { host: "127.0.0.1:3100", ...headers }, body: "{}" });

describe("cross-site requests to tRPC", () => {
  it("let the app's own JSON mutations through", () => {
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "http://127.0.0.1:3100" }))).toBeNull();
  });

  it("refuse a form post, even from the same origin", () => {
    expect(refuseCrossSite(post({ "content-type": "application/x-www-form-urlencoded", origin: "http://127.0.0.1:3100" }))?.status).toBe(415);
    expect(refuseCrossSite(post({ "content-type": "text/plain", origin: "http://127.0.0.1:3100" }))?.status).toBe(415);
  });

  it("refuse JSON from a foreign origin, or naming none", () => {
    expect(refuseCrossSite(post({ "content-type": "application/json", origin: "https://evil.example" }))?.status).toBe(403);
    expect(refuseCrossSite(post({ "content-type": "application/json" }))?.status).toBe(403);
  });

  it("leave queries (GET) alone: they change nothing", () => {
    expect(refuseCrossSite(new Request("http://127.0.0.1:3100/api/trpc/project.get", { method: "GET" }))).toBeNull();
  });

  it("compares the origin with the host the request came to", () => {
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3100" }))).toBe(true);
    expect(isSameOrigin(post({ origin: "http://127.0.0.1:3101" }))).toBe(false);
  });
});

describe("the session cookie set after an invitation or a demo sign-in", () => {
  const session = { sessionToken: "jeton", expires: new Date("2030-01-01T00:00:00Z") };

  it("is HttpOnly, SameSite=Lax and Secure — with the __Secure- name Auth.js reads — over https", () => {
    const response = redirectSignedIn(new Request("https://maillage.example/api/invitation/x", { method: "POST" }), "/projets/1", session);
    const cookie = response.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Secure-authjs\.session-token=jeton;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    expect(cookie).toMatch(/; Secure/);
    expect(response.headers.get("location")).toBe("/projets/1");
  });

  it("is Secure behind a proxy that terminated https, and not on plain http (development)", () => {
    const proxied = redirectSignedIn(new Request("http://10.0.0.2:3000/x", { headers: { "x-forwarded-proto": "https" } }), "/", session);
    expect(proxied.headers.get("set-cookie")).toMatch(/; Secure/);
    // Next.js adds x-forwarded-proto to every request it serves: "http" on a plain socket.
    const plain = redirectSignedIn(new Request("http://localhost:3000/x", { headers: { "x-forwarded-proto": "http" } }), "/", session);
    expect(plain.headers.get("set-cookie")).toMatch(/^authjs\.session-token=jeton;/);
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/);
    expect(plain.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  });

  it("takes the name Auth.js reads: AUTH_URL's protocol before the proxy's word, as Auth.js does", () => {
    const unsaid = new Request("http://10.0.0.2:3000/x", { headers: { "x-forwarded-proto": "http" } });
    const behindHttps = redirectSignedIn(unsaid, "/", session, { AUTH_URL: "https://maillage.example" });
    expect(behindHttps.headers.get("set-cookie")).toMatch(/^__Secure-authjs\.session-token=jeton;.*; Secure/);
    const proxied = new Request("http://10.0.0.2:3000/x", { headers: { "x-forwarded-proto": "https" } });
    const plainAddress = redirectSignedIn(proxied, "/", session, { AUTH_URL: "http://127.0.0.1:3100" });
    expect(plainAddress.headers.get("set-cookie")).toMatch(/^authjs\.session-token=jeton;/);
  });
});
