"use client";
// Finds a territory as one types (name, postal code or INSEE code) and lets one pick it.
import { useTranslations } from "next-intl";
import { lazy, Suspense, useEffect, useId, useState } from "react";
import type { TerritoryKind } from "@/server/domain/territories";

export type PickedTerritory = { id: string; name: string; kind: TerritoryKind; code: string; departementCode: string | null };

// Rendered only once someone has typed, so never on the server: React's lazy is enough.
const TerritorySuggestions = lazy(() => import("./territory-suggestions"));

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
  kinds?: TerritoryKind[];
  value: PickedTerritory | null;
  onChange: (territory: PickedTerritory | null) => void;
  error?: string | null;
}) {
  const t = useTranslations("territoryPicker");
  const tk = useTranslations("territoryKinds");
  const id = useId();
  const [query, setQuery] = useState("");
  const debouncedQuery = useDebounced(query.trim(), 200);
  const searching = debouncedQuery.length >= 2;
  const [status, setStatus] = useState("");

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
        {searching ? status || t("searching") : null}
      </p>
      {searching ? (
        <Suspense fallback={null}>
          <TerritorySuggestions query={debouncedQuery} kinds={kinds} onPick={onChange} onStatus={setStatus} />
        </Suspense>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
