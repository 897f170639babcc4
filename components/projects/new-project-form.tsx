"use client";
// Creating a project file: title, summary, lead collective and the commune where it acts.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TerritoryPicker, type PickedTerritory } from "@/components/territory/territory-picker";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function NewProjectForm({ collectives }: { collectives: { id: string; name: string }[] }) {
  const t = useTranslations("project");
  const tc = useTranslations("common");
  const router = useRouter();
  const [commune, setCommune] = useState<PickedTerritory | null>(null);
  const create = useFormMutation(
    (api) => api.project.create,
    (form) => ({ title: form.text("title"), summary: form.text("summary"), contactHolderId: form.text("contactHolderId"), communeId: commune?.id ?? "" }),
    { onSaved: (project) => router.push(`/projets/${project.id}`) },
  );
  const errors = formErrorsOf(create.error, tc("error"));

  return (
    <form noValidate onSubmit={create.onSubmit}>
      <TextField id="title" name="title" label={t("title")} hint={t("titleHint")} required maxLength={160} error={errors.fields.title} />
      <TextArea id="summary" name="summary" label={t("summaryLabel")} maxLength={4000} error={errors.fields.summary} />
      <SelectField id="contactHolderId" name="contactHolderId" label={t("contactHolder")} error={errors.fields.contactHolderId}>
        {collectives.map((collective) => (
          <option key={collective.id} value={collective.id}>
            {collective.name}
          </option>
        ))}
      </SelectField>
      <TerritoryPicker label={t("commune")} kinds={["commune"]} value={commune} onChange={setCommune} error={errors.fields.communeId} />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <Button type="submit" disabled={create.isPending} className="mt-2">
        {create.isPending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
