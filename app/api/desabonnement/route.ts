// One-click unsubscribe (RFC 8058): mail clients POST here from the List-Unsubscribe header, and
// the button of our unsubscribe page posts here too. The signed token alone says whose emails stop.
import { NextResponse } from "next/server";
import { withWritePosition } from "@/server/api/write-position";
import { getDb } from "@/server/db";
import { unsubscribe } from "@/server/services/email-notifications";

export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("jeton") ?? "";
  const answer = await unsubscribe(getDb(), token);
  if (answer.status !== 200) return new NextResponse(null, { status: 404 });
  const form = await request.formData().catch(() => null);
  const oneClick = form?.get("List-Unsubscribe") === "One-Click";
  return oneClick
    ? new NextResponse(null, { status: 200 })
    : withWritePosition(new NextResponse(null, { status: 303, headers: { Location: "/desabonnement?fait=1" } }), null);
}
