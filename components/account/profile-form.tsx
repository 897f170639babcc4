"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function ProfileForm({ name }: { name: string }) {
  const t = useTranslations("account");
  const tc = useTranslations("common");
  const router = useRouter();
  const update = useApiMutation((api) => api.account.updateProfile, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(update.error, tc("error"));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? "") });
      }}
    >
      <TextField id="name" name="name" label={t("name")} defaultValue={name} required maxLength={120} error={errors.fields.name} />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {update.isSuccess ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Button type="submit" disabled={update.isPending} className="mt-2">
        {update.isPending ? tc("saving") : tc("save")}
      </Button>
    </form>
  );
}
