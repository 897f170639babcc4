// Demo sign-in: one click opens a session as a demo person. 404 unless demo mode is on.
import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { env } from "@/server/env";
import { isSameOrigin, redirectSignedIn } from "@/server/http";
import { startDemoSession } from "@/server/services/demo";

export async function POST(request: Request) {
  if (!env.DEMO_MODE) return new NextResponse(null, { status: 404 });
  if (!isSameOrigin(request)) return new NextResponse(null, { status: 403 });
  const form = await request.formData();
  const email = String(form.get("email") ?? "");
  const session = await startDemoSession(getDb(), { demoMode: env.DEMO_MODE, email });
  if (!session) return new NextResponse(null, { status: 404 });
  return redirectSignedIn(request, "/", session);
}
