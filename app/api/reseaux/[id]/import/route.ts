// A network's spreadsheet upload: dry run or import (see answerImportRequest).
import { currentActor } from "@/server/api/context";
import { getDb } from "@/server/db";
import { answerImportRequest } from "@/server/http/portfolio-files";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return answerImportRequest(getDb(), await currentActor(), id, request);
}
