import { TRPCError } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/projects/print-button";
import { STAGES } from "@/server/domain/gradient";
import { filtersFrom, type FilterParams } from "@/server/domain/portfolio";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<FilterParams> };

export async function generateMetadata() {
  return { title: (await getTranslations("network"))("summaryTitle") };
}

// What a network director hands to funders: one A4 page or two, the date and the filters printed.
export default async function PortfolioSummaryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const query = await searchParams;
  await requireSignedIn(`/reseaux/${id}/synthese`);
  const t = await getTranslations("network");
  const tp = await getTranslations("print");
  const ts = await getTranslations("stages");
  const tl = await getTranslations("legalForms");
  const tsec = await getTranslations("sectors");
  const tlev = await getTranslations("levers");
  const format = await getFormatter();
  const api = await serverApi();
  const filters = filtersFrom(id, query);
  let dashboard;
  try {
    dashboard = await api.portfolio.dashboard(filters);
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST")) notFound();
    throw error;
  }
  const day = (value: string) => format.dateTime(new Date(`${value}T12:00:00Z`), { dateStyle: "long" });
  const { byStage, unconfirmed, total } = dashboard.relationships;
  const percent = (count: number) => format.number(total === 0 ? 0 : count / total, { style: "percent", maximumFractionDigits: 0 });
  const territory = dashboard.options.territories.find((candidate) => candidate.id === filters.territoryId)?.name;
  const filterText = [territory, filters.legalForm ? tl(filters.legalForm) : null, filters.sector ? tsec(filters.sector) : null].filter(Boolean).join(" · ");
  return (
    <article className="mx-auto max-w-3xl space-y-5 text-[15px] print:max-w-none">
      <div className="flex items-start justify-between gap-4">
        <div>
          <p className="text-sm text-muted">{t("summaryTitle")}</p>
          <h1 className="text-2xl font-semibold">{dashboard.network.name}</h1>
          <p>{t("periodLine", { from: day(dashboard.period.from), to: day(dashboard.period.to), projects: dashboard.projects })}</p>
          <p>{t("jobsLine", { now: dashboard.jobs.now, potential: dashboard.jobs.potential })}</p>
          {filterText ? <p className="text-sm">{t("filtersLine", { filters: filterText })}</p> : null}
          <p className="text-sm text-muted">{tp("printedOn", { date: format.dateTime(new Date(), { dateStyle: "long" }) })}</p>
        </div>
        <PrintButton />
      </div>

      <section className="break-inside-avoid">
        <h2 className="mb-1 text-lg font-semibold">{t("byStage", { count: total })}</h2>
        <table className="w-full text-left">
          <thead>
            <tr className="border-b border-line">
              <th scope="col">{t("stage")}</th>
              <th scope="col" className="text-right">
                {t("count")}
              </th>
              <th scope="col" className="text-right">
                {t("share")}
              </th>
              <th scope="col" className="text-right">
                {t("median")}
              </th>
            </tr>
          </thead>
          <tbody>
            {STAGES.map((stage) => (
              <tr key={stage} className="border-b border-line">
                <th scope="row" className="font-normal">
                  {ts(stage)}
                </th>
                <td className="text-right tabular-nums">{format.number(byStage[stage])}</td>
                <td className="text-right tabular-nums">{percent(byStage[stage])}</td>
                <td className="text-right">
                  {dashboard.medianDays[stage]
                    ? t("medianValue", { days: Math.round(dashboard.medianDays[stage].days), stays: dashboard.medianDays[stage].stays })
                    : "—"}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row" className="font-normal">
                {t("noConfirmedStage")}
              </th>
              <td className="text-right tabular-nums">{format.number(unconfirmed)}</td>
              <td className="text-right tabular-nums">{percent(unconfirmed)}</td>
              <td />
            </tr>
          </tbody>
        </table>
        <p className="mt-1">
          {t("unconfirmed")} : <span className="tabular-nums">{format.number(dashboard.relationships.awaitingAnswer)}</span> — {t("awaitingHelp")}
        </p>
      </section>

      <section className="break-inside-avoid">
        <h2 className="mb-1 text-lg font-semibold">{t("movement")}</h2>
        <p>{t("movementLine", { forward: dashboard.movement.forward, backward: dashboard.movement.backward })}</p>
        <table className="mt-1 w-full text-left text-sm">
          <thead>
            <tr className="border-b border-line">
              <th scope="col">{t("month")}</th>
              <th scope="col" className="text-right">
                {t("forward")}
              </th>
              <th scope="col" className="text-right">
                {t("backward")}
              </th>
            </tr>
          </thead>
          <tbody>
            {dashboard.movement.months.map((month) => (
              <tr key={month.month}>
                <th scope="row" className="font-normal">
                  {format.dateTime(new Date(`${month.month}-15T12:00:00Z`), { month: "long", year: "numeric" })}
                </th>
                <td className="text-right tabular-nums">{month.forward}</td>
                <td className="text-right tabular-nums">{month.backward}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="break-inside-avoid">
        <h2 className="mb-1 text-lg font-semibold">{t("levers")}</h2>
        {dashboard.levers.length === 0 ? (
          <p>{t("leversEmpty")}</p>
        ) : (
          <ol className="list-decimal pl-6">
            {dashboard.levers.slice(0, 8).map((row) => (
              <li key={row.lever}>
                {tlev(row.lever)} — {t("leverLine", { moves: row.moves, total: dashboard.movement.forward })}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="break-inside-avoid">
        <h2 className="mb-1 text-lg font-semibold">{t("stuck")}</h2>
        <p className="text-sm">{t("stuckIntro", { days: dashboard.stuckAfterDays })}</p>
        {dashboard.stuck.total === 0 ? (
          <p>{t("stuckEmpty", { days: dashboard.stuckAfterDays })}</p>
        ) : (
          <ul className="list-disc pl-6">
            {dashboard.stuck.projects.map((project) => (
              <li key={project.projectId}>
                {project.title} — {t("stuckLine", { date: format.dateTime(project.lastActivity, { dateStyle: "long" }), days: project.days })}
              </li>
            ))}
            {dashboard.stuck.total > dashboard.stuck.projects.length ? (
              <li>{t("stuckMore", { count: dashboard.stuck.total - dashboard.stuck.projects.length })}</li>
            ) : null}
          </ul>
        )}
      </section>

      <section className="break-inside-avoid">
        <h2 className="mb-1 text-lg font-semibold">{t("divergent")}</h2>
        {dashboard.divergent.length === 0 ? (
          <p>{t("divergentEmpty")}</p>
        ) : (
          <ul className="list-disc pl-6">
            {dashboard.divergent.map((row) => (
              <li key={row.relationshipId}>
                {row.title} —{" "}
                {t("divergentLine", { authority: row.authorityName, gap: format.number(row.gap, { maximumFractionDigits: 1 }), stage: ts(row.stage) })}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
