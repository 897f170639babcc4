import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { NetworkDecision } from "@/components/networks/network-decision";
import { PublicRequestList } from "@/components/projects/public-request-list";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("networkRequests"))("title") };
}

export default async function NetworkRequestsPage() {
  await requireSignedIn("/reseaux/demandes");
  const t = await getTranslations("networkRequests");
  const format = await getFormatter();
  const api = await serverApi();
  const [requests, publicRequests] = await Promise.all([api.party.networkRequests(), api.project.publicRequests()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      {requests.length === 0 ? (
        <EmptyState>{t("empty")}</EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-line">
            {requests.map((request) => (
              <li key={`${request.projectId}-${request.networkId}`} className="flex flex-wrap items-center gap-x-4 gap-y-2 py-3">
                <div className="flex-1">
                  <p className="font-medium">{request.projectTitle}</p>
                  <p className="text-sm text-muted">
                    {t("line", {
                      collective: request.contactHolderName,
                      network: request.networkName,
                      date: format.dateTime(request.requestedAt, { dateStyle: "long" }),
                    })}
                  </p>
                </div>
                <NetworkDecision projectId={request.projectId} networkId={request.networkId} projectTitle={request.projectTitle} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      <PublicRequestList requests={publicRequests} />
      <p>
        <Link href="/">{t("back")}</Link>
      </p>
    </div>
  );
}
