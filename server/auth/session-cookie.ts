// The session cookie Auth.js reads: its name, how long it lasts, and keeping it while it is used.
import { createActionURL } from "@auth/core";
import type { NextRequest, NextResponse } from "next/server";
import { authJsEnvironment } from "@/server/env";

export const SESSION_DAYS = 30;
/** The same, in seconds: Auth.js's session maxAge and the renewed cookie's Max-Age. */
export const SESSION_MAX_AGE_SECONDS = SESSION_DAYS * 24 * 60 * 60;

/** The attributes the session cookie is set with, as Auth.js sets them: Secure goes with the __Secure- name. */
export function sessionCookieAttributes(name: string) {
  return { httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-"), path: "/" } as const;
}

/** The name of the session cookie Auth.js reads for a request with these headers (its own createActionURL decides https). */
export function sessionCookieName(headers: Headers, environment: Record<string, string | undefined> = authJsEnvironment): string {
  const url = createActionURL("session", headers.get("x-forwarded-proto") ?? "https", headers, environment, { basePath: "/api/auth" });
  return url.protocol === "https:" ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/**
 * Gives the session cookie of a page someone opens another SESSION_DAYS. A page's auth() pushes
 * the session's expiry back in the database while it is used, but a server component cannot set
 * cookies: without this the browser would drop the cookie SESSION_DAYS after sign-in, however
 * active the person. Only page loads (GET outside /api): sign-out is a form post, and Auth.js's
 * own routes set the cookie themselves. A cookie whose session has ended or was revoked stays
 * worthless: the database decides who is signed in.
 */
export function keepSessionCookie(request: NextRequest, response: NextResponse, environment?: Record<string, string | undefined>) {
  if (request.method !== "GET" || request.nextUrl.pathname.startsWith("/api/")) return;
  const name = sessionCookieName(request.headers, environment);
  const token = request.cookies.get(name)?.value;
  if (!token) return;
  response.cookies.set(name, token, { ...sessionCookieAttributes(name), maxAge: SESSION_MAX_AGE_SECONDS });
}
