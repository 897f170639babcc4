// Small helpers for route handlers.
import { NextResponse } from "next/server";
import { sessionCookieAttributes, sessionCookieName } from "@/server/auth/session-cookie";

/** True when a state-changing request comes from a page of this very site. */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return host !== null && new URL(origin).host === host;
}

/**
 * tRPC mutations come only from this app's own pages, as JSON: a form posted from elsewhere, or
 * any request naming a foreign origin, is refused before it reaches a procedure.
 */
export function refuseCrossSite(request: Request): Response | null {
  if (request.method !== "POST") return null;
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("application/json")) {
    return Response.json({ error: "Les modifications n'acceptent que du JSON envoyé par Maillage." }, { status: 415 });
  }
  if (!isSameOrigin(request)) {
    return Response.json({ error: "Requête refusée : elle ne vient pas d'une page de Maillage." }, { status: 403 });
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

/** The client's address as the nearest proxy reports it; "unknown" without one. */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}
