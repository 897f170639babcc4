"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";

export function VerifyButton({ membershipId, personName }: { membershipId: string; personName: string }) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const router = useRouter();
  const verify = useApiMutation((api) => api.organisation.verifyMembership, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(verify.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        title={t("verifyHint")}
        aria-label={`${t("verify")} : ${personName}`}
        disabled={verify.isPending}
        onClick={() => verify.mutate({ membershipId })}
      >
        {t("verify")}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}
