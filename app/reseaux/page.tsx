import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ButtonLink, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("indexTitle") };
}

export default async function NetworksPage() {
  await requireSignedIn("/reseaux");
  const t = await getTranslations("network");
  const api = await serverApi();
  const networks = await api.portfolio.myNetworks();
  return (
    <div className="space-y-6">
      <PageHeader title={t("indexTitle")} intro={t("indexIntro")}>
        <ButtonLink href="/reseaux/demandes" variant="secondary">
          {t("requests")}
        </ButtonLink>
        <ButtonLink href="/reseaux/moderation" variant="secondary">
          {t("moderation")}
        </ButtonLink>
      </PageHeader>
      {networks.length === 0 ? (
        <EmptyState>{t("indexEmpty")}</EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {networks.map((network) => (
            <li key={network.id}>
              <Card>
                <h2 className="text-lg font-semibold">
                  <Link href={`/reseaux/${network.id}`}>{network.name}</Link>
                </h2>
                <p className="mb-3 text-muted">{t("projects", { count: network.projects })}</p>
                <p className="flex flex-wrap gap-x-4 gap-y-1">
                  <Link href={`/reseaux/${network.id}`}>{t("dashboard")}</Link>
                  <Link href={`/reseaux/${network.id}/portefeuille`}>{t("portfolio")}</Link>
                  <Link href={`/reseaux/${network.id}/import`}>{t("import")}</Link>
                </p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
