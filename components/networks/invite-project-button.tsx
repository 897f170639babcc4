"use client";
// A network's moderator invites a public project into the network's portfolio; its collective answers.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Alert, Button } from "@/components/ui/primitives";

export function InviteProjectButton({
  projectId,
  projectTitle,
  networkId,
  networkName,
}: {
  projectId: string;
  projectTitle: string;
  networkId: string;
  networkName: string;
}) {
  const t = useTranslations("publicProjects");
  const tc = useTranslations("common");
  const router = useRouter();
  const invite = useApiMutation((api) => api.portfolio.invite, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(invite.error, tc("error"));
  if (invite.isSuccess)
    return (
      <p className="mt-2 text-sm" role="status">
        {t("invited", { network: networkName })}
      </p>
    );
  return (
    <div className="mt-2">
      <Button
        type="button"
        variant="secondary"
        disabled={invite.isPending}
        aria-label={`${t("invite", { network: networkName })} : ${projectTitle}`}
        onClick={() => invite.mutate({ projectId, networkId })}
      >
        {t("invite", { network: networkName })}
      </Button>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </div>
  );
}
