"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { ReasonAction } from "@/components/moderation/reason-action";
import { Button } from "@/components/ui/primitives";

export function NetworkDecision({ projectId, networkId, projectTitle }: { projectId: string; networkId: string; projectTitle: string }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const decide = useApiMutation((api) => api.party.decideNetwork, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(decide.error, tc("error"));
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        type="button"
        aria-label={`${t("accept")} : ${projectTitle}`}
        disabled={decide.isPending}
        onClick={() => decide.mutate({ projectId, networkId, accept: true, reason: "" })}
      >
        {t("accept")}
      </Button>
      <ReasonAction target={{ action: "refuseNetwork", projectId, networkId }} label={t("refuse")} about={projectTitle} />
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </span>
  );
}
