// Steps forward above the line, steps back below it, month by month; the figures stay readable
// in a table under the picture.
import { useFormatter, useTranslations } from "next-intl";

type Month = { month: string; forward: number; backward: number };

export function MovementChart({ months }: { months: Month[] }) {
  const t = useTranslations("network");
  const format = useFormatter();
  const peak = Math.max(1, ...months.map((month) => Math.max(month.forward, month.backward)));
  // Bars in % of their half; the figure above or below each stays inside it.
  const share = (value: number) => `${(value / peak) * 78}%`;
  // Over a long period, one month name in a few, so that they never overlap; on a phone, fewer still.
  const labelEvery = Math.ceil(months.length / 12);
  const label = (month: string) =>
    format.dateTime(new Date(`${month}-15T12:00:00Z`), labelEvery > 1 ? { month: "short", year: "2-digit" } : { month: "short" });
  const total = months.reduce((sum, month) => ({ forward: sum.forward + month.forward, backward: sum.backward + month.backward }), { forward: 0, backward: 0 });
  // HTML, not a scaled SVG: the figures and month names stay at 12 px or more on a phone.
  const figureClass = months.length > 12 ? "hidden text-xs tabular-nums sm:block" : "text-xs tabular-nums";
  return (
    <figure>
      <div role="img" aria-label={t("movementLine", total)} className="flex h-52 gap-px">
        {months.map((month, index) => (
          <div key={month.month} aria-hidden="true" className="flex min-w-0 flex-1 flex-col items-center">
            <div className="flex w-full flex-1 flex-col items-center justify-end">
              {month.forward > 0 ? <span className={figureClass}>{month.forward}</span> : null}
              <div className="w-3/5 max-w-7 rounded-t-sm bg-brand" style={{ height: share(month.forward) }} />
            </div>
            <div className="w-full border-t border-line" />
            <div className="flex w-full flex-1 flex-col items-center justify-start">
              <div className="w-3/5 max-w-7 rounded-b-sm bg-danger" style={{ height: share(month.backward) }} />
              {month.backward > 0 ? <span className={figureClass}>{month.backward}</span> : null}
            </div>
            <span
              className={`h-4 text-xs whitespace-nowrap text-muted ${index % (labelEvery * 3) === 0 ? "" : index % labelEvery === 0 ? "hidden sm:inline" : "invisible"}`}
            >
              {index % labelEvery === 0 ? label(month.month) : ""}
            </span>
          </div>
        ))}
      </div>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-sm">
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-brand" /> {t("forward")}
        </span>
        <span className="flex items-center gap-1">
          <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-danger" /> {t("backward")}
        </span>
      </figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-brand">{t("movementLine", total)}</summary>
        <table className="mt-2 w-full text-left">
          <thead>
            <tr>
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
            {months.map((month) => (
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
      </details>
    </figure>
  );
}
