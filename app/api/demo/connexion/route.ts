// Demo sign-in: one click opens a session as a demo person. 404 unless demo mode is on.
import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { isSameOrigin } from "@/server/http";
import { startDemoSession } from "@/server/services/demo";

export async function POST(request: Request) {
  if (!env.DEMO_MODE) return new NextResponse(null, { status: 404 });
  if (!isSameOrigin(request)) return new NextResponse(null, { status: 403 });
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const answer = await startDemoSession(getDb(), { demoMode: env.DEMO_MODE, email });
  if (answer.status !== 200) return new NextResponse(null, { status: 404 });
  const secure = new URL(request.url).protocol === "https:";
  // A relative Location: behind a proxy, request.url may not name the host the browser used.
  const response = new NextResponse(null, { status: 303, headers: { Location: "/" } });
  // The cookie Auth.js reads for a database session.
  response.cookies.set(secure ? "__Secure-authjs.session-token" : "authjs.session-token", answer.sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    expires: answer.expires,
  });
  return response;
}
