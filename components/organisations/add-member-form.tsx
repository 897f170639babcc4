"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { AUTHORITY_OFFICES, type MembershipRole } from "@/server/domain/organisations";

export function AddMemberForm({ organisationId, kind }: { organisationId: string; kind: "collective" | "authority" | "network" }) {
  const t = useTranslations("organisation");
  const tr = useTranslations("roles");
  const to = useTranslations("offices");
  const tc = useTranslations("common");
  const router = useRouter();
  const [added, setAdded] = useState<string | null>(null);
  const roles: MembershipRole[] = kind === "network" ? ["moderator", "admin"] : ["member", "admin"];
  const add = useFormMutation(
    (api) => api.organisation.addMember,
    (form) => ({
      organisationId,
      email: form.text("email"),
      role: form.choice("role", roles),
      office: kind === "authority" ? form.choice("office", AUTHORITY_OFFICES) : undefined,
    }),
    {
      onSaved: (_result, form, input) => {
        setAdded(input.email);
        form.reset();
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(add.error, tc("error"));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        setAdded(null);
        add.onSubmit(event);
      }}
    >
      <TextField id="member-email" name="email" type="email" label={t("email")} required error={errors.fields.email} />
      <SelectField id="member-role" name="role" label={t("role")} error={errors.fields.role}>
        {roles.map((role) => (
          <option key={role} value={role}>
            {tr(role)}
          </option>
        ))}
      </SelectField>
      {kind === "authority" ? (
        <SelectField id="member-office" name="office" label={t("office")} error={errors.fields.office}>
          {AUTHORITY_OFFICES.map((office) => (
            <option key={office} value={office}>
              {to(office)}
            </option>
          ))}
        </SelectField>
      ) : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {added ? <Alert tone="success">{t("added", { email: added })}</Alert> : null}
      <Button type="submit" disabled={add.isPending} className="mt-2">
        {add.isPending ? tc("saving") : t("add")}
      </Button>
    </form>
  );
}
