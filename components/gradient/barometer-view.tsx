// Both sides' readings, question by question and stage by stage, and where they diverge.
import { useFormatter, useTranslations } from "next-intl";
import { DIVERGENCE_THRESHOLD, INDICATORS, STAGES } from "@/server/domain/gradient";
import type { ProjectOverview } from "@/components/router-outputs";

export function BarometerView({ relationship }: { relationship: ProjectOverview["relationships"][number] }) {
  const t = useTranslations("projectPage");
  const ts = useTranslations("stages");
  const tq = useTranslations("barometer.questions");
  const format = useFormatter();
  const barometer = relationship.barometer;
  if (!barometer) return <p className="text-muted">{t("barometerHidden")}</p>;
  const score = (value: number | null) => (value === null ? "—" : format.number(value, { maximumFractionDigits: 1 }));
  return (
    <div>
      {/* On a phone the four columns do not fit: each stage and question is a short stacked block. */}
      <div className="space-y-4 text-sm sm:hidden">
        <p className="text-muted">
          {t("sideLabels.collective")} : {t("respondents", { count: barometer.collective.respondents })} · {t("sideLabels.authority")} :{" "}
          {t("respondents", { count: barometer.authority.respondents })}
        </p>
        {STAGES.map((stage) => {
          const gap = barometer.divergence[stage];
          const divergent = gap !== null && gap >= DIVERGENCE_THRESHOLD;
          return (
            <section key={stage} aria-label={ts(stage)} className={`rounded-lg p-2 ${divergent ? "bg-amber-50" : "bg-stone-50"}`}>
              <h4 className="font-semibold">
                {ts(stage)} — {t("stageScore")}
              </h4>
              {divergent ? <p className="text-amber-900">{t("divergent")}</p> : null}
              <p className="tabular-nums">
                {t("sideLabels.collective")} : <strong>{score(barometer.collective.stages[stage])}</strong> · {t("sideLabels.authority")} :{" "}
                <strong>{score(barometer.authority.stages[stage])}</strong> · {t("divergence")} : {score(gap)}
              </p>
              {stage === "defiance" ? (
                <p className="text-sm text-muted">
                  {t("highIsDistrust")} {t(barometer.pastFactsSettled ? "pastFactNote" : "pastFactPending")}
                </p>
              ) : null}
              <ul className="mt-2 space-y-2">
                {INDICATORS[stage].map((question) => (
                  <li key={question}>
                    {tq(question)}
                    <span className="block text-muted tabular-nums">
                      {t("sideLabels.collective")} : {score(barometer.collective.indicators[question])} · {t("sideLabels.authority")} :{" "}
                      {score(barometer.authority.indicators[question])}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <table className="hidden w-full text-left text-sm sm:table">
        <caption className="sr-only">{relationship.authorityName}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-2 pr-2">
              {t("question")}
            </th>
            <th scope="col" className="w-28 py-2 pr-2 text-right">
              {t("sideLabels.collective")}
              <span className="block font-normal text-muted">{t("respondents", { count: barometer.collective.respondents })}</span>
            </th>
            <th scope="col" className="w-28 py-2 pr-2 text-right">
              {t("sideLabels.authority")}
              <span className="block font-normal text-muted">{t("respondents", { count: barometer.authority.respondents })}</span>
            </th>
            <th scope="col" className="w-20 py-2 text-right">
              {t("divergence")}
            </th>
          </tr>
        </thead>
        {STAGES.map((stage) => {
          const gap = barometer.divergence[stage];
          const divergent = gap !== null && gap >= DIVERGENCE_THRESHOLD;
          return (
            <tbody key={stage} className="border-b border-line">
              <tr className={divergent ? "bg-amber-50" : "bg-stone-50"}>
                <th scope="row" className="py-2 pr-2 font-semibold">
                  {ts(stage)} — {t("stageScore")}
                  {stage === "defiance" ? (
                    <span className="block font-normal text-muted">
                      {t("highIsDistrust")} {t(barometer.pastFactsSettled ? "pastFactNote" : "pastFactPending")}
                    </span>
                  ) : null}
                  {divergent ? <span className="block font-normal text-amber-900">{t("divergent")}</span> : null}
                </th>
                <td className="py-2 pr-2 text-right font-semibold tabular-nums">{score(barometer.collective.stages[stage])}</td>
                <td className="py-2 pr-2 text-right font-semibold tabular-nums">{score(barometer.authority.stages[stage])}</td>
                <td className="py-2 text-right tabular-nums">{score(gap)}</td>
              </tr>
              {INDICATORS[stage].map((question) => (
                <tr key={question}>
                  <td className="py-1 pr-2 pl-3">{tq(question)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{score(barometer.collective.indicators[question])}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{score(barometer.authority.indicators[question])}</td>
                  <td />
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
      <p className="mt-3 flex flex-wrap gap-x-6 gap-y-1">
        <span>
          {t("sideLabels.collective")} :{" "}
          <strong>{barometer.collective.suggestion ? t("suggestion", { stage: ts(barometer.collective.suggestion) }) : t("noSuggestion")}</strong>
        </span>
        <span>
          {t("sideLabels.authority")} :{" "}
          <strong>{barometer.authority.suggestion ? t("suggestion", { stage: ts(barometer.authority.suggestion) }) : t("noSuggestion")}</strong>
        </span>
      </p>
    </div>
  );
}
