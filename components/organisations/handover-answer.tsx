"use client";
// A collective's admin takes over, or declines, a project a network's import asked it to.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";

export function HandoverAnswer({ handoverId, projectTitle }: { handoverId: string; projectTitle: string }) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const router = useRouter();
  const answer = useApiMutation((api) => api.portfolio.answerHandover, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(answer.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        aria-label={`${t("handoverAccept")} : ${projectTitle}`}
        disabled={answer.isPending}
        onClick={() => answer.mutate({ handoverId, accept: true })}
      >
        {t("handoverAccept")}
      </Button>
      <Button
        type="button"
        variant="secondary"
        aria-label={`${t("handoverDecline")} : ${projectTitle}`}
        disabled={answer.isPending}
        onClick={() => answer.mutate({ handoverId, accept: false })}
      >
        {t("handoverDecline")}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}
