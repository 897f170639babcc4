// The council pack of an authority's territory, as a Word document.
import { currentActor } from "@/server/api/context";
import { getDb } from "@/server/db";
import { localeOf } from "@/server/http";
import { answerCouncilPackRequest } from "@/server/http/council-pack-file";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return answerCouncilPackRequest(getDb(), await currentActor(), id, localeOf(request));
}
