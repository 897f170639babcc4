"use client";
// The search behind the territory picker, loaded once someone types: TanStack Query and the tRPC
// client come with it, not with every page that holds a picker.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { TRPCReactProvider, useTRPC } from "@/components/trpc";
import type { TerritoryKind } from "@/server/domain/territories";
import type { PickedTerritory } from "./territory-picker";

type Props = {
  query: string;
  kinds?: TerritoryKind[];
  onPick: (territory: PickedTerritory) => void;
  /** What the picker's live region says: searching, nothing found, how many. */
  onStatus: (status: string) => void;
};

function Suggestions({ query, kinds, onPick, onStatus }: Props) {
  const t = useTranslations("territoryPicker");
  const tk = useTranslations("territoryKinds");
  const trpc = useTRPC();
  const search = useQuery(trpc.territory.search.queryOptions({ query, kinds, limit: 8 }));
  const results = search.data ?? [];
  const status = search.isFetching ? t("searching") : results.length === 0 ? t("noResult", { query }) : t("results", { count: results.length });
  useEffect(() => onStatus(status), [onStatus, status]);
  if (results.length === 0) return null;
  return (
    <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-white">
      {results.map((territory) => (
        <li key={territory.id}>
          <button
            type="button"
            className="flex w-full cursor-pointer flex-wrap items-baseline gap-x-2 px-3 py-2 text-left hover:bg-brand-soft"
            onClick={() => onPick(territory)}
          >
            <span className="font-medium">{territory.name}</span>
            <span className="text-sm text-muted">
              {tk(territory.kind)}
              {territory.departementCode ? ` · ${territory.departementCode}` : ""}
              {territory.postalCodes.length > 0 ? ` · ${territory.postalCodes.join(", ")}` : ""}
              {territory.population ? ` · ${t("population", { count: territory.population })}` : ""}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export default function TerritorySuggestions(props: Props) {
  return (
    <TRPCReactProvider>
      <Suggestions {...props} />
    </TRPCReactProvider>
  );
}
