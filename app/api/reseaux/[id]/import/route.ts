// A network's spreadsheet upload: dry run or import (see answerImportRequest).
import { currentActor } from "@/server/api/context";
import { withWritePosition } from "@/server/api/write-position";
import { getDb } from "@/server/db";
import { answerImportRequest } from "@/server/http/portfolio-files";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await currentActor();
  const answer = await answerImportRequest(getDb(), actor, id, request);
  // The imported projects are read next, by the person who imported them.
  return answer.ok ? withWritePosition(answer, actor?.userId ?? null) : answer;
}
