// The private calendar feed of planned milestones, for a calendar app to subscribe to.
import { getDb } from "@/server/db";
import { calendarFor } from "@/server/services/calendar";

export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const answer = await calendarFor(getDb(), token);
  if (answer.status !== 200) return new Response(null, { status: 404 });
  return new Response(answer.ics, {
    headers: { "content-type": "text/calendar; charset=utf-8", "cache-control": "private, no-store" },
  });
}
