// The invitation page's button: uses the invitation once and lands on the home page, where an
// official's role waits to be verified, or on the project page for someone who joined its
// collective. A new address is signed in; an existing account accepts only while signed in as itself.
import { NextResponse, type NextRequest } from "next/server";
import { withWritePosition } from "@/server/api/write-position";
import { actorOfApiRequest } from "@/server/auth/api-session";
import { getDb } from "@/server/db";
import { isSameOrigin, redirectSignedIn } from "@/server/http";
import { acceptInvitation } from "@/server/services/invitations";

export async function POST(request: NextRequest, { params }: { params: Promise<{ token: string }> }) {
  if (!isSameOrigin(request)) return new NextResponse(null, { status: 403 });
  const { token } = await params;
  const db = getDb();
  const actor = await actorOfApiRequest(db, request);
  const answer = await acceptInvitation(db, token, actor);
  const page = `/invitation/${encodeURIComponent(token)}`;
  if (answer.status === 409) return new NextResponse(null, { status: 303, headers: { Location: `${page}?connexion=1` } });
  if (answer.status !== 200) return new NextResponse(null, { status: 303, headers: { Location: page } });
  const landing = answer.joinedCollective ? `/projets/${answer.projectId}` : "/";
  // The landing page reads the new membership: never from a replica that has not replayed it.
  if (!answer.session) return withWritePosition(new NextResponse(null, { status: 303, headers: { Location: landing } }), actor?.userId ?? null);
  return withWritePosition(redirectSignedIn(request, landing, answer.session), null);
}
