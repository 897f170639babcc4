"use client";
// An organisation admin changes an official's office or removes someone.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";
import { AUTHORITY_OFFICES, type AuthorityOffice } from "@/server/domain/organisations";

export function MemberActions({
  membershipId,
  personName,
  office,
  isAuthority,
}: {
  membershipId: string;
  personName: string;
  office: AuthorityOffice | null;
  isAuthority: boolean;
}) {
  const t = useTranslations("organisation");
  const to = useTranslations("offices");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const onSuccess = () => router.refresh();
  const change = useApiMutation((api) => api.organisation.changeOffice, { onSuccess });
  const remove = useApiMutation((api) => api.organisation.removeMember, { onSuccess });
  const errors = formErrorsOf(change.error ?? remove.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {isAuthority ? (
        <>
          <label htmlFor={`${id}-office`} className="sr-only">
            {t("office")} — {personName}
          </label>
          <select
            id={`${id}-office`}
            defaultValue={office ?? "agent"}
            className="min-h-11 rounded-lg border border-stone-400 bg-white px-2"
            onChange={(event) => change.mutate({ membershipId, office: event.target.value as AuthorityOffice })}
          >
            {AUTHORITY_OFFICES.map((option) => (
              <option key={option} value={option}>
                {to(option)}
              </option>
            ))}
          </select>
        </>
      ) : null}
      <Button
        type="button"
        variant="quiet"
        aria-label={`${t("remove")} : ${personName}`}
        disabled={remove.isPending}
        onClick={() => remove.mutate({ membershipId })}
      >
        {t("remove")}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}
