// Small helpers for route handlers.
import { NextResponse } from "next/server";
import { sessionCookieAttributes, sessionCookieName } from "@/server/auth/session-cookie";
import { env } from "@/server/env";
import { LOCALE_COOKIE, toLocale, type Locale } from "@/server/i18n/config";
import { errorMessage } from "@/server/i18n/errors";
import { PEER_ADDRESS_HEADER } from "@/server/peer-address";

/**
 * True when a state-changing request comes from a page of this very site: its Origin is the
 * address people reach the app at (AUTH_URL). Not the Host or X-Forwarded-Host headers, which
 * whoever sends the request writes; an absent, opaque ("null") or unreadable Origin is foreign.
 */
/** The reader's language, from the cookie the language switch sets: what errors are said in. */
export function localeOf(request: Request): Locale {
  const cookie = (request.headers.get("cookie") ?? "").split(";").map((part) => part.trim().split("="));
  return toLocale(cookie.find(([name]) => name === LOCALE_COOKIE)?.[1]);
}

export function isSameOrigin(request: Request, appUrl: string = env.APP_URL): boolean {
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  try {
    return new URL(origin).origin === new URL(appUrl).origin;
  } catch {
    return false;
  }
}

/**
 * tRPC mutations come only from this app's own pages, as JSON: a form posted from elsewhere, or
 * any request naming a foreign origin, is refused before it reaches a procedure.
 */
export function refuseCrossSite(request: Request, appUrl: string = env.APP_URL): Response | null {
  if (request.method !== "POST") return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    return Response.json({ error: errorMessage(localeOf(request), "jsonFromMaillageOnly") }, { status: 415 });
  }
  if (!isSameOrigin(request, appUrl)) {
    return Response.json({ error: errorMessage(localeOf(request), "notFromMaillage") }, { status: 403 });
  }
  return null;
}

/**
 * A 303 to a path of this site that signs the person in. The Location is relative: behind a
 * proxy, or under `next start`, request.url may not name the host the browser used. The cookie
 * gets the name Auth.js will read on the next page (AUTH_URL's protocol first, then the proxy's).
 */
export function redirectSignedIn(
  request: Request,
  location: string,
  session: { sessionToken: string; expires: Date },
  environment?: Record<string, string | undefined>,
) {
  const response = new NextResponse(null, { status: 303, headers: { Location: location } });
  const name = sessionCookieName(request.headers, environment);
  response.cookies.set(name, session.sessionToken, { ...sessionCookieAttributes(name), expires: session.expires });
  return response;
}

/**
 * The client's address, for the per-address limits. With no trusted proxy (TRUSTED_PROXY_HOPS=0)
 * it is the socket's peer, which server/peer-address.ts stamps on every request; X-Forwarded-For
 * is then whatever the client wrote. Behind N proxies that each append the address they received
 * from, the client is the N-th entry from the end: the ones before it are the client's own words.
 */
export function clientIp(headers: Headers, trustedHops: number = env.TRUSTED_PROXY_HOPS): string {
  const peer = headers.get(PEER_ADDRESS_HEADER)?.trim() || "unknown";
  if (trustedHops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - trustedHops] ?? forwarded[0] ?? peer;
}
