// One level of L'Observatoire: its figures, where its relationships stand, the map (France and
// régions) or the territories below it, its public projects and its open data.
// Its hundred-odd links to other territories are plain anchors, not next/link: a Link is a client
// component rendered and sent once per link (it made up half the page's rendering), and prefetching
// a hundred territories in view would cost readers far more than it saves them.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { STAGE_FILL } from "@/components/gradient/stage-strip";
import { ProjectList } from "@/components/projects/project-list";
import type { ObservatoryPage } from "@/components/router-outputs";
import { Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { Pagination } from "@/components/ui/pagination";
import { STAGES } from "@/server/domain/gradient";
import { datasetOf } from "@/server/domain/observatory-files";
import {
  CHILD_LEVEL,
  MAP_CLASSES,
  mapClass,
  mapValue,
  OBSERVATORY_TTL_MINUTES,
  PUBLIC_PROJECTS_PAGE,
  RURAL_POPULATION,
  type AreaFigures,
  type MapFigure,
  type Published,
} from "@/server/domain/observatory";
import { isSector } from "@/server/domain/sectors";
import { CLASS_FILLS, FranceMap, type MapArea } from "./france-map";
import { DEPARTEMENT_PATHS } from "./france-geometry";

export type MapCut = "departements" | "regions";

export const pageHref = (level: string, code: string) => (level === "france" ? "/observatoire" : `/observatoire/${level}/${code}`);

export async function ObservatoryView({ data, figure, cut }: { data: ObservatoryPage; figure: MapFigure; cut: MapCut }) {
  const t = await getTranslations("observatory");
  const ts = await getTranslations("stages");
  const tl = await getTranslations("legalForms");
  const tsec = await getTranslations("sectors");
  const format = await getFormatter();
  const { place, figures } = data;
  const number = (value: Published) => (value === null ? t("secret") : format.number(value));
  const share = (part: Published, whole: Published) =>
    whole === 0 ? "—" : part === null || whole === null ? t("secret") : format.number(part / whole, { style: "percent", maximumFractionDigits: 0 });
  const here = pageHref(place.level, place.code);
  const hrefWith = (changes: { carte?: MapFigure; decoupage?: MapCut; page?: number }) => {
    const params = new URLSearchParams();
    const next = { carte: figure, decoupage: cut, ...changes };
    if (next.carte !== "projets") params.set("carte", next.carte);
    if (next.decoupage !== "departements") params.set("decoupage", next.decoupage);
    if (changes.page && changes.page > 1) params.set("page", String(changes.page));
    const query = params.toString();
    return query ? `${here}?${query}` : here;
  };
  const child = CHILD_LEVEL[place.level];
  const maxRelationships = Math.max(1, ...STAGES.map((stage) => figures.relationships[stage] ?? 0));

  return (
    <article>
      <nav aria-label={t("breadcrumb")} className="mb-2 text-sm">
        <ol className="flex flex-wrap gap-x-2">
          {[...data.parents, place].map((step, index, steps) => (
            <li key={`${step.level}-${step.code}`}>
              {index < steps.length - 1 ? (
                <>
                  <a href={pageHref(step.level, step.code)}>{step.name}</a> <span aria-hidden="true">›</span>
                </>
              ) : (
                <span aria-current="page">{step.name}</span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <PageHeader title={place.level === "france" ? t("title") : t("titleOf", { name: place.name })} intro={t("intro")} />

      {figures.projects === 0 ? (
        <EmptyState>
          {t("noProject")} {t("noProjectHint")}
        </EmptyState>
      ) : null}

      <Card className="mb-6">
        <SectionTitle>{t("keyFigures")}</SectionTitle>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <div>
            <dt className="text-sm text-muted">{t("projects")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{number(figures.projects)}</dd>
            <dd className="text-sm">{t("publicProjects", { count: figures.publicProjects })}</dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("jobsNow")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{number(figures.jobsNow)}</dd>
            <dd className="text-sm">
              {t("jobsPotential")} : {number(figures.jobsPotential)}
            </dd>
          </div>
          <div>
            <dt className="text-sm text-muted">{t("rural")}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{number(figures.ruralProjects)}</dd>
            {figures.ruralProjects !== null ? <dd className="text-sm">{t("ruralShare", { share: share(figures.ruralProjects, figures.projects) })}</dd> : null}
          </div>
          <div>
            <dt className="text-sm text-muted">{t("moves")}</dt>
            <dd>{figures.forward === null ? t("secret") : t("forward", { count: figures.forward })}</dd>
            <dd>{figures.backward === null ? t("secret") : t("backward", { count: figures.backward })}</dd>
          </div>
        </dl>
        <p className="mt-4 text-sm text-muted">{t("secretHint")}</p>
      </Card>

      <div className="mb-6 grid gap-6 lg:grid-cols-2">
        <Card>
          <SectionTitle>{t("stages")}</SectionTitle>
          <p className="mb-3 text-sm text-muted">{t("stagesCaption")}</p>
          <ul className="space-y-2">
            {STAGES.map((stage) => {
              const value = figures.relationships[stage];
              return (
                <li key={stage}>
                  <span className="flex justify-between gap-2">
                    <span>{ts(stage)}</span>
                    <span className="tabular-nums">{value === null ? t("secret") : t("relationshipsCount", { count: value })}</span>
                  </span>
                  <span className="mt-1 block h-3 rounded bg-stone-100" aria-hidden="true">
                    <span className={`block h-3 rounded ${STAGE_FILL[stage]}`} style={{ width: `${((value ?? 0) / maxRelationships) * 100}%` }} />
                  </span>
                </li>
              );
            })}
          </ul>
        </Card>
        <Card>
          <SectionTitle>{t("legalForms")}</SectionTitle>
          <FigureList
            rows={figures.legalForms.map((row) => ({
              key: row.legalForm ?? "none",
              label: row.legalForm ? tl(row.legalForm) : t("noSector"),
              value: row.projects,
            }))}
            number={number}
          />
          <h3 className="mt-4 mb-2 font-semibold">{t("sectors")}</h3>
          <FigureList
            rows={figures.sectors.map((row) => ({
              key: row.sector || "none",
              label: isSector(row.sector) ? tsec(row.sector) : t("noSector"),
              value: row.projects,
            }))}
            number={number}
          />
        </Card>
      </div>

      {data.departements.length > 0 ? <MapSection data={data} figure={figure} cut={cut} hrefWith={hrefWith} number={number} share={share} /> : null}

      {child === "epci" && data.children.length > 0 ? (
        <ChildrenTable title={t("childrenTitle.epci")} rows={data.children} number={number} share={share} />
      ) : null}
      {data.communes.length > 0 ? (
        <Card className="mb-6">
          <SectionTitle>{t(place.level === "departement" ? "communesActive" : "communesGrid", { name: place.name })}</SectionTitle>
          <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
            {data.communes.map((commune) => (
              <li key={commune.code} className={`rounded-lg border border-line p-2 ${(commune.figures.projects ?? 1) > 0 ? "bg-brand-soft" : "bg-white"}`}>
                <a href={pageHref("commune", commune.code)} className="font-medium [overflow-wrap:anywhere]">
                  {commune.name}
                </a>
                <span className="block text-sm">
                  {commune.figures.projects === null ? t("secret") : t("communeProjects", { count: commune.figures.projects })}
                </span>
              </li>
            ))}
          </ul>
          {data.moreCommunes > 0 ? (
            <p className="mt-3 text-sm text-muted">
              {t("moreCommunes", { count: data.moreCommunes })}{" "}
              <a href="/observatoire/donnees/communes.csv">{t("downloadCsv", { level: t("datasets.communes") })}</a>
            </p>
          ) : null}
        </Card>
      ) : null}

      <Card className="mb-6">
        <SectionTitle>{t("publicList")}</SectionTitle>
        {data.publicProjects.length === 0 ? <p className="text-muted">{t("publicListEmpty")}</p> : <ProjectList projects={data.publicProjects} />}
        <Pagination
          className="mt-4"
          page={data.page}
          pages={Math.ceil(figures.publicProjects / PUBLIC_PROJECTS_PAGE)}
          hrefOf={(page) => hrefWith({ page })}
          labels={{ page: `${data.page} / ${Math.max(1, Math.ceil(figures.publicProjects / PUBLIC_PROJECTS_PAGE))}`, previous: t("previous"), next: t("next") }}
        />
      </Card>

      <Card className="mb-6">
        <SectionTitle>{t("downloads")}</SectionTitle>
        <ul className="flex flex-wrap gap-x-6 gap-y-2">
          {[place.level, ...(child ? [child] : [])].map((level) => (
            <li key={level} className="flex gap-3">
              <a href={`/observatoire/donnees/${datasetOf(level)}.csv`} download>
                {t("downloadCsv", { level: t(`datasets.${datasetOf(level)}`) })}
              </a>
              <a href={`/observatoire/donnees/${datasetOf(level)}.json`}>{t("downloadJson", { level: t(`datasets.${datasetOf(level)}`) })}</a>
            </li>
          ))}
          <li>
            <Link href="/observatoire/donnees">{t("allData")}</Link>
          </li>
        </ul>
      </Card>

      <section className="text-sm text-muted">
        <h2 className="mb-1 font-semibold text-ink">{t("definitions")}</h2>
        <p>{t("definitionProjects")}</p>
        <p>{t("definitionRural", { population: format.number(RURAL_POPULATION) })}</p>
        <p>{t("definitionStages")}</p>
        <p className="mt-2">
          {t("updated", { date: format.dateTime(data.countedAt, { dateStyle: "long", timeStyle: "short" }), minutes: OBSERVATORY_TTL_MINUTES })}
        </p>
      </section>
    </article>
  );
}

function FigureList({ rows, number }: { rows: { key: string; label: string; value: Published }[]; number: (value: Published) => string }) {
  return (
    <ul className="space-y-1">
      {rows.map((row) => (
        <li key={row.key} className="flex justify-between gap-2 border-b border-line pb-1">
          <span>{row.label}</span>
          <span className="tabular-nums">{number(row.value)}</span>
        </li>
      ))}
    </ul>
  );
}

type Row = { level: string; code: string; name: string; figures: AreaFigures };

function ChildrenTable(props: { title: string; rows: Row[]; number: (value: Published) => string; share: (part: Published, whole: Published) => string }) {
  return (
    <Card className="mb-6">
      <FiguresTable {...props} />
    </Card>
  );
}

async function MapSection({
  data,
  figure,
  cut,
  hrefWith,
  number,
  share,
}: {
  data: ObservatoryPage;
  figure: MapFigure;
  cut: MapCut;
  hrefWith: (changes: { carte?: MapFigure; decoupage?: MapCut }) => string;
  number: (value: Published) => string;
  share: (part: Published, whole: Published) => string;
}) {
  const t = await getTranslations("observatory");
  const format = await getFormatter();
  const byRegion = data.place.level === "france" && cut === "regions";
  // The areas: each département of the page, or each région (the France page's children) over its départements.
  const units: Row[] = byRegion
    ? data.children
    : data.departements.filter((departement) => departement.inside).map((row) => ({ ...row, level: "departement" }));
  const values = units.map((unit) => mapValue(unit.figures, figure));
  const max = Math.max(0, ...values.map((value) => value ?? 0));
  const said = (unit: Row, value: number | null) =>
    unit.figures.projects === 0
      ? t("mapNone")
      : value === null
        ? t("secret")
        : figure === "collaboration"
          ? share(unit.figures.collaboratingProjects, unit.figures.projects)
          : number(value);
  const areas: MapArea[] = units.map((unit, index) => ({
    key: unit.code,
    label: t("mapArea", { name: unit.name, value: said(unit, values[index] ?? null) }),
    href: `/observatoire/${unit.level}/${unit.code}`,
    valueClass: mapClass(values[index] ?? null, max),
    departementCodes: byRegion
      ? data.departements.filter((departement) => departement.regionCode === unit.code).map((departement) => departement.code)
      : [unit.code],
  }));
  const drawn = new Set(areas.flatMap((area) => area.departementCodes));
  const inactive = data.departements.map((departement) => departement.code).filter((code) => !drawn.has(code));
  const overseas = units.filter((unit, index) => (areas[index]?.departementCodes ?? []).every((code) => !DEPARTEMENT_PATHS.has(code)));
  const legendValue = (value: number) =>
    figure === "collaboration" ? format.number(value, { style: "percent", maximumFractionDigits: 0 }) : format.number(Math.round(value));
  return (
    <Card className="mb-6">
      <SectionTitle>{t("map")}</SectionTitle>
      <div className="mb-3 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <p>
          {t("mapFigureLabel")} :{" "}
          {(["projets", "collaboration", "emplois"] as const).map((option) => (
            <a
              key={option}
              href={hrefWith({ carte: option })}
              aria-current={option === figure ? "true" : undefined}
              className="mr-3 aria-[current]:font-semibold"
            >
              {t(`mapFigures.${option}`)}
            </a>
          ))}
        </p>
        {data.place.level === "france" ? (
          <p>
            {t("mapCut")} :{" "}
            {(["departements", "regions"] as const).map((option) => (
              <a
                key={option}
                href={hrefWith({ decoupage: option })}
                aria-current={option === cut ? "true" : undefined}
                className="mr-3 aria-[current]:font-semibold"
              >
                {t(`mapCuts.${option}`)}
              </a>
            ))}
          </p>
        ) : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div>
          <FranceMap areas={areas} inactiveDepartements={inactive} title={t(byRegion ? "mapOfRegions" : "mapOf", { figure: t(`mapFigures.${figure}`) })} />
          <div className="mt-2" aria-hidden="true">
            <p className="text-sm font-medium">{t("legend")}</p>
            <ul className="flex flex-wrap gap-3 text-sm">
              <li className="flex items-center gap-1">
                <svg className="h-3 w-4" viewBox="0 0 4 3">
                  <rect width="4" height="3" className={CLASS_FILLS[0]} />
                </svg>
                {t("legendNone")}
              </li>
              {Array.from({ length: MAP_CLASSES }, (_, index) => index + 1).map((cls) => (
                <li key={cls} className="flex items-center gap-1">
                  <svg className="h-3 w-4" viewBox="0 0 4 3">
                    <rect width="4" height="3" className={CLASS_FILLS[cls]} />
                  </svg>
                  {t("legendClass", { from: legendValue((max * (cls - 1)) / MAP_CLASSES), to: legendValue((max * cls) / MAP_CLASSES) })}
                </li>
              ))}
            </ul>
          </div>
          {overseas.length > 0 ? (
            <div className="mt-3">
              <p className="text-sm font-medium">{t("overseas")}</p>
              <ul className="flex flex-wrap gap-2">
                {overseas.map((unit) => {
                  const index = units.indexOf(unit);
                  return (
                    <li key={unit.code}>
                      <a href={`/observatoire/${unit.level}/${unit.code}`} className="inline-flex items-center gap-1 text-sm">
                        <svg className="h-3 w-4" viewBox="0 0 4 3" aria-hidden="true">
                          <rect width="4" height="3" className={CLASS_FILLS[areas[index]?.valueClass ?? 0]} />
                        </svg>
                        {areas[index]?.label}
                      </a>
                    </li>
                  );
                })}
              </ul>
            </div>
          ) : null}
          <p className="mt-2 text-xs text-muted">{t("credit")}</p>
        </div>
        <div className="min-w-0">
          <FiguresTable title={t(byRegion ? "childrenTitle.region" : "childrenTitle.departement")} rows={units} number={number} share={share} />
        </div>
      </div>
    </Card>
  );
}

/** Territories' figures as a table: beside the map, what a screen reader reads and a printer prints. */
async function FiguresTable({
  title,
  rows,
  number,
  share,
}: {
  title: string;
  rows: Row[];
  number: (value: Published) => string;
  share: (part: Published, whole: Published) => string;
}) {
  const t = await getTranslations("observatory");
  return (
    <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label={title}>
      <table className="w-full text-left text-sm">
        <caption className="mb-2 text-left font-semibold">{title}</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-1 pr-2">
              {t("columns.territory")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right">
              {t("columns.projects")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right">
              {t("columns.collaboration")}
            </th>
            <th scope="col" className="py-1 text-right">
              {t("columns.jobsPotential")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} className="border-b border-line">
              <th scope="row" className="py-1 pr-2 font-normal">
                <a href={pageHref(row.level, row.code)}>{row.name}</a>
              </th>
              <td className="py-1 pr-2 text-right tabular-nums">{number(row.figures.projects)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{share(row.figures.collaboratingProjects, row.figures.projects)}</td>
              <td className="py-1 text-right tabular-nums">{number(row.figures.jobsPotential)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
