import { TRPCError } from "@trpc/server";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { STAGE_FILL } from "@/components/gradient/stage-strip";
import { MovementChart } from "@/components/networks/movement-chart";
import { StuckSetting } from "@/components/networks/stuck-setting";
import { SelectField, TextField } from "@/components/ui/field";
import { Button, ButtonLink, Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { STAGES } from "@/server/domain/gradient";
import { LEGAL_FORMS } from "@/server/domain/organisations";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";
import { filtersFrom, withParams, type FilterParams } from "@/server/domain/portfolio";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<FilterParams> };

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("dashboard") };
}

export default async function NetworkDashboardPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  await requireSignedIn(`/reseaux/${id}`);
  const t = await getTranslations("network");
  const ts = await getTranslations("stages");
  const tl = await getTranslations("legalForms");
  const tsec = await getTranslations("sectors");
  const locale = await getLocale();
  const tlev = await getTranslations("levers");
  const format = await getFormatter();
  const api = await serverApi();
  const filters = filtersFrom(id, query);
  // A period typed backwards is said on its field; the dashboard shows the default period meanwhile.
  const reversed = Boolean(filters.from && filters.to && filters.from > filters.to);
  let dashboard;
  try {
    dashboard = await api.portfolio.dashboard(reversed ? { ...filters, from: undefined, to: undefined } : filters);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "long" });
  const filtered = Boolean(filters.territoryId || filters.legalForm || filters.sector || filters.from || filters.to);
  const exportQuery = withParams("", query, { du: undefined, au: undefined, page: undefined });
  const { byStage, unconfirmed, awaitingAnswer, total } = dashboard.relationships;
  const bars = [
    ...STAGES.map((stage) => ({ key: stage, label: ts(stage), count: byStage[stage], fill: STAGE_FILL[stage] })),
    { key: "none", label: t("noConfirmedStage"), count: unconfirmed, fill: "bg-stone-400" },
  ];
  return (
    <div className="space-y-6">
      <PageHeader
        title={`${t("dashboard")} — ${dashboard.network.name}`}
        intro={t("periodLine", { from: day(dashboard.period.from), to: day(dashboard.period.to), projects: dashboard.projects })}
      >
        <ButtonLink href={`/reseaux/${id}/portefeuille${exportQuery}`} variant="secondary">
          {t("portfolio")}
        </ButtonLink>
        <ButtonLink href={`/reseaux/${id}/import`} variant="secondary">
          {t("import")}
        </ButtonLink>
        <ButtonLink href="/projets/publics" variant="secondary">
          {t("browsePublic")}
        </ButtonLink>
        <ButtonLink href={`/reseaux/${id}/synthese${withParams("", query, {})}`} variant="secondary">
          {t("summary")}
        </ButtonLink>
      </PageHeader>

      <form method="get" className="grid gap-x-4 rounded-xl border border-line bg-white p-4 sm:grid-cols-2 lg:grid-cols-5" aria-label={t("filters")}>
        <SelectField id="filter-territory" name="territoire" label={t("territory")} defaultValue={filters.territoryId ?? ""}>
          <option value="">{t("all")}</option>
          {(["region", "departement", "epci"] as const).map((kind) => (
            <optgroup key={kind} label={t(`kinds.${kind}`)}>
              {dashboard.options.territories
                .filter((territory) => territory.kind === kind)
                .map((territory) => (
                  <option key={territory.id} value={territory.id}>
                    {territory.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField id="filter-form" name="forme" label={t("legalForm")} defaultValue={filters.legalForm ?? ""}>
          <option value="">{t("all")}</option>
          {LEGAL_FORMS.map((form) => (
            <option key={form} value={form}>
              {tl(form)}
            </option>
          ))}
        </SelectField>
        <SelectField id="filter-sector" name="secteur" label={t("sector")} defaultValue={filters.sector ?? ""}>
          <option value="">{t("all")}</option>
          {dashboard.options.sectors
            .map((sector) => ({ sector, label: tsec(sector) }))
            .sort((a, b) => a.label.localeCompare(b.label, locale))
            .map(({ sector, label }) => (
              <option key={sector} value={sector}>
                {label}
              </option>
            ))}
        </SelectField>
        <TextField id="filter-from" name="du" type="date" label={t("from")} defaultValue={reversed ? filters.from : dashboard.period.from} />
        <TextField
          id="filter-to"
          name="au"
          type="date"
          label={t("to")}
          defaultValue={reversed ? filters.to : dashboard.period.to}
          error={reversed ? t("periodReversed") : null}
        />
        <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-5">
          <Button type="submit">{t("apply")}</Button>
          {filtered ? (
            <ButtonLink href={`/reseaux/${id}`} variant="quiet">
              {t("reset")}
            </ButtonLink>
          ) : null}
        </div>
      </form>

      {dashboard.projects === 0 && !filtered ? (
        <EmptyState action={<ButtonLink href="/projets/publics">{t("browsePublic")}</ButtonLink>}>{t("emptyPortfolio")}</EmptyState>
      ) : null}

      <p className="font-medium" data-testid="portfolio-jobs">
        {t("jobsLine", { now: dashboard.jobs.now, potential: dashboard.jobs.potential })}
      </p>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <SectionTitle id="by-stage">{t("byStage", { count: total })}</SectionTitle>
          <ul className="space-y-2" aria-labelledby="by-stage">
            {bars.map((bar) => (
              <li key={bar.key} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-2">
                <span>{bar.label}</span>
                <span className="h-4 rounded bg-stone-100" aria-hidden="true">
                  <span className={`block h-4 rounded ${bar.fill}`} style={{ width: `${total === 0 ? 0 : (bar.count / total) * 100}%` }} />
                </span>
                <span className="text-right tabular-nums">{format.number(bar.count)}</span>
              </li>
            ))}
          </ul>
          {/* What waits for an answer now: a starting stage or a change proposed by one side, whatever the stage. */}
          <ul className="mt-3 border-t border-line pt-3">
            <li className="flex items-center justify-between gap-2">
              <span>{t("unconfirmed")}</span>
              <span className="tabular-nums">{format.number(awaitingAnswer)}</span>
            </li>
          </ul>
          <p className="mt-1 text-sm text-muted">{t("awaitingHelp")}</p>
        </Card>

        <Card>
          <SectionTitle>{t("movement")}</SectionTitle>
          <MovementChart months={dashboard.movement.months} />
        </Card>

        <Card>
          <SectionTitle>{t("median")}</SectionTitle>
          <dl className="grid grid-cols-[8rem_1fr] gap-y-2">
            {STAGES.map((stage) => {
              const median = dashboard.medianDays[stage];
              return (
                <div key={stage} className="contents">
                  <dt>{ts(stage)}</dt>
                  <dd className={median ? "tabular-nums" : "text-muted"}>
                    {median ? t("medianValue", { days: Math.round(median.days), stays: median.stays }) : t("medianNone")}
                  </dd>
                </div>
              );
            })}
          </dl>
        </Card>

        <Card>
          <SectionTitle>{t("stuck")}</SectionTitle>
          <p className="mb-2 text-muted">{t("stuckIntro", { days: dashboard.stuckAfterDays })}</p>
          {dashboard.stuck.total === 0 ? (
            <p>{t("stuckEmpty", { days: dashboard.stuckAfterDays })}</p>
          ) : (
            <ul className="space-y-1">
              {dashboard.stuck.projects.map((project) => (
                <li key={project.projectId}>
                  <Link href={`/projets/${project.projectId}`}>{project.title}</Link>
                  <span className="text-sm text-muted">
                    {" "}
                    — {t("stuckLine", { date: format.dateTime(project.lastActivity, { dateStyle: "long" }), days: project.days })}
                  </span>
                </li>
              ))}
              {dashboard.stuck.total > dashboard.stuck.projects.length ? (
                <li className="text-muted">{t("stuckMore", { count: dashboard.stuck.total - dashboard.stuck.projects.length })}</li>
              ) : null}
            </ul>
          )}
          <StuckSetting networkId={id} days={dashboard.stuckAfterDays} />
        </Card>

        <Card>
          <SectionTitle>{t("divergent")}</SectionTitle>
          <p className="mb-2 text-muted">{t("divergentIntro")}</p>
          {dashboard.divergent.length === 0 ? (
            <p>{t("divergentEmpty")}</p>
          ) : (
            <ol className="space-y-1">
              {dashboard.divergent.map((row) => (
                <li key={row.relationshipId}>
                  <Link href={`/projets/${row.projectId}?onglet=barometre`}>{row.title}</Link>
                  <span className="text-sm text-muted">
                    {" "}
                    — {t("divergentLine", { authority: row.authorityName, gap: format.number(row.gap, { maximumFractionDigits: 1 }), stage: ts(row.stage) })}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>

        <Card>
          <SectionTitle>{t("levers")}</SectionTitle>
          <p className="mb-2 text-muted">{t("leversIntro")}</p>
          {dashboard.levers.length === 0 ? (
            <p>{t("leversEmpty")}</p>
          ) : (
            <ul className="space-y-2">
              {dashboard.levers.map((row) => (
                <li key={row.lever}>
                  <div className="flex justify-between gap-2">
                    <span>{tlev(row.lever)}</span>
                    <span className="shrink-0 text-sm whitespace-nowrap text-muted tabular-nums">
                      {t("leverLine", { moves: row.moves, total: dashboard.movement.forward })}
                    </span>
                  </div>
                  <span className="block h-2 rounded bg-stone-100" aria-hidden="true">
                    <span className="block h-2 rounded bg-accent" style={{ width: `${row.share * 100}%` }} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
