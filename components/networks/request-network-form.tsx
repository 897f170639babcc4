"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { SelectField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function RequestNetworkForm({ projectId, networks }: { projectId: string; networks: { id: string; name: string }[] }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const request = useFormMutation(
    (api) => api.party.requestNetwork,
    (form) => ({ projectId, networkId: form.text("networkId") }),
    { onSaved: () => router.refresh() },
  );
  const errors = formErrorsOf(request.error, tc("error"));
  if (networks.length === 0) return null;
  return (
    <form noValidate className="flex flex-wrap items-end gap-2" onSubmit={request.onSubmit}>
      <div className="min-w-64 flex-1">
        <SelectField id="network-request" name="networkId" label={t("chooseNetwork")}>
          {networks.map((network) => (
            <option key={network.id} value={network.id}>
              {network.name}
            </option>
          ))}
        </SelectField>
      </div>
      <Button type="submit" variant="secondary" className="mb-4" disabled={request.isPending}>
        {t("requestNetwork")}
      </Button>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </form>
  );
}
