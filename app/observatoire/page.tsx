import { ObservatoryRoute, observatoryTitle, type ObservatorySearch } from "@/components/observatory/observatory-page";

export async function generateMetadata() {
  return observatoryTitle("france", "FR");
}

export default function ObservatoryFrancePage({ searchParams }: { searchParams: ObservatorySearch }) {
  return <ObservatoryRoute level="france" code="FR" searchParams={searchParams} />;
}
