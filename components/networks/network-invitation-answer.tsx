"use client";
// The collective's answer to a network offering to support its project.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";

export function NetworkInvitationAnswer({ projectId, networkId, networkName }: { projectId: string; networkId: string; networkName: string }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const answer = useApiMutation((api) => api.portfolio.answerInvitation, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(answer.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        aria-label={`${t("acceptInvitation")} : ${networkName}`}
        disabled={answer.isPending}
        onClick={() => answer.mutate({ projectId, networkId, accept: true })}
      >
        {t("acceptInvitation")}
      </Button>
      <Button
        type="button"
        variant="secondary"
        aria-label={`${t("declineInvitation")} : ${networkName}`}
        disabled={answer.isPending}
        onClick={() => answer.mutate({ projectId, networkId, accept: false })}
      >
        {t("declineInvitation")}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}
