import { ObservatoryRoute, observatoryTitle, type ObservatorySearch } from "@/components/observatory/observatory-page";

export async function generateMetadata({ searchParams }: { searchParams: ObservatorySearch }) {
  return observatoryTitle("france", "FR", searchParams);
}

export default function ObservatoryFrancePage({ searchParams }: { searchParams: ObservatorySearch }) {
  return <ObservatoryRoute level="france" code="FR" searchParams={searchParams} />;
}
