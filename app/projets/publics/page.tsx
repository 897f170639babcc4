import { getTranslations } from "next-intl/server";
import { InviteProjectButton } from "@/components/networks/invite-project-button";
import { ProjectList } from "@/components/projects/project-list";
import { SelectField, TextField } from "@/components/ui/field";
import { Button, ButtonLink, EmptyState, PageHeader } from "@/components/ui/primitives";
import { ZPublicProjectsInput } from "@/server/api/routers/project.schema";
import { serverApi } from "@/server/api/server";
import { STAGES } from "@/server/domain/gradient";
import { Pagination, pageFromParam } from "@/components/ui/pagination";
import { sectorParam } from "@/server/domain/sectors";
import { SectorFilter } from "@/components/projects/sector-filter";

export async function generateMetadata() {
  return { title: (await getTranslations("publicProjects"))("title") };
}

type SearchParams = Promise<{ q?: string; departement?: string; secteur?: string; stade?: string; page?: string }>;

export default async function PublicProjectsPage({ searchParams }: { searchParams: SearchParams }) {
  const filters = await searchParams;
  const t = await getTranslations("publicProjects");
  const ts = await getTranslations("stages");
  const api = await serverApi();
  const stage = STAGES.find((candidate) => candidate === filters.stade);
  const directory = await api.project.listPublic({
    query: filters.q?.trim() || undefined,
    // An address's stray value is dropped, not refused: the schema's own rule decides.
    departementCode: ZPublicProjectsInput.shape.departementCode.safeParse(filters.departement).data,
    sector: sectorParam(filters.secteur),
    stage,
    page: pageFromParam(filters.page),
  });
  const filtered = Boolean(filters.q || filters.departement || filters.secteur || stage);
  const pageHref = (target: number) => {
    const query = new URLSearchParams(Object.entries({ ...filters, page: String(target) }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return `/projets/publics?${query.toString()}`;
  };
  return (
    <div>
      <PageHeader title={t("title")} intro={t("intro")} />
      <form method="get" className="mb-6 grid gap-x-4 rounded-xl border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("filters")}>
        <TextField id="public-query" name="q" label={t("query")} defaultValue={filters.q ?? ""} />
        <SelectField id="public-departement" name="departement" label={t("departement")} defaultValue={filters.departement ?? ""}>
          <option value="">{t("all")}</option>
          {directory.departements.map((departement) => (
            <option key={departement.code} value={departement.code}>
              {departement.code} — {departement.name}
            </option>
          ))}
        </SelectField>
        <SectorFilter id="public-sector" label={t("sector")} allLabel={t("all")} selected={sectorParam(filters.secteur)} />
        <SelectField id="public-stage" name="stade" label={t("stage")} defaultValue={stage ?? ""}>
          <option value="">{t("all")}</option>
          {STAGES.map((option) => (
            <option key={option} value={option}>
              {ts(option)}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-4">
          <Button type="submit">{t("apply")}</Button>
          {filtered ? (
            <ButtonLink href="/projets/publics" variant="quiet">
              {t("reset")}
            </ButtonLink>
          ) : null}
        </div>
      </form>
      <p className="mb-4 font-medium" aria-live="polite">
        {t("count", { count: directory.total })}
      </p>
      {directory.projects.length > 0 ? (
        <ProjectList
          projects={directory.projects}
          actionsOf={(project) =>
            project.withMyNetworks.map((network) =>
              network.status === null ? (
                <InviteProjectButton
                  key={network.networkId}
                  projectId={project.id}
                  projectTitle={project.title}
                  networkId={network.networkId}
                  networkName={network.networkName}
                />
              ) : (
                <p key={network.networkId} className="mt-2 text-sm text-muted">
                  {t(network.status === "active" ? "inPortfolio" : network.status, { network: network.networkName })}
                </p>
              ),
            )
          }
        />
      ) : (
        <EmptyState>{filtered ? t("noMatch") : t("empty")}</EmptyState>
      )}
      <Pagination
        page={directory.page}
        pages={directory.pages}
        hrefOf={pageHref}
        labels={{ page: t("page", { page: directory.page, pages: directory.pages }), previous: t("previous"), next: t("next") }}
        className="mt-6"
      />
    </div>
  );
}
