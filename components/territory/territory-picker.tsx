"use client";
// Finds a territory as one types (name, postal code or INSEE code) and lets one pick it.
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/components/trpc";

type Kind = "commune" | "epci" | "departement" | "region";
export type PickedTerritory = { id: string; name: string; kind: Kind; code: string; departementCode: string | null };

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export function TerritoryPicker({
  label,
  kinds,
  value,
  onChange,
  error,
}: {
  label: string;
  kinds?: Kind[];
  value: PickedTerritory | null;
  onChange: (territory: PickedTerritory | null) => void;
  error?: string | null;
}) {
  const t = useTranslations("territoryPicker");
  const tk = useTranslations("territoryKinds");
  const trpc = useTRPC();
  const id = useId();
  const [query, setQuery] = useState("");
  const debouncedQuery = useDebounced(query.trim(), 200);
  const search = useQuery({
    ...trpc.territory.search.queryOptions({ query: debouncedQuery, kinds, limit: 8 }),
    enabled: debouncedQuery.length >= 2,
  });

  if (value) {
    return (
      <fieldset className="mb-4">
        <legend className="font-medium">{label}</legend>
        <div className="mt-1 flex flex-wrap items-center gap-3 rounded-lg border border-brand bg-brand-soft px-3 py-2">
          <span>{t("chosen", { name: `${value.name} (${value.kind === "commune" ? value.departementCode : tk(value.kind)})` })}</span>
          <button type="button" className="cursor-pointer font-medium text-brand underline" onClick={() => onChange(null)}>
            {t("change")}
          </button>
        </div>
      </fieldset>
    );
  }

  const results = search.data ?? [];
  return (
    <fieldset className="mb-4" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="font-medium">{label}</legend>
      <label htmlFor={`${id}-query`} className="mt-1 block text-sm text-muted">
        {t("label")} — {t("hint")}
      </label>
      <input
        id={`${id}-query`}
        type="search"
        autoComplete="off"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        aria-invalid={error ? true : undefined}
        className="mt-1 block w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base"
      />
      <p aria-live="polite" className="mt-1 text-sm text-muted">
        {debouncedQuery.length >= 2
          ? search.isFetching
            ? t("searching")
            : results.length === 0
              ? t("noResult", { query: debouncedQuery })
              : t("results", { count: results.length })
          : null}
      </p>
      {results.length > 0 ? (
        <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-white">
          {results.map((territory) => (
            <li key={territory.id}>
              <button
                type="button"
                className="flex w-full cursor-pointer flex-wrap items-baseline gap-x-2 px-3 py-2 text-left hover:bg-brand-soft"
                onClick={() => onChange(territory)}
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
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
