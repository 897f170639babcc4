"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TerritoryPicker, type PickedTerritory } from "@/components/territory/territory-picker";
import { SelectField, TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { STAGES } from "@/server/domain/gradient";

export function AddAuthorityForm({ projectId }: { projectId: string }) {
  const t = useTranslations("projectPage");
  const ts = useTranslations("stages");
  const tc = useTranslations("common");
  const router = useRouter();
  const [territory, setTerritory] = useState<PickedTerritory | null>(null);
  const add = useFormMutation(
    (api) => api.party.addAuthority,
    (form) => ({ projectId, territoryId: territory?.id ?? "", startingStage: form.choice("startingStage", STAGES), reason: form.text("reason") }),
    {
      onSaved: () => {
        setTerritory(null);
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(add.error, tc("error"));
  return (
    <form noValidate onSubmit={add.onSubmit}>
      <p className="mb-3 text-muted">{t("addAuthorityIntro")}</p>
      <TerritoryPicker label={tc("authority")} value={territory} onChange={setTerritory} error={errors.fields.territoryId} />
      <SelectField id="starting-stage" name="startingStage" label={t("startingStage")} defaultValue="observation">
        {STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {ts(stage)}
          </option>
        ))}
      </SelectField>
      <TextArea id="starting-reason" name="reason" label={t("proposeReason")} rows={2} />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <Button type="submit" disabled={add.isPending}>
        {t("addAuthoritySubmit")}
      </Button>
    </form>
  );
}
