// The import template: the documented columns and one example row.
import { answerTemplateRequest } from "@/server/services/portfolio-files";

export function GET() {
  return answerTemplateRequest();
}
