// Stage over time, one step line per relationship, with a table for screen readers.
import { useFormatter, useTranslations } from "next-intl";
import { STAGES, stageRank, type Stage } from "@/server/domain/gradient";

const PALETTE = ["#1d5c4f", "#b5562a", "#21618c", "#6b4c9a", "#8a6d00", "#a3261b"];

export type ChartSeries = { id: string; label: string; points: { at: Date; stage: Stage }[] };

export function ProgressionChart({ series, now }: { series: ChartSeries[]; now: Date }) {
  const t = useTranslations("stages");
  const tp = useTranslations("projectPage");
  const format = useFormatter();
  const drawn = series.filter((line) => line.points.length > 0);
  if (drawn.length === 0) return <p className="text-muted">{tp("progressionEmpty")}</p>;

  const width = 640;
  const height = 220;
  const left = 104;
  const right = 16;
  const top = 12;
  const bottom = 28;
  const times = drawn.flatMap((line) => line.points.map((point) => point.at.getTime()));
  const start = Math.min(...times);
  const end = Math.max(now.getTime(), start + 24 * 60 * 60 * 1000);
  const x = (time: number) => left + ((time - start) / (end - start)) * (width - left - right);
  const y = (stage: Stage) => top + (3 - stageRank(stage)) * ((height - top - bottom) / 3);

  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full" role="img" aria-labelledby="progression-caption">
        {STAGES.map((stage) => (
          <g key={stage}>
            <line x1={left} x2={width - right} y1={y(stage)} y2={y(stage)} stroke="#dcd8cc" strokeDasharray="4 4" />
            <text x={left - 8} y={y(stage) + 4} textAnchor="end" fontSize="13" fill="#56656b">
              {t(stage)}
            </text>
          </g>
        ))}
        <text x={left} y={height - 6} fontSize="12" fill="#56656b">
          {format.dateTime(new Date(start), { month: "short", year: "numeric" })}
        </text>
        <text x={width - right} y={height - 6} fontSize="12" fill="#56656b" textAnchor="end">
          {format.dateTime(new Date(end), { month: "short", year: "numeric" })}
        </text>
        {drawn.map((line, index) => {
          const colour = PALETTE[index % PALETTE.length];
          const steps = line.points.flatMap((point, i) => {
            const next = line.points[i + 1];
            const until = next ? next.at.getTime() : end;
            return [`${x(point.at.getTime())},${y(point.stage)}`, `${x(until)},${y(point.stage)}`];
          });
          return (
            <g key={line.id}>
              <polyline points={steps.join(" ")} fill="none" stroke={colour} strokeWidth="3" />
              {line.points.map((point) => (
                <circle key={point.at.toISOString()} cx={x(point.at.getTime())} cy={y(point.stage)} r="5" fill={colour} />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption id="progression-caption" className="mt-2 text-sm text-muted">
        {tp("progressionCaption")}
      </figcaption>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {drawn.map((line, index) => (
          <li key={line.id} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-1 w-6 rounded" style={{ background: PALETTE[index % PALETTE.length] }} />
            {line.label}
          </li>
        ))}
      </ul>
      {/* The box is what is hidden: a table sizes itself to its cells whatever width it is given. */}
      <div className="sr-only">
        <table>
          <caption>{tp("progressionCaption")}</caption>
          <tbody>
            {drawn.flatMap((line) =>
              line.points.map((point) => (
                <tr key={`${line.id}-${point.at.toISOString()}`}>
                  <th scope="row">{line.label}</th>
                  <td>{format.dateTime(point.at, { dateStyle: "long" })}</td>
                  <td>{t(point.stage)}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
