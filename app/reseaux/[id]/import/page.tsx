import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PortfolioImport } from "@/components/networks/portfolio-import";
import { ButtonLink, Card, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { IMPORT_COLUMNS } from "@/server/domain/spreadsheet";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

export async function generateMetadata() {
  return { title: (await getTranslations("portfolioImport"))("title") };
}

export default async function PortfolioImportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSignedIn(`/reseaux/${id}/import`);
  const t = await getTranslations("portfolioImport");
  const tn = await getTranslations("network");
  const api = await serverApi();
  const network = (await api.portfolio.myNetworks()).find((candidate) => candidate.id === id);
  if (!network) notFound();
  return (
    <div className="space-y-6">
      <PageHeader title={`${t("title")} — ${network.name}`} intro={t("intro")}>
        <ButtonLink href="/api/reseaux/modele-import" variant="secondary" prefetch={false}>
          {t("template")}
        </ButtonLink>
        <ButtonLink href={`/reseaux/${id}`} variant="secondary">
          {tn("dashboard")}
        </ButtonLink>
      </PageHeader>
      <PortfolioImport networkId={id} />
      <Card>
        <SectionTitle>{t("columns")}</SectionTitle>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("columns")}>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col" className="pr-4">
                  {t("column")}
                </th>
                <th scope="col">{t("meaning")}</th>
              </tr>
            </thead>
            <tbody>
              {IMPORT_COLUMNS.map((column) => (
                <tr key={column.key} className="border-t border-line align-top">
                  <td className="py-1 pr-4 font-mono">
                    {column.key}
                    {column.required ? <span className="ml-1 font-sans text-danger">({t("required")})</span> : null}
                  </td>
                  <td className="py-1">{t(`columnHelp.${column.key}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
