// The import template: the documented columns and one example row.
import { answerTemplateRequest } from "@/server/http/portfolio-files";

export function GET() {
  return answerTemplateRequest();
}
