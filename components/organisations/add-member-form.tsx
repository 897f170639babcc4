"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { AUTHORITY_OFFICES, type AuthorityOffice, type MembershipRole } from "@/server/domain/organisations";

export function AddMemberForm({
  organisationId,
  kind,
}: {
  organisationId: string;
  kind: "collective" | "authority" | "network";
}) {
  const t = useTranslations("organisation");
  const tr = useTranslations("roles");
  const to = useTranslations("offices");
  const tc = useTranslations("common");
  const router = useRouter();
  const [added, setAdded] = useState<string | null>(null);
  const add = useApiMutation((api) => api.organisation.addMember, {
    onSuccess: (_result, input) => {
      setAdded(input.email);
      router.refresh();
    },
  });
  const errors = formErrorsOf(add.error, tc("error"));
  const roles: MembershipRole[] = kind === "network" ? ["moderator", "admin"] : ["member", "admin"];
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const formElement = event.currentTarget;
        const form = new FormData(formElement);
        setAdded(null);
        add.mutate(
          {
            organisationId,
            email: String(form.get("email") ?? ""),
            role: String(form.get("role")) as MembershipRole,
            office: kind === "authority" ? (String(form.get("office")) as AuthorityOffice) : undefined,
          },
          { onSuccess: () => formElement.reset() },
        );
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
