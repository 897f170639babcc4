"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { LEGAL_FORMS } from "@/server/domain/organisations";

export function NewCollectiveForm() {
  const t = useTranslations("organisation");
  const tl = useTranslations("legalForms");
  const tc = useTranslations("common");
  const router = useRouter();
  const create = useFormMutation(
    (api) => api.organisation.createCollective,
    (form) => ({ name: form.text("name"), legalForm: form.choice("legalForm", LEGAL_FORMS) }),
    {
      onSaved: (collective) => {
        router.push(`/organisations/${collective.id}`);
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(create.error, tc("error"));
  return (
    <form noValidate onSubmit={create.onSubmit}>
      <TextField id="name" name="name" label={t("name")} required maxLength={160} error={errors.fields.name} />
      <SelectField id="legalForm" name="legalForm" label={t("legalForm")} defaultValue="association" error={errors.fields.legalForm}>
        {LEGAL_FORMS.map((form) => (
          <option key={form} value={form}>
            {tl(form)}
          </option>
        ))}
      </SelectField>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <Button type="submit" disabled={create.isPending}>
        {create.isPending ? tc("saving") : t("create")}
      </Button>
    </form>
  );
}
