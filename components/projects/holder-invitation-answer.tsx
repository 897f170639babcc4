"use client";
// The invited structure's admin accepts or declines to co-hold a project: on its page and in « À traiter ».
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";

export function HolderInvitationAnswer({ projectId, organisationId, projectTitle }: { projectId: string; organisationId: string; projectTitle: string }) {
  const t = useTranslations("holders");
  const tc = useTranslations("common");
  const router = useRouter();
  const answer = useApiMutation((api) => api.holder.answer, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(answer.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        aria-label={`${t("accept")} : ${projectTitle}`}
        disabled={answer.isPending}
        onClick={() => answer.mutate({ projectId, organisationId, accept: true })}
      >
        {t("accept")}
      </Button>
      <Button
        type="button"
        variant="secondary"
        aria-label={`${t("decline")} : ${projectTitle}`}
        disabled={answer.isPending}
        onClick={() => answer.mutate({ projectId, organisationId, accept: false })}
      >
        {t("decline")}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}
