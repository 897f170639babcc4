// Stage over time, one step line per relationship, with a table for screen readers.
import { useFormatter, useTranslations } from "next-intl";
import { STAGES, stageRank, type Stage } from "@/server/domain/gradient";
import { authorityColours } from "./authority-colours";

export type ChartSeries = { id: string; authorityId: string; label: string; points: { at: Date; stage: Stage }[] };

/** Where a stage's line sits, in % of the plot's height (Co-portage at the top). */
const stageTop = (stage: Stage) => 8 + (3 - stageRank(stage)) * (84 / 3);

export function ProgressionChart({ series, now }: { series: ChartSeries[]; now: Date }) {
  const t = useTranslations("stages");
  const tp = useTranslations("projectPage");
  const format = useFormatter();
  const drawn = series.filter((line) => line.points.length > 0);
  if (drawn.length === 0) return <p className="text-muted">{tp("progressionEmpty")}</p>;
  const colours = authorityColours(drawn.map((line) => line.authorityId));

  const times = drawn.flatMap((line) => line.points.map((point) => point.at.getTime()));
  const start = Math.min(...times);
  const end = Math.max(now.getTime(), start + 24 * 60 * 60 * 1000);
  // In % of the plot's width, a little inside its edges so that a point there is whole.
  const left = (time: number) => 2 + ((time - start) / (end - start)) * 96;

  // The words are HTML beside the drawing, not SVG text: a drawing scaled down to a phone would
  // shrink them under 12 px. The drawing stretches; its strokes keep their width.
  return (
    <figure>
      <div role="img" aria-labelledby="progression-caption" className="flex">
        <div aria-hidden="true" className="relative h-48 w-28 shrink-0 text-right text-xs text-muted">
          {STAGES.map((stage) => (
            <span key={stage} className="absolute right-2 -translate-y-1/2 whitespace-nowrap" style={{ top: `${stageTop(stage)}%` }}>
              {t(stage)}
            </span>
          ))}
        </div>
        <div aria-hidden="true" className="relative h-48 min-w-0 flex-1">
          <svg viewBox="0 0 100 100" preserveAspectRatio="none" className="absolute inset-0 h-full w-full overflow-visible">
            {STAGES.map((stage) => (
              <line
                key={stage}
                x1="0"
                x2="100"
                y1={stageTop(stage)}
                y2={stageTop(stage)}
                stroke="#dcd8cc"
                strokeDasharray="4 4"
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {drawn.map((line) => {
              const steps = line.points.flatMap((point, i) => {
                const next = line.points[i + 1];
                const until = next ? next.at.getTime() : end;
                return [`${left(point.at.getTime())},${stageTop(point.stage)}`, `${left(until)},${stageTop(point.stage)}`];
              });
              return (
                <polyline
                  key={line.id}
                  points={steps.join(" ")}
                  fill="none"
                  stroke={colours.get(line.authorityId)}
                  strokeWidth="3"
                  vectorEffect="non-scaling-stroke"
                />
              );
            })}
          </svg>
          {drawn.flatMap((line) =>
            line.points.map((point) => (
              <span
                key={`${line.id}-${point.at.toISOString()}`}
                className="absolute h-2.5 w-2.5 -translate-x-1/2 -translate-y-1/2 rounded-full"
                style={{ left: `${left(point.at.getTime())}%`, top: `${stageTop(point.stage)}%`, background: colours.get(line.authorityId) }}
              />
            )),
          )}
        </div>
      </div>
      <div aria-hidden="true" className="ml-28 flex justify-between gap-2 text-xs text-muted">
        <span>{format.dateTime(new Date(start), { month: "short", year: "numeric" })}</span>
        <span>{format.dateTime(new Date(end), { month: "short", year: "numeric" })}</span>
      </div>
      <figcaption id="progression-caption" className="mt-2 text-sm text-muted">
        {tp("progressionCaption")}
      </figcaption>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {drawn.map((line) => (
          <li key={line.id} className="flex items-center gap-2">
            <span aria-hidden="true" className="inline-block h-1 w-6 rounded" style={{ background: colours.get(line.authorityId) }} />
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
