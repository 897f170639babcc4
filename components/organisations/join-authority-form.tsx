"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { TerritoryPicker, type PickedTerritory } from "@/components/territory/territory-picker";
import { SelectField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { AUTHORITY_OFFICES } from "@/server/domain/organisations";

export function JoinAuthorityForm() {
  const t = useTranslations("organisation");
  const to = useTranslations("offices");
  const tc = useTranslations("common");
  const router = useRouter();
  const [territory, setTerritory] = useState<PickedTerritory | null>(null);
  const join = useFormMutation(
    (api) => api.organisation.joinAuthority,
    (form) => ({ territoryId: territory?.id ?? "", office: form.choice("office", AUTHORITY_OFFICES) }),
    {
      onSaved: (authority) => {
        router.push(`/organisations/${authority.organisationId}`);
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(join.error, tc("error"));
  return (
    <form noValidate onSubmit={join.onSubmit}>
      <TerritoryPicker label={t("territoryLabel")} value={territory} onChange={setTerritory} error={errors.fields.territoryId} />
      <SelectField id="office" name="office" label={t("office")} error={errors.fields.office}>
        {AUTHORITY_OFFICES.map((office) => (
          <option key={office} value={office}>
            {to(office)}
          </option>
        ))}
      </SelectField>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <Button type="submit" disabled={join.isPending}>
        {join.isPending ? tc("saving") : t("join")}
      </Button>
    </form>
  );
}
