// Jobs now and jobs potential over time, each save of the file that changed them a step: the
// study's first lever at Défiance is to reveal them. Words are HTML (never under 12 px on a phone),
// the figures stand in a table for screen readers.
import { useFormatter, useTranslations } from "next-intl";

export type JobFigure = { at: Date; jobsNow: number; jobsPotential: number };

export function JobsChart({ history, now }: { history: JobFigure[]; now: Date }) {
  const t = useTranslations("projectPage");
  const format = useFormatter();
  if (history.length === 0) return <p className="text-muted">{t("jobsEmpty")}</p>;
  const start = history[0]?.at.getTime() ?? now.getTime();
  const end = Math.max(now.getTime(), start + 86_400_000);
  const peak = Math.max(1, ...history.map((figure) => Math.max(figure.jobsNow, figure.jobsPotential)));
  const left = (time: number) => 2 + ((time - start) / (end - start)) * 96;
  const top = (value: number) => 92 - (value / peak) * 84;
  const steps = (value: (figure: JobFigure) => number) =>
    history
      .flatMap((figure, index) => {
        const until = history[index + 1]?.at.getTime() ?? end;
        return [`${left(figure.at.getTime())},${top(value(figure))}`, `${left(until)},${top(value(figure))}`];
      })
      .join(" ");
  const latest = history.at(-1);
  return (
    <figure>
      <div role="img" aria-labelledby="jobs-caption" className="flex">
        <div aria-hidden="true" className="relative h-32 w-10 shrink-0 text-right text-xs text-muted">
          <span className="absolute right-2 -translate-y-1/2" style={{ top: `${top(peak)}%` }}>
            {format.number(peak)}
          </span>
          <span className="absolute right-2 -translate-y-1/2" style={{ top: `${top(0)}%` }}>
            0
          </span>
        </div>
        <div aria-hidden="true" className="relative h-32 min-w-0 flex-1">
          <svg viewBox="0 0 100 100" preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
            <line x1="0" x2="100" y1={top(0)} y2={top(0)} stroke="#dcd8cc" vectorEffect="non-scaling-stroke" />
            <polyline
              points={steps((figure) => figure.jobsPotential)}
              fill="none"
              stroke="#b5562a"
              strokeWidth="3"
              strokeDasharray="6 4"
              vectorEffect="non-scaling-stroke"
            />
            <polyline points={steps((figure) => figure.jobsNow)} fill="none" stroke="#1d5c4f" strokeWidth="3" vectorEffect="non-scaling-stroke" />
          </svg>
        </div>
      </div>
      <div aria-hidden="true" className="ml-10 flex justify-between gap-2 text-xs text-muted">
        <span>{format.dateTime(new Date(start), { month: "short", year: "numeric" })}</span>
        <span>{format.dateTime(new Date(end), { month: "short", year: "numeric" })}</span>
      </div>
      <figcaption id="jobs-caption" className="mt-2 text-sm text-muted">
        {latest ? t("jobsCaption", { now: latest.jobsNow, potential: latest.jobsPotential }) : null}
      </figcaption>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-1 w-6 rounded bg-brand" />
          {t("fields.jobsNow")}
        </li>
        <li className="flex items-center gap-2">
          <span aria-hidden="true" className="inline-block h-0 w-6 border-t-4 border-dashed border-[#b5562a]" />
          {t("fields.jobsPotential")}
        </li>
      </ul>
      <div className="sr-only">
        <table>
          <caption>{t("jobsHistory")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("jobsDate")}</th>
              <th scope="col">{t("fields.jobsNow")}</th>
              <th scope="col">{t("fields.jobsPotential")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((figure) => (
              <tr key={figure.at.toISOString()}>
                <th scope="row">{format.dateTime(figure.at, { dateStyle: "long" })}</th>
                <td>{format.number(figure.jobsNow)}</td>
                <td>{format.number(figure.jobsPotential)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
