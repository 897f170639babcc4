"use client";
// The side that recorded a milestone moves it from planned to done, or cancels it.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { Button } from "@/components/ui/primitives";
import { MILESTONE_STATUSES, type MilestoneStatus } from "@/server/domain/milestones";

export function MilestoneStatusControl({
  milestoneId,
  version,
  status,
  title,
}: {
  milestoneId: string;
  version: number;
  status: MilestoneStatus;
  title: string;
}) {
  const t = useTranslations("projectPage");
  const tst = useTranslations("milestoneStatuses");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const update = useFormMutation(
    (api) => api.milestone.update,
    (form) => ({ milestoneId, version, changes: { status: form.choice("status", MILESTONE_STATUSES) } }),
    { onSaved: () => router.refresh() },
  );
  const errors = formErrorsOf(update.error, tc("error"));
  return (
    <form className="mt-2 flex flex-wrap items-center gap-2" onSubmit={update.onSubmit}>
      <label htmlFor={`${id}-status`} className="sr-only">
        {t("milestoneStatus")} — {title}
      </label>
      <select id={`${id}-status`} name="status" defaultValue={status} className="min-h-11 rounded-lg border border-stone-400 bg-white px-2">
        {MILESTONE_STATUSES.map((option) => (
          <option key={option} value={option}>
            {tst(option)}
          </option>
        ))}
      </select>
      <Button type="submit" variant="quiet" disabled={update.isPending}>
        {t("markStatus")}
      </Button>
      {errors.message ? (
        <span role="alert" className="text-sm text-danger">
          {errors.message}
        </span>
      ) : null}
    </form>
  );
}
