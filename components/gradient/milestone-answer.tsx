"use client";
// The other side confirms a milestone, or contests it with a reason.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { Button } from "@/components/ui/primitives";

export function MilestoneAnswer({ milestoneId, relationshipId, label }: { milestoneId: string; relationshipId: string; label: string }) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [comment, setComment] = useState("");
  const onSuccess = () => router.refresh();
  const confirm = useApiMutation((api) => api.milestone.confirm, { onSuccess });
  const contest = useApiMutation((api) => api.milestone.contest, { onSuccess });
  const errors = formErrorsOf(confirm.error ?? contest.error, tc("error"));
  const busy = confirm.isPending || contest.isPending;
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2">
      <label htmlFor={`${id}-comment`} className="sr-only">
        {t("contestReason")} — {label}
      </label>
      <input
        id={`${id}-comment`}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        placeholder={t("contestReason")}
        className="min-h-11 flex-1 rounded-lg border border-stone-400 px-3 py-1.5"
      />
      <Button
        type="button"
        disabled={busy}
        aria-label={`${t("confirmMilestone")} — ${label}`}
        onClick={() => confirm.mutate({ milestoneId, relationshipId, comment })}
      >
        {t("confirmMilestone")}
      </Button>
      <Button
        type="button"
        variant="secondary"
        disabled={busy}
        aria-label={`${t("contestMilestone")} — ${label}`}
        onClick={() => contest.mutate({ milestoneId, relationshipId, comment })}
      >
        {t("contestMilestone")}
      </Button>
      {errors.message || errors.fields.comment ? (
        <p role="alert" className="w-full text-sm font-medium text-danger">
          {errors.fields.comment ?? errors.message}
        </p>
      ) : null}
    </div>
  );
}
