import { TRPCError } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { SelectField, TextField } from "@/components/ui/field";
import { Badge, Button, ButtonLink, EmptyState, PageHeader } from "@/components/ui/primitives";
import { STAGES } from "@/server/domain/gradient";
import type { PortfolioSort } from "@/server/domain/portfolio";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";
import { tableQueryFrom, withParams, type FilterParams } from "@/server/domain/portfolio";
import { Pagination } from "@/components/ui/pagination";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<FilterParams> };

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("portfolio") };
}

export default async function PortfolioPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  await requireSignedIn(`/reseaux/${id}/portefeuille`);
  const t = await getTranslations("network");
  const tt = await getTranslations("network.table");
  const ts = await getTranslations("stages");
  const tlf = await getTranslations("legalForms");
  const tsec = await getTranslations("sectors");
  const format = await getFormatter();
  const api = await serverApi();
  const tableQuery = tableQueryFrom(id, query);
  let page;
  let networks;
  let territory;
  try {
    [page, networks, territory] = await Promise.all([
      api.portfolio.list(tableQuery),
      api.portfolio.myNetworks(),
      tableQuery.territoryId ? api.territory.get({ territoryId: tableQuery.territoryId }).catch(() => null) : null,
    ]);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const networkName = networks.find((network) => network.id === id)?.name ?? "";
  const path = `/reseaux/${id}/portefeuille`;
  const sort = tableQuery.sort ?? "title";
  const filtered = Boolean(tableQuery.search || tableQuery.stage || tableQuery.territoryId || tableQuery.legalForm || tableQuery.sector);
  const exportQuery = withParams("", query, { page: undefined });
  const dashboardFilters = [
    territory?.name ?? null,
    tableQuery.legalForm ? tlf(tableQuery.legalForm) : null,
    tableQuery.sector ? tsec(tableQuery.sector) : null,
  ].filter((filter): filter is string => filter !== null);
  const header = (column: PortfolioSort, label: string) => {
    const active = sort === column;
    const next = active && tableQuery.direction === "asc" ? "desc" : "asc";
    return (
      <th scope="col" className="px-3 py-2" aria-sort={active ? (tableQuery.direction === "asc" ? "ascending" : "descending") : undefined}>
        <Link
          href={withParams(path, query, { tri: column, ordre: next, page: undefined })}
          aria-label={tt("sortBy", { column: label })}
          className="no-underline hover:underline"
        >
          {label}
          {active ? <span aria-hidden="true">{tableQuery.direction === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  };
  return (
    <div className="space-y-6">
      <PageHeader title={`${t("portfolio")} — ${networkName}`}>
        <ButtonLink href={`/reseaux/${id}`} variant="secondary">
          {t("dashboard")}
        </ButtonLink>
        <ButtonLink href={`/api/reseaux/${id}/export/csv${exportQuery}`} variant="secondary" prefetch={false}>
          {t("exportCsv")}
        </ButtonLink>
        <ButtonLink href={`/api/reseaux/${id}/export/xlsx${exportQuery}`} variant="secondary" prefetch={false}>
          {t("exportXlsx")}
        </ButtonLink>
      </PageHeader>

      <form method="get" className="grid gap-x-4 rounded-xl border border-line bg-white p-4 sm:grid-cols-[2fr_1fr_auto] sm:items-end" role="search">
        <TextField id="portfolio-search" name="q" label={tt("search")} defaultValue={tableQuery.search ?? ""} />
        <SelectField id="portfolio-stage" name="stade" label={tt("stageFilter")} defaultValue={tableQuery.stage ?? ""}>
          <option value="">{t("all")}</option>
          {STAGES.map((stage) => (
            <option key={stage} value={stage}>
              {ts(stage)}
            </option>
          ))}
          <option value="none">{tt("none")}</option>
        </SelectField>
        {/* The dashboard's filters, brought by its link, stay on through a new search. */}
        {tableQuery.territoryId ? <input type="hidden" name="territoire" value={tableQuery.territoryId} /> : null}
        {tableQuery.legalForm ? <input type="hidden" name="forme" value={tableQuery.legalForm} /> : null}
        {tableQuery.sector ? <input type="hidden" name="secteur" value={tableQuery.sector} /> : null}
        {query.tri ? <input type="hidden" name="tri" value={query.tri} /> : null}
        {query.ordre ? <input type="hidden" name="ordre" value={query.ordre} /> : null}
        <div className="mb-4 flex gap-2">
          <Button type="submit">{t("apply")}</Button>
          {filtered ? (
            <ButtonLink href={path} variant="quiet">
              {t("reset")}
            </ButtonLink>
          ) : null}
        </div>
      </form>

      {dashboardFilters.length > 0 ? (
        <p className="flex flex-wrap items-center gap-2">
          <span>{tt("dashboardFilters", { filters: dashboardFilters.join(" · ") })}</span>
          <Link href={withParams(path, query, { territoire: undefined, forme: undefined, secteur: undefined, page: undefined })}>
            {tt("removeDashboardFilters")}
          </Link>
        </p>
      ) : null}
      <p className="font-medium" aria-live="polite">
        {tt("count", { count: page.total })}
      </p>
      {page.rows.length === 0 ? (
        <EmptyState action={filtered ? null : <ButtonLink href="/projets/publics">{t("browsePublic")}</ButtonLink>}>
          {filtered ? tt("noMatch") : t("emptyPortfolio")}
        </EmptyState>
      ) : (
        // A wide table scrolls inside its own box, which the keyboard can reach and scroll.
        <div className="overflow-x-auto rounded-xl border border-line bg-white" tabIndex={0} role="region" aria-label={t("portfolio")}>
          <table className="w-full min-w-[48rem] text-left text-sm">
            <thead className="border-b border-line bg-paper">
              <tr>
                {header("identifier", tt("identifier"))}
                {header("title", tt("title"))}
                {header("commune", tt("commune"))}
                {header("stage", tt("stage"))}
                <th scope="col" className="px-3 py-2 text-right">
                  {tt("relationships")}
                </th>
                {header("lastActivity", tt("lastActivity"))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {page.rows.map((row) => (
                <tr key={row.projectId}>
                  <td className="px-3 py-2 font-mono">{row.identifier ?? "—"}</td>
                  <td className="px-3 py-2">
                    <Link href={`/projets/${row.projectId}`} className="font-medium">
                      {row.title}
                    </Link>
                    <span className="block text-muted">{row.collective}</span>
                  </td>
                  <td className="px-3 py-2">
                    {row.commune}
                    {row.departement ? <span className="text-muted"> ({row.departement})</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    {row.stage ? ts(row.stage) : "—"}
                    {row.unconfirmed > 0 ? (
                      <span className="ml-1">
                        <Badge tone="warn">{tt("toConfirm", { count: row.unconfirmed })}</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{row.relationships}</td>
                  <td className="px-3 py-2">{format.dateTime(row.lastActivity, { dateStyle: "medium" })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        page={page.page}
        pages={page.pages}
        hrefOf={(target) => withParams(path, query, { page: String(target) })}
        labels={{ page: tt("page", { page: page.page, pages: page.pages }), previous: tt("previous"), next: tt("next") }}
        className=""
      />
    </div>
  );
}
