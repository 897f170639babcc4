"use client";
// The invited structure's admin accepts or declines to co-hold a project: on its page and in « À traiter ».
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { AcceptDecline } from "@/components/ui/accept-decline";

export function HolderInvitationAnswer({ projectId, organisationId, projectTitle }: { projectId: string; organisationId: string; projectTitle: string }) {
  const t = useTranslations("holders");
  const tc = useTranslations("common");
  const router = useRouter();
  const answer = useApiMutation((api) => api.holder.answer, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(answer.error, tc("error"));
  return (
    <AcceptDecline
      labels={{ accept: t("accept"), decline: t("decline") }}
      about={projectTitle}
      pending={answer.isPending}
      error={errors.message}
      onAnswer={(accept) => answer.mutate({ projectId, organisationId, accept })}
    />
  );
}
