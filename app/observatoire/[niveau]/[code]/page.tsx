import { notFound } from "next/navigation";
import { ObservatoryRoute, observatoryTitle, type ObservatorySearch } from "@/components/observatory/observatory-page";
import { TERRITORY_LEVELS, type TerritoryLevel } from "@/server/domain/observatory";

type Params = Promise<{ niveau: string; code: string }>;

const levelOf = (niveau: string): TerritoryLevel | null => TERRITORY_LEVELS.find((level) => level === niveau) ?? null;

export async function generateMetadata({ params, searchParams }: { params: Params; searchParams: ObservatorySearch }) {
  const { niveau, code } = await params;
  const level = levelOf(niveau);
  return level ? observatoryTitle(level, code, searchParams) : {};
}

export default async function ObservatoryTerritoryPage({ params, searchParams }: { params: Params; searchParams: ObservatorySearch }) {
  const { niveau, code } = await params;
  const level = levelOf(niveau);
  if (!level) notFound();
  return <ObservatoryRoute level={level} code={code} searchParams={searchParams} />;
}
