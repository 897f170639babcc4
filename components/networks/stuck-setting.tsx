"use client";
// The number of quiet days after which the network counts a project as stalled.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function StuckSetting({ networkId, days }: { networkId: string; days: number }) {
  const t = useTranslations("network");
  const tc = useTranslations("common");
  const router = useRouter();
  const [value, setValue] = useState(String(days));
  const save = useApiMutation((api) => api.portfolio.setStuckAfter, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(save.error, tc("error"));
  return (
    <form
      className="mt-3 flex flex-wrap items-end gap-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({ networkId, days: Number(value) });
      }}
    >
      <div className="w-32">
        <TextField
          id="stuck-days"
          label={t("stuckSetting")}
          type="number"
          inputMode="numeric"
          min={7}
          max={730}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={errors.fields.days}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={save.isPending} className="mb-4">
        {t("stuckSave")}
      </Button>
      {save.isSuccess ? (
        <p role="status" className="mb-4 text-sm">
          {t("stuckSaved")}
        </p>
      ) : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </form>
  );
}
