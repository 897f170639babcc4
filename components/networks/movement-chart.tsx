// Steps forward above the line, steps back below it, month by month; the figures stay readable
// in a table under the picture.
import { useFormatter, useTranslations } from "next-intl";

type Month = { month: string; forward: number; backward: number };

export function MovementChart({ months }: { months: Month[] }) {
  const t = useTranslations("network");
  const format = useFormatter();
  const peak = Math.max(1, ...months.map((month) => Math.max(month.forward, month.backward)));
  const width = 640;
  const height = 200;
  const middle = height / 2;
  const slot = width / Math.max(1, months.length);
  const bar = Math.min(28, slot * 0.6);
  const scale = (value: number) => (value / peak) * (middle - 22);
  // Over a long period, one month name in a few, so that they never overlap.
  const labelEvery = Math.ceil(months.length / 12);
  const label = (month: string) =>
    format.dateTime(new Date(`${month}-15T12:00:00Z`), labelEvery > 1 ? { month: "short", year: "2-digit" } : { month: "short" });
  const total = months.reduce((sum, month) => ({ forward: sum.forward + month.forward, backward: sum.backward + month.backward }), { forward: 0, backward: 0 });
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-label={t("movementLine", total)}>
        <line x1="0" x2={width} y1={middle} y2={middle} stroke="#dcd8cc" />
        {months.map((month, index) => {
          const x = index * slot + (slot - bar) / 2;
          return (
            <g key={month.month}>
              {month.forward > 0 ? (
                <>
                  <rect x={x} y={middle - scale(month.forward)} width={bar} height={scale(month.forward)} fill="#1d5c4f" rx="2" />
                  <text x={x + bar / 2} y={middle - scale(month.forward) - 4} textAnchor="middle" fontSize="12" fill="#1f2a2e">
                    {month.forward}
                  </text>
                </>
              ) : null}
              {month.backward > 0 ? (
                <>
                  <rect x={x} y={middle} width={bar} height={scale(month.backward)} fill="#a3261b" rx="2" />
                  <text x={x + bar / 2} y={middle + scale(month.backward) + 13} textAnchor="middle" fontSize="12" fill="#1f2a2e">
                    {month.backward}
                  </text>
                </>
              ) : null}
              {index % labelEvery === 0 ? (
                <text x={index * slot + slot / 2} y={height - 2} textAnchor="middle" fontSize="12" fill="#56656b">
                  {label(month.month)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
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
