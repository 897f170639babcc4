// A signed-in person who keeps using Maillage stays signed in: each page they open gives the
// session cookie another SESSION_DAYS (the database's session is pushed back by the page itself).
import { NextRequest, NextResponse } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";
import { SESSION_DAYS, keepSessionCookie } from "@/server/auth/session-cookie";

const PLAIN_HTTP = { "x-forwarded-proto": "http", host: "maillage.test" };

function pageRequest(path: string, init: { method?: string; cookie?: string; headers?: Record<string, string> } = {}) {
  return new NextRequest(`http://maillage.test${path}`, {
    method: init.method ?? "GET",
    headers: { ...PLAIN_HTTP, ...init.headers, ...(init.cookie ? { cookie: init.cookie } : {}) },
  });
}

describe("the session cookie", () => {
  it("gets another SESSION_DAYS on every page a signed-in person opens, same token, same protections", () => {
    const response = proxy(pageRequest("/projets/abc", { cookie: "authjs.session-token=le-jeton; autre=1" }));
    const cookie = response.cookies.get("authjs.session-token");
    expect(cookie).toMatchObject({ value: "le-jeton", httpOnly: true, sameSite: "lax", path: "/", maxAge: SESSION_DAYS * 86_400 });
    expect(cookie?.secure).toBeFalsy();
    expect(response.headers.get("set-cookie")).toContain(`Max-Age=${SESSION_DAYS * 86_400}`);
  });

  it("is left alone for someone signed out, a form post (signing out is one), and the API", () => {
    for (const request of [
      pageRequest("/"),
      pageRequest("/", { method: "POST", cookie: "authjs.session-token=le-jeton" }),
      pageRequest("/api/trpc/project.get", { cookie: "authjs.session-token=le-jeton" }),
      pageRequest("/api/auth/session", { cookie: "authjs.session-token=le-jeton" }),
    ]) {
      expect(proxy(request).headers.get("set-cookie"), `${request.method} ${request.nextUrl.pathname}`).toBeNull();
    }
  });

  it("is the __Secure- one, sent only over https, where Auth.js uses https", () => {
    const request = new NextRequest("https://maillage.example/", {
      headers: { cookie: "__Secure-authjs.session-token=le-jeton; authjs.session-token=ancien" },
    });
    const response = NextResponse.next();
    keepSessionCookie(request, response, { AUTH_URL: "https://maillage.example" });
    expect(response.cookies.get("__Secure-authjs.session-token")).toMatchObject({ value: "le-jeton", secure: true });
    expect(response.cookies.get("authjs.session-token")).toBeUndefined();
  });
});
