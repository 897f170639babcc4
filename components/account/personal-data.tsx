"use client";
// "Mes données": download everything as JSON, or delete the account after typing one's address.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { loadApiClient } from "@/components/trpc-client";
import { TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function PersonalData() {
  const t = useTranslations("account");
  const tc = useTranslations("common");
  const [downloading, setDownloading] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const router = useRouter();
  const remove = useFormMutation(
    (api) => api.account.delete,
    (form) => ({ confirmEmail: form.text("confirmEmail") }),
    {
      onSaved: () => {
        router.push("/");
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(remove.error, tc("error"));

  async function download() {
    setDownloading(true);
    setDownloadFailed(false);
    try {
      const data = await (await loadApiClient()).account.exportData.query();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `maillage-mes-donnees-${new Date().toISOString().slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(url);
    } catch {
      setDownloadFailed(true);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <div className="space-y-6">
      <div>
        <p className="mb-3">{t("exportExplain")}</p>
        <Button type="button" onClick={() => void download()} disabled={downloading}>
          {downloading ? t("exporting") : t("export")}
        </Button>
        {downloadFailed ? <Alert>{tc("error")}</Alert> : null}
      </div>
      <form noValidate className="border-t border-line pt-4" onSubmit={remove.onSubmit}>
        <h3 className="mb-2 font-semibold">{t("deleteTitle")}</h3>
        <p className="mb-3 text-sm">{t("deleteExplain")}</p>
        <TextField
          id="confirmEmail"
          name="confirmEmail"
          type="email"
          label={t("deleteConfirm")}
          autoComplete="off"
          required
          error={errors.fields.confirmEmail}
        />
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <Button type="submit" variant="danger" disabled={remove.isPending} className="mt-2">
          {remove.isPending ? t("deleting") : t("delete")}
        </Button>
      </form>
    </div>
  );
}
