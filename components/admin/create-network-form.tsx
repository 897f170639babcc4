"use client";
import { useTranslations } from "next-intl";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function CreateNetworkForm() {
  const t = useTranslations("admin");
  const tc = useTranslations("common");
  const create = useApiMutation((api) => api.organisation.createNetwork);
  const errors = formErrorsOf(create.error, tc("error"));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const formElement = event.currentTarget;
        const form = new FormData(formElement);
        create.mutate(
          { name: String(form.get("name") ?? ""), adminEmail: String(form.get("adminEmail") ?? "") },
          { onSuccess: () => formElement.reset() },
        );
      }}
    >
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
