// The invitation page's button: uses the invitation once, signs the person in, lands on the project.
import { NextResponse } from "next/server";
import { getDb } from "@/server/db";
import { isSameOrigin, redirectSignedIn } from "@/server/http";
import { acceptInvitation } from "@/server/services/invitations";

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  if (!isSameOrigin(request)) return new NextResponse(null, { status: 403 });
  const { token } = await params;
  const answer = await acceptInvitation(getDb(), token);
  if (answer.status !== 200) {
    return new NextResponse(null, { status: 303, headers: { Location: `/invitation/${encodeURIComponent(token)}` } });
  }
  return redirectSignedIn(request, `/projets/${answer.projectId}`, answer);
}
