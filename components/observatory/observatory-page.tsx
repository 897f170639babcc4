// What the observatory's two routes share: reading the address's options, loading the level's
// page (404 for a code that names no territory), and the page's title.
import { cache } from "react";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { pageFromParam } from "@/components/ui/pagination";
import { loadOrNotFound } from "@/server/api/load";
import { serverApi } from "@/server/api/server";
import { MAP_FIGURES, type ObservatoryLevel } from "@/server/domain/observatory";
import { ObservatoryView, type MapCut } from "./observatory-view";

export type ObservatorySearch = Promise<{ carte?: string; decoupage?: string; page?: string }>;

/** A level's page, read once per request: its title and its body share it. */
const loadPage = cache(async (level: ObservatoryLevel, code: string, page: number) =>
  loadOrNotFound(async () => (await serverApi()).observatory.page({ level, code, page })),
);

export async function observatoryTitle(level: ObservatoryLevel, code: string, searchParams: ObservatorySearch) {
  const t = await getTranslations("observatory");
  if (level === "france") return { title: t("title") };
  const data = await loadPage(level, code, pageFromParam((await searchParams).page) ?? 1);
  return { title: data ? t("titleOf", { name: data.place.name }) : (await getTranslations("notFound"))("title") };
}

export async function ObservatoryRoute({ level, code, searchParams }: { level: ObservatoryLevel; code: string; searchParams: ObservatorySearch }) {
  const options = await searchParams;
  const page = pageFromParam(options.page) ?? 1;
  const data = await loadPage(level, code, page);
  if (!data) notFound();
  const figure = MAP_FIGURES.find((candidate) => candidate === options.carte) ?? "projets";
  const cut: MapCut = options.decoupage === "regions" ? "regions" : "departements";
  return <ObservatoryView data={data} figure={figure} cut={cut} />;
}
