import { TRPCError } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { PrintButton } from "@/components/projects/print-button";
import { requireSignedIn } from "@/server/auth/guard";
import { serverApi } from "@/server/api/server";
import { ofFrench } from "@/server/domain/french";

// « Dossier pour le conseil », to print or save as PDF: the same pack as the Word download.
export default async function CouncilPackPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSignedIn(`/territoire/${id}/conseil`);
  const t = await getTranslations("councilPack");
  const ts = await getTranslations("stages");
  const tk = await getTranslations("milestoneKinds");
  const tp = await getTranslations("projectPage");
  const format = await getFormatter();
  const api = await serverApi();
  let pack;
  try {
    pack = await api.territory.councilPack({ authorityId: id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long" });
  const euros = (value: number) => format.number(value, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const stageOf = (project: (typeof pack.projects)[number]) => (project.stage ? ts(project.stage) : project.related ? t("toConfirm") : t("notParty"));
  return (
    <article className="mx-auto max-w-3xl text-[15px] print:max-w-none">
      <div className="mb-4 flex items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("title", { name: pack.authority.name })}</h1>
          <p className="text-sm text-muted">{t("preparedOn", { date: day(pack.preparedAt) })}</p>
          <p className="text-sm text-muted">{t("period", { from: day(pack.since), to: day(pack.preparedAt) })}</p>
        </div>
        <PrintButton />
      </div>
      <p className="mb-4">{t("scope")}</p>
      {pack.leftOut > 0 ? <p className="mb-4">{t("leftOut", { count: pack.leftOut })}</p> : null}
      <h2 className="mb-2 text-lg font-semibold">{t("summaryTitle")}</h2>
      {pack.projects.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        // On a phone the summary scrolls in its own box; on paper it takes the page's width.
        <div className="overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label={t("summaryTitle")}>
          <table className="w-full min-w-[40rem] text-left text-sm print:min-w-0">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-2">
                  {t("project")}
                </th>
                <th scope="col" className="py-1 pr-2">
                  {t("stage")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("jobsNow")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("jobsPotential")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right">
                  {t("fundingAsked")}
                </th>
                <th scope="col" className="py-1">
                  {t("awaiting")}
                </th>
              </tr>
            </thead>
            <tbody>
              {pack.projects.map((project) => (
                <tr key={project.id} className="border-b border-line">
                  <th scope="row" className="py-1 pr-2 font-normal">
                    {project.title}
                    <span className="block text-muted">{format.list(project.holderNames, { type: "conjunction" })}</span>
                  </th>
                  <td className="py-1 pr-2">{stageOf(project)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(project.jobsNow)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(project.jobsPotential)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{euros(project.fundingAsked)}</td>
                  <td className="py-1">{project.awaiting.proposal || project.awaiting.milestones.length > 0 ? t("yes") : "—"}</td>
                </tr>
              ))}
              <tr className="font-semibold">
                <th scope="row" className="py-1 pr-2">
                  {t("total", { count: pack.totals.projects })}
                </th>
                <td />
                <td className="py-1 pr-2 text-right tabular-nums">{format.number(pack.totals.jobsNow)}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{format.number(pack.totals.jobsPotential)}</td>
                <td className="py-1 pr-2 text-right tabular-nums">{euros(pack.totals.fundingAsked)}</td>
                <td className="py-1">{format.number(pack.totals.awaiting)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      {pack.projects.map((project) => (
        <section key={project.id} className="mt-6 break-inside-avoid">
          <h2 className="text-lg font-semibold [overflow-wrap:anywhere]">{project.title}</h2>
          <p>{t("leadLine", { name: format.list(project.holderNames, { type: "conjunction" }) })}</p>
          <p>{t("stageLine", { stage: stageOf(project) })}</p>
          <p>{t("jobsLine", { now: project.jobsNow, potential: project.jobsPotential })}</p>
          <h3 className="mt-2 font-semibold">{t("changesTitle")}</h3>
          {project.changes.length > 0 ? (
            <ul className="list-disc pl-5">
              {project.changes.map((change) => (
                <li key={change.at.toISOString()}>
                  {day(change.at)} — {change.fromStage ? `${ts(change.fromStage)} → ${ts(change.toStage)}` : ts(change.toStage)}
                  {change.declined ? ` (${t("declined")})` : ""}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">{t("none")}</p>
          )}
          <h3 className="mt-2 font-semibold">{t("milestonesTitle")}</h3>
          {project.milestones.length > 0 ? (
            <ul className="list-disc pl-5">
              {project.milestones.map((milestone, index) => (
                <li key={`${milestone.occursOn}-${index}`}>
                  {day(new Date(`${milestone.occursOn}T12:00:00Z`))} — {milestone.title} ({tk(milestone.kind)},{" "}
                  {milestone.status === "planned" ? t("planned") : tp(`confirmation.${milestone.confirmation as "pending"}`)})
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">{t("none")}</p>
          )}
          <h3 className="mt-2 font-semibold">{t("awaitingTitle")}</h3>
          {project.awaiting.proposal || project.awaiting.milestones.length > 0 ? (
            <ul className="list-disc pl-5">
              {project.awaiting.proposal ? (
                <li>
                  {project.awaiting.proposal.fromStage
                    ? t("awaitingChange", {
                        from: ts(project.awaiting.proposal.fromStage),
                        ofFrom: ofFrench(ts(project.awaiting.proposal.fromStage)),
                        to: ts(project.awaiting.proposal.toStage),
                      })
                    : t("awaitingStart", { to: ts(project.awaiting.proposal.toStage) })}
                </li>
              ) : null}
              {project.awaiting.milestones.map((title) => (
                <li key={title}>{t("awaitingMilestone", { title })}</li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">{t("none")}</p>
          )}
          <h3 className="mt-2 font-semibold">{t("fundingTitle")}</h3>
          {project.funding.length > 0 ? (
            <ul className="list-disc pl-5">
              {project.funding.map((line, index) => (
                <li key={`${line.label}-${index}`}>
                  {line.label} — {euros(line.amountEuros)} ({tp(`fundingStatuses.${line.status}`)})
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-muted">{t("none")}</p>
          )}
        </section>
      ))}
    </article>
  );
}
