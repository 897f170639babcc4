import { TRPCError } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { STAGE_FILL } from "@/components/gradient/stage-strip";
import { ProjectList } from "@/components/projects/project-list";
import { SelectField } from "@/components/ui/field";
import { Alert, Button, ButtonLink, EmptyState, PageHeader } from "@/components/ui/primitives";
import { STAGES, type Stage } from "@/server/domain/gradient";
import { LEGAL_FORMS, type LegalForm } from "@/server/domain/organisations";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";
import { Pagination, pageFromParam } from "@/components/ui/pagination";
import { sectorParam } from "@/server/domain/sectors";
import { SectorFilter } from "@/components/projects/sector-filter";

type SearchParams = Promise<{ stade?: string; forme?: string; secteur?: string; commune?: string; page?: string }>;

export default async function TerritoryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: SearchParams }) {
  const { id } = await params;
  const filters = await searchParams;
  await requireSignedIn(`/territoire/${id}`);
  const t = await getTranslations("territoryView");
  const ts = await getTranslations("stages");
  const tl = await getTranslations("legalForms");
  const format = await getFormatter();
  const tcp = await getTranslations("councilPack");
  const api = await serverApi();
  const stage = [...STAGES, "none", "notParty"].find((candidate) => candidate === filters.stade) as Stage | "none" | "notParty" | undefined;
  const legalForm = LEGAL_FORMS.find((candidate) => candidate === filters.forme) as LegalForm | undefined;
  let view;
  try {
    view = await api.project.listForTerritory({
      authorityId: id,
      stage,
      legalForm,
      sector: sectorParam(filters.secteur),
      communeId: filters.commune || undefined,
      page: pageFromParam(filters.page),
    });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "FORBIDDEN") {
      return (
        <div>
          <PageHeader title={t("title")} />
          <Alert>{error.message}</Alert>
        </div>
      );
    }
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const total = Object.values(view.counts).reduce((sum, count) => sum + count, 0);
  const filtered = Boolean(stage || legalForm || filters.secteur || filters.commune);
  return (
    <div>
      <PageHeader title={`${t("title")} — ${view.authority.name}`} intro={t("intro", { name: view.authority.name })}>
        <ButtonLink href={`/api/territoire/${id}/dossier-conseil`} variant="secondary" prefetch={false}>
          {tcp("download")}
        </ButtonLink>
        <ButtonLink href={`/territoire/${id}/conseil`} variant="quiet">
          {tcp("print")}
        </ButtonLink>
      </PageHeader>

      <section aria-labelledby="stage-counts" className="mb-6">
        <h2 id="stage-counts" className="mb-2 font-semibold">
          {t("byStage", { count: total })}
        </h2>
        <ul className="space-y-1">
          {[...STAGES, "none" as const, "notParty" as const].map((key) => (
            <li key={key} className="grid grid-cols-[9rem_1fr_2.5rem] items-center gap-2 text-sm">
              <span>{key === "none" ? t("noConfirmedStage") : key === "notParty" ? t("notParty") : ts(key)}</span>
              <span className="h-3 rounded bg-stone-100" aria-hidden="true">
                <span
                  className={`block h-3 rounded ${key === "none" ? "bg-stone-400" : key === "notParty" ? "bg-stone-200" : STAGE_FILL[key]}`}
                  style={{ width: `${total === 0 ? 0 : (view.counts[key] / total) * 100}%` }}
                />
              </span>
              <span className="text-right tabular-nums">{view.counts[key]}</span>
            </li>
          ))}
        </ul>
        {/* Four columns may not fit a 320 px screen: the table scrolls in its own box, which the keyboard reaches. */}
        <div className="mt-4 overflow-x-auto" tabIndex={0} role="region" aria-label={t("jobsTitle")}>
          <table className="w-full text-left text-sm">
            <caption className="mb-1 text-left font-semibold">{t("jobsTitle")}</caption>
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">
                  {t("stage")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("projects")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("jobsNow")}
                </th>
                <th scope="col" className="py-1 text-right">
                  {t("jobsPotential")}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...STAGES, "none" as const, "notParty" as const].map((key) => (
                <tr key={key} className="border-b border-line">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    {key === "none" ? t("noConfirmedStage") : key === "notParty" ? t("notParty") : ts(key)}
                  </th>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(view.counts[key])}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(view.jobs[key].now)}</td>
                  <td className="py-1 text-right tabular-nums">{format.number(view.jobs[key].potential)}</td>
                </tr>
              ))}
              <tr className="font-semibold">
                <th scope="row" className="py-1 pr-2">
                  {t("total")}
                </th>
                <td className="py-1 pr-2 text-right tabular-nums">{format.number(total)}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{format.number(Object.values(view.jobs).reduce((sum, jobs) => sum + jobs.now, 0))}</td>
                <td className="py-1 text-right tabular-nums">{format.number(Object.values(view.jobs).reduce((sum, jobs) => sum + jobs.potential, 0))}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>

      <form method="get" className="mb-6 grid gap-x-4 rounded-xl border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("filters")}>
        <SelectField id="filter-stage" name="stade" label={t("stage")} defaultValue={stage ?? ""}>
          <option value="">{t("all")}</option>
          {STAGES.map((option) => (
            <option key={option} value={option}>
              {ts(option)}
            </option>
          ))}
          <option value="none">{t("noConfirmedStage")}</option>
          <option value="notParty">{t("notParty")}</option>
        </SelectField>
        <SelectField id="filter-form" name="forme" label={t("legalForm")} defaultValue={legalForm ?? ""}>
          <option value="">{t("all")}</option>
          {LEGAL_FORMS.map((option) => (
            <option key={option} value={option}>
              {tl(option)}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-commune" name="commune" label={t("commune")} defaultValue={filters.commune ?? ""}>
          <option value="">{t("all")}</option>
          {view.communes.map((commune) => (
            <option key={commune.id} value={commune.id}>
              {commune.name}
            </option>
          ))}
        </SelectField>
        <SectorFilter id="filter-sector" label={t("sector")} allLabel={t("all")} selected={sectorParam(filters.secteur)} />
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-4">
          <Button type="submit">{t("apply")}</Button>
          {filtered ? (
            <ButtonLink href={`/territoire/${id}`} variant="quiet">
              {t("reset")}
            </ButtonLink>
          ) : null}
        </div>
      </form>

      <p className="mb-4 font-medium" aria-live="polite">
        {t("count", { count: view.total })}
      </p>
      {view.projects.length > 0 ? <ProjectList projects={view.projects} /> : <EmptyState>{filtered ? t("noMatch") : t("empty")}</EmptyState>}
      <Pagination
        page={view.page}
        pages={view.pages}
        hrefOf={(target) => pageHref(id, filters, target)}
        labels={{ page: t("page", { page: view.page, pages: view.pages }), previous: t("previous"), next: t("next") }}
        className="mt-6"
      />
    </div>
  );
}

/** The same filters, another page. */
function pageHref(id: string, filters: Awaited<SearchParams>, page: number): string {
  const query = new URLSearchParams();
  for (const key of ["stade", "forme", "secteur", "commune"] as const) {
    const value = filters[key];
    if (value) query.set(key, value);
  }
  if (page > 1) query.set("page", String(page));
  const search = query.toString();
  return `/territoire/${id}${search ? `?${search}` : ""}`;
}
