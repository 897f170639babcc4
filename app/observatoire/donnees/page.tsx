import { getTranslations } from "next-intl/server";
import { Card, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { DATASETS, FIELDS, LICENCE, SECRET, type Dataset } from "@/server/domain/observatory-files";
import { SMALL_CELL } from "@/server/domain/observatory";

export async function generateMetadata() {
  return { title: (await getTranslations("observatory"))("dataTitle") };
}

export default async function ObservatoryDataPage() {
  const t = await getTranslations("observatory");
  return (
    <article>
      <PageHeader title={t("dataTitle")} intro={t("dataIntro")} />
      <Card className="mb-6">
        <ul className="space-y-2">
          {(Object.keys(DATASETS) as Dataset[]).map((dataset) => (
            <li key={dataset} className="flex flex-wrap gap-x-4">
              <span className="font-medium">{t(`datasets.${dataset}`)}</span>
              <a href={`/observatoire/donnees/${dataset}.csv`} download>
                CSV
              </a>
              <a href={`/observatoire/donnees/${dataset}.json`}>JSON</a>
            </li>
          ))}
          <li>
            <a href="/observatoire/donnees/schema.json">{t("schema")}</a> ·{" "}
            <a href={LICENCE.path} rel="license">
              {LICENCE.title}
            </a>
          </li>
        </ul>
        <p className="mt-3 text-sm text-muted">{t("secretHint")}</p>
      </Card>
      <Card>
        <SectionTitle>{t("columnsTitle")}</SectionTitle>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t("columnsTitle")}>
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-2 pr-2">
                  {t("columnName")}
                </th>
                <th scope="col" className="py-2">
                  {t("columnMeaning")}
                </th>
              </tr>
            </thead>
            <tbody>
              {FIELDS.map((field) => (
                <tr key={field.name} className="border-b border-line align-top">
                  <th scope="row" className="py-1 pr-2 font-mono font-normal">
                    {field.name}
                  </th>
                  <td className="py-1">
                    <span className="font-medium">{field.title}</span> — {field.description}
                    {field.type === "integer" && field.name !== "projets_publics" ? ` ${t("columnSecret", { secret: SECRET, count: SMALL_CELL })}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </article>
  );
}
