"use client";
import { useTranslations } from "next-intl";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function CreateNetworkForm() {
  const t = useTranslations("admin");
  const tc = useTranslations("common");
  const create = useFormMutation(
    (api) => api.organisation.createNetwork,
    (form) => ({ name: form.text("name"), adminEmail: form.text("adminEmail") }),
    { onSaved: (_network, form) => form.reset() },
  );
  const errors = formErrorsOf(create.error, tc("error"));
  return (
    <form noValidate onSubmit={create.onSubmit}>
      <TextField id="network-name" name="name" label={t("networkName")} required error={errors.fields.name} />
      <TextField id="network-admin" name="adminEmail" type="email" label={t("networkAdmin")} required error={errors.fields.adminEmail} />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {create.data ? <Alert tone="success">{t("networkCreated", { name: create.data.name })}</Alert> : null}
      <Button type="submit" disabled={create.isPending} className="mt-2">
        {t("createNetwork")}
      </Button>
    </form>
  );
}
