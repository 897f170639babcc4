"use client";
// A milestone recorded by mistake: its author corrects what it says, or withdraws it, while no one
// has confirmed it. Withdrawing asks first.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { MILESTONE_KINDS, type MilestoneKind } from "@/server/domain/milestones";

export type RevisableMilestone = { id: string; version: number; kind: MilestoneKind; title: string; occursOn: string; description: string };

export function MilestoneRevision({ milestone }: { milestone: RevisableMilestone }) {
  const t = useTranslations("projectPage");
  const tk = useTranslations("milestoneKinds");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [confirmingWithdraw, setConfirmingWithdraw] = useState(false);
  const update = useFormMutation(
    (api) => api.milestone.update,
    (form) => ({
      milestoneId: milestone.id,
      version: milestone.version,
      changes: {
        kind: form.choice("kind", MILESTONE_KINDS),
        title: form.text("title"),
        occursOn: form.text("occursOn"),
        description: form.text("description"),
      },
    }),
    {
      onSaved: () => {
        setEditing(false);
        router.refresh();
      },
    },
  );
  const withdraw = useApiMutation((api) => api.milestone.withdraw, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(update.error ?? withdraw.error, tc("error"));
  if (editing) {
    return (
      <form
        noValidate
        className="mt-2 rounded-lg border border-line bg-white p-3"
        onSubmit={update.onSubmit}
        aria-label={t("reviseMilestoneOf", { title: milestone.title })}
      >
        <SelectField id={`${id}-kind`} name="kind" label={t("milestoneKind")} defaultValue={milestone.kind}>
          {MILESTONE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {tk(kind)}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`${id}-title`}
          name="title"
          label={t("milestoneTitle")}
          defaultValue={milestone.title}
          required
          maxLength={160}
          error={errors.fields.title}
        />
        <TextField
          id={`${id}-date`}
          name="occursOn"
          type="date"
          label={t("milestoneDate")}
          defaultValue={milestone.occursOn}
          required
          error={errors.fields.occursOn}
        />
        <TextArea id={`${id}-description`} name="description" label={t("milestoneDescription")} defaultValue={milestone.description} rows={3} />
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={update.isPending}>
            {t("saveRevision")}
          </Button>
          <Button type="button" variant="quiet" onClick={() => setEditing(false)}>
            {tc("cancel")}
          </Button>
        </div>
      </form>
    );
  }
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2">
      <Button type="button" variant="quiet" onClick={() => setEditing(true)}>
        {t("reviseMilestone")}
      </Button>
      {confirmingWithdraw ? (
        <span role="group" aria-label={t("withdrawMilestoneConfirm")} className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-2 py-1">
          <span className="text-sm">{t("withdrawMilestoneConfirm")}</span>
          <Button
            type="button"
            variant="secondary"
            disabled={withdraw.isPending}
            onClick={() => withdraw.mutate({ milestoneId: milestone.id, version: milestone.version })}
          >
            {t("withdrawMilestoneYes")}
          </Button>
          <Button type="button" variant="quiet" onClick={() => setConfirmingWithdraw(false)}>
            {tc("cancel")}
          </Button>
        </span>
      ) : (
        <Button type="button" variant="quiet" onClick={() => setConfirmingWithdraw(true)}>
          {t("withdrawMilestone")}
        </Button>
      )}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </div>
  );
}
