"use client";
// A collective's admin takes over, or declines, a project a network's import asked it to.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { AcceptDecline } from "@/components/ui/accept-decline";

export function HandoverAnswer({ handoverId, projectTitle }: { handoverId: string; projectTitle: string }) {
  const t = useTranslations("organisation");
  const tc = useTranslations("common");
  const router = useRouter();
  const answer = useApiMutation((api) => api.portfolio.answerHandover, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(answer.error, tc("error"));
  return (
    <AcceptDecline
      labels={{ accept: t("handoverAccept"), decline: t("handoverDecline") }}
      about={projectTitle}
      pending={answer.isPending}
      error={errors.message}
      onAnswer={(accept) => answer.mutate({ handoverId, accept })}
    />
  );
}
