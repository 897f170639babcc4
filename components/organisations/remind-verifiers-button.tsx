"use client";
// The author of a claim still waiting reminds those who can verify it (once a day).
import { useTranslations } from "next-intl";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Alert, Button } from "@/components/ui/primitives";

export function RemindVerifiersButton({ membershipId }: { membershipId: string }) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const remind = useApiMutation((api) => api.organisation.remindVerifiers);
  const errors = formErrorsOf(remind.error, tc("error"));
  return (
    <div className="mt-2">
      {remind.data ? (
        <p role="status">{t("reminded", { count: remind.data.reminded })}</p>
      ) : (
        <Button type="button" variant="secondary" disabled={remind.isPending} onClick={() => remind.mutate({ membershipId })}>
          {t("remind")}
        </Button>
      )}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </div>
  );
}
