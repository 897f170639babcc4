"use client";
// What a holding structure's admin does about the project's holders: name the contact, withdraw
// their own structure, withdraw an invitation still unanswered, invite another structure.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { loadApiClient } from "@/components/trpc-client";
import { TerritoryPicker, type PickedTerritory } from "@/components/territory/territory-picker";
import { Alert, Button } from "@/components/ui/primitives";

type Action = "setContact" | "leave" | "withdrawInvitation";

/** One button about one holder, asking first where the act is hard to undo. */
export function HolderAction({ projectId, organisationId, name, action }: { projectId: string; organisationId: string; name: string; action: Action }) {
  const t = useTranslations("holders");
  const tc = useTranslations("common");
  const router = useRouter();
  const call = useApiMutation((api): { mutate: (input: { projectId: string; organisationId: string }) => Promise<unknown> } => api.holder[action], {
    onSuccess: () => router.refresh(),
  });
  const errors = formErrorsOf(call.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        aria-label={`${t(`actions.${action}`)} : ${name}`}
        disabled={call.isPending}
        onClick={() => {
          if (action === "leave" && !window.confirm(t("confirmLeave", { name }))) return;
          call.mutate({ projectId, organisationId });
        }}
      >
        {t(`actions.${action}`)}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}

type FoundCollective = { id: string; name: string };

/** Invites a collective found by its name, or a public body by its territory, to co-hold the project. */
export function HolderInviteForm({ projectId }: { projectId: string }) {
  const t = useTranslations("holders");
  const tc = useTranslations("common");
  const id = useId();
  const router = useRouter();
  const [kind, setKind] = useState<"collective" | "publicBody">("collective");
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<FoundCollective[] | null>(null);
  const [collective, setCollective] = useState<FoundCollective | null>(null);
  const [territory, setTerritory] = useState<PickedTerritory | null>(null);
  const invite = useApiMutation((api) => api.holder.invite, {
    onSuccess: () => {
      setCollective(null);
      setTerritory(null);
      setQuery("");
      router.refresh();
    },
  });
  const errors = formErrorsOf(invite.error, tc("error"));

  const trimmed = query.trim();
  useEffect(() => {
    if (kind !== "collective" || collective || trimmed.length < 2) return;
    let current = true;
    const timer = setTimeout(() => {
      loadApiClient()
        .then((api) => api.holder.searchCollectives.query({ projectId, query: trimmed }))
        .then((rows) => current && setFound(rows))
        .catch(() => current && setFound([]));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, collective, trimmed, projectId]);
  const shown = trimmed.length >= 2 ? found : null;

  const structure = kind === "collective" ? (collective ? { collectiveId: collective.id } : null) : territory ? { territoryId: territory.id } : null;
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (structure) invite.mutate({ projectId, structure });
      }}
    >
      <fieldset className="mb-3">
        <legend className="font-medium">{t("inviteKind")}</legend>
        {(["collective", "publicBody"] as const).map((option) => (
          <label key={option} className="mr-4 inline-flex items-center gap-2">
            <input type="radio" name={`${id}-kind`} value={option} checked={kind === option} onChange={() => setKind(option)} />
            {t(`kinds.${option}`)}
          </label>
        ))}
      </fieldset>
      {kind === "collective" ? (
        collective ? (
          <p className="mb-3 flex flex-wrap items-center gap-3 rounded-lg border border-brand bg-brand-soft px-3 py-2">
            {t("chosen", { name: collective.name })}
            <button type="button" className="cursor-pointer font-medium text-brand underline" onClick={() => setCollective(null)}>
              {t("change")}
            </button>
          </p>
        ) : (
          <div className="mb-3">
            <label htmlFor={`${id}-query`} className="block font-medium">
              {t("collectiveName")}
            </label>
            <input
              id={`${id}-query`}
              type="search"
              autoComplete="off"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              className="mt-1 block w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base"
            />
            <p aria-live="polite" className="mt-1 text-sm text-muted">
              {shown === null ? null : shown.length === 0 ? t("noneFound", { query: trimmed }) : t("found", { count: shown.length })}
            </p>
            {shown && shown.length > 0 ? (
              <ul className="mt-2 divide-y divide-line rounded-lg border border-line bg-white">
                {shown.map((candidate) => (
                  <li key={candidate.id}>
                    <button type="button" className="w-full cursor-pointer px-3 py-2 text-left hover:bg-brand-soft" onClick={() => setCollective(candidate)}>
                      {candidate.name}
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        )
      ) : (
        <TerritoryPicker label={t("publicBody")} kinds={["commune", "epci", "departement", "region"]} value={territory} onChange={setTerritory} />
      )}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <Button type="submit" disabled={invite.isPending || !structure}>
        {t("invite")}
      </Button>
    </form>
  );
}
