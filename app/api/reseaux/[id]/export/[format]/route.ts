// The portfolio, filtered as on its page, as a CSV or XLSX download.
import { currentActor } from "@/server/api/context";
import { getDb } from "@/server/db";
import { tableQueryFrom } from "@/server/domain/portfolio";
import { localeOf } from "@/server/http";
import { answerExportRequest } from "@/server/http/portfolio-files";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; format: string }> }) {
  const { id, format } = await params;
  const query = tableQueryFrom(id, Object.fromEntries(new URL(request.url).searchParams));
  return answerExportRequest(getDb(), await currentActor(), query, format, localeOf(request));
}
