// Every page gets a Content-Security-Policy with a fresh nonce: Next.js puts it on its own
// scripts, so no inline script runs without it — what users type can never become code.
import { NextResponse, type NextRequest } from "next/server";
import { keepSessionCookie } from "@/server/auth/session-cookie";
import { env } from "@/server/env";

/** `formTargets`: the other origins a form's answer may redirect to (ProConnect's, for sign-in and sign-out). */
export function contentSecurityPolicy(nonce: string, development: boolean, formTargets: string[] = []) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    // Forms post only here: an injected form cannot send what someone types elsewhere.
    ["form-action 'self'", ...formTargets].join(" "),
    "object-src 'none'",
  ].join("; ");
}

/** A path whose percent-escapes do not decode (« %E0%A4%A ») names no page: Next.js would fail on it with a 500. */
function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export function proxy(request: NextRequest) {
  if (!decodablePath(request.nextUrl.pathname)) return new NextResponse("Adresse invalide.", { status: 400 });
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development", env.PROCONNECT ? [new URL(env.PROCONNECT.issuer).origin] : []);
  // Next.js reads the nonce from the request's policy header and sets it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  keepSessionCookie(request, response);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      // Prefetches render nothing the browser runs as a page.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
