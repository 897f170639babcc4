// Requests to make a project public, each leading to the project's file where it is decided.
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { EmptyState, SectionTitle } from "@/components/ui/primitives";

export async function PublicRequestList({ requests }: { requests: { projectId: string; title: string; requestedAt: Date | null }[] }) {
  const t = await getTranslations("publicRequests");
  const format = await getFormatter();
  return (
    <section aria-labelledby="public-requests">
      <SectionTitle id="public-requests">{t("title")}</SectionTitle>
      {requests.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <ul className="divide-y divide-line rounded-xl border border-line bg-white">
          {requests.map((request) => (
            <li key={request.projectId} className="p-3">
              <Link href={`/projets/${request.projectId}?onglet=dossier`} className="font-medium">
                {request.title}
              </Link>
              {request.requestedAt ? (
                <span className="ml-2 text-sm text-muted">{t("on", { date: format.dateTime(request.requestedAt, { dateStyle: "long" }) })}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
