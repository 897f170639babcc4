"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function ProfileForm({ name }: { name: string }) {
  const t = useTranslations("account");
  const tc = useTranslations("common");
  const router = useRouter();
  const update = useFormMutation(
    (api) => api.account.updateProfile,
    (form) => ({ name: form.text("name") }),
    { onSaved: () => router.refresh() },
  );
  const errors = formErrorsOf(update.error, tc("error"));
  return (
    <form noValidate onSubmit={update.onSubmit}>
      <TextField id="name" name="name" label={t("name")} defaultValue={name} required maxLength={120} error={errors.fields.name} />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {update.isSuccess ? <Alert tone="success">{t("saved")}</Alert> : null}
      <Button type="submit" disabled={update.isPending} className="mt-2">
        {update.isPending ? tc("saving") : tc("save")}
      </Button>
    </form>
  );
}
