"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Alert } from "@/components/ui/primitives";
import type { NotificationKind } from "@/server/domain/notifications";

type Frequency = "immediate" | "weekly" | "never";
type Kind = NotificationKind;

const FREQUENCIES: Frequency[] = ["immediate", "weekly", "never"];

export function EmailPreferences({ preferences }: { preferences: { kind: Kind; frequency: Frequency }[] }) {
  const t = useTranslations("emailPrefs");
  const tc = useTranslations("common");
  const router = useRouter();
  const set = useApiMutation((api) => api.account.setEmailPreference, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(set.error, tc("error"));
  return (
    <div>
      <p className="mb-3 text-muted">{t("intro")}</p>
      <div className="space-y-3">
        {preferences.map((preference) => (
          <fieldset key={preference.kind} className="rounded-lg border border-line p-3">
            <legend className="px-1 font-medium first-letter:uppercase">{t(`kinds.${preference.kind}`)}</legend>
            <div className="flex flex-wrap gap-x-4 gap-y-1">
              {FREQUENCIES.map((frequency) => (
                <label key={frequency} className="flex min-h-11 items-center gap-2">
                  <input
                    type="radio"
                    name={`frequency-${preference.kind}`}
                    value={frequency}
                    defaultChecked={preference.frequency === frequency}
                    className="h-5 w-5"
                    onChange={() => set.mutate({ kind: preference.kind, frequency })}
                  />
                  {t(`frequencies.${frequency}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {set.isSuccess ? <Alert tone="success">{t("saved")}</Alert> : null}
    </div>
  );
}
