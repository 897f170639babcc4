"use client";
// Asking for the file to become public, and the moderator's answer.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { ReasonAction } from "@/components/moderation/reason-action";
import { Alert, Button } from "@/components/ui/primitives";

export function PublicRequest({ projectId, mode }: { projectId: string; mode: "request" | "review" }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const request = useApiMutation((api) => api.project.requestPublic, { onSuccess });
  const review = useApiMutation((api) => api.project.reviewPublic, { onSuccess });
  const errors = formErrorsOf(request.error ?? review.error, tc("error"));
  return (
    <div className="flex flex-wrap items-center gap-2">
      {mode === "request" ? (
        <Button type="button" variant="secondary" disabled={request.isPending} onClick={() => request.mutate({ projectId })}>
          {t("requestPublic")}
        </Button>
      ) : (
        <>
          <span className="font-medium">{t("reviewPublic")} :</span>
          <Button type="button" disabled={review.isPending} onClick={() => review.mutate({ projectId, accept: true, reason: "" })}>
            {t("accept")}
          </Button>
          <ReasonAction target={{ action: "refusePublic", projectId }} label={t("refuse")} about={t("reviewPublic")} />
        </>
      )}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </div>
  );
}
