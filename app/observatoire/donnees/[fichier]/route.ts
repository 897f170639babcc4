// The observatory's open data files and their schema.
import { getDb } from "@/server/db";
import { answerObservatoryFile } from "@/server/http/observatory-files";

export async function GET(_request: Request, { params }: { params: Promise<{ fichier: string }> }) {
  const { fichier } = await params;
  return answerObservatoryFile(getDb(), fichier);
}
