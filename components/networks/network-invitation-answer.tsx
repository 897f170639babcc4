"use client";
// The collective's answer to a network offering to support its project.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { AcceptDecline } from "@/components/ui/accept-decline";

export function NetworkInvitationAnswer({ projectId, networkId, networkName }: { projectId: string; networkId: string; networkName: string }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const answer = useApiMutation((api) => api.portfolio.answerInvitation, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(answer.error, tc("error"));
  return (
    <AcceptDecline
      labels={{ accept: t("acceptInvitation"), decline: t("declineInvitation") }}
      about={networkName}
      pending={answer.isPending}
      error={errors.message}
      onAnswer={(accept) => answer.mutate({ projectId, networkId, accept })}
    />
  );
}
