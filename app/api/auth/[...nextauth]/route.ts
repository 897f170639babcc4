// Auth.js's routes, with the email callback guarded: only the button of our confirmation page
// consumes a sign-in link. A link opened directly (GET) leads to that page, which names the
// address it signs in; a POST from another site is refused, so that nobody can sign a visitor
// in as someone else (login CSRF).
import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/server/auth";
import { CONFIRMATION_PATH } from "@/server/auth/magic-link";
import { isSameOrigin } from "@/server/http";

const EMAIL_CALLBACK_PATH = "/api/auth/callback/email";

export function GET(request: NextRequest) {
  const url = new URL(request.url);
  if (url.pathname === EMAIL_CALLBACK_PATH) {
    return new NextResponse(null, { status: 303, headers: { Location: `${CONFIRMATION_PATH}?${url.searchParams.toString()}` } });
  }
  return handlers.GET(request);
}

export function POST(request: NextRequest) {
  if (new URL(request.url).pathname === EMAIL_CALLBACK_PATH && !isSameOrigin(request)) {
    return new NextResponse(null, { status: 403 });
  }
  return handlers.POST(request);
}
