// Auth.js's routes, with the email callback guarded: only the button of our confirmation page
// consumes a sign-in link. A link opened directly (GET) leads to that page, which names the
// address it signs in; a POST from another site is refused, so that nobody can sign a visitor
// in as someone else (login CSRF).
import { NextResponse, type NextRequest } from "next/server";
import { authRoutes } from "@/server/auth";
import { CONFIRMATION_PATH } from "@/server/auth/magic-link";
import { safeReturnPath } from "@/server/auth/return-path";
import { env } from "@/server/env";
import { isSameOrigin } from "@/server/http";

const EMAIL_CALLBACK_PATH = "/api/auth/callback/email";

/**
 * Auth.js names its own redirects absolutely, with the host it read from the request: under
 * `next start` that is localhost whatever the browser used, which the CSP's form-action 'self'
 * blocks after a form's POST. On our origins they become paths; anywhere else is left as it is.
 */
function relativeRedirect(request: NextRequest, response: Response): Response {
  const location = response.headers.get("location");
  if (!location || !URL.canParse(location)) return response;
  const ours = [env.APP_URL, request.nextUrl.origin];
  if (!ours.some((origin) => new URL(origin).origin === new URL(location).origin)) return response;
  const headers = new Headers(response.headers);
  headers.set("location", safeReturnPath(location, ours));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export async function GET(request: NextRequest) {
  const url = new URL(request.url);
  if (url.pathname === EMAIL_CALLBACK_PATH) {
    return new NextResponse(null, { status: 303, headers: { Location: `${CONFIRMATION_PATH}?${url.searchParams.toString()}` } });
  }
  return relativeRedirect(request, await authRoutes(request));
}

export async function POST(request: NextRequest) {
  if (new URL(request.url).pathname === EMAIL_CALLBACK_PATH && !isSameOrigin(request)) {
    return new NextResponse(null, { status: 403 });
  }
  return relativeRedirect(request, await authRoutes(request));
}
