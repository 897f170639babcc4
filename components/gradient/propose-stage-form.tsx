"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { SelectField, TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { STAGES, type Side, type Stage } from "@/server/domain/gradient";

export function ProposeStageForm({
  relationshipId,
  currentStage,
  sides,
  milestones,
}: {
  relationshipId: string;
  currentStage: Stage;
  sides: Side[];
  milestones: { id: string; title: string; occursOn: string }[];
}) {
  const t = useTranslations("projectPage");
  const ts = useTranslations("stages");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const propose = useApiMutation((api) => api.stage.propose, {
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const errors = formErrorsOf(propose.error, tc("error"));
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        {t("propose")}
      </Button>
    );
  }
  return (
    <form
      noValidate
      className="mt-3 rounded-lg border border-line p-3"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        propose.mutate({
          relationshipId,
          as: (String(form.get("as") ?? sides[0]) as Side) ?? "collective",
          toStage: String(form.get("toStage")) as Stage,
          reason: String(form.get("reason") ?? ""),
          milestoneIds: form.getAll("milestoneIds").map(String),
        });
      }}
    >
      <SelectField id={`${id}-to`} name="toStage" label={t("proposeTo")} defaultValue={STAGES.find((stage) => stage !== currentStage)}>
        {STAGES.filter((stage) => stage !== currentStage).map((stage) => (
          <option key={stage} value={stage}>
            {ts(stage)}
          </option>
        ))}
      </SelectField>
      {sides.length > 1 ? (
        <SelectField id={`${id}-as`} name="as" label={t("proposeAs")}>
          {sides.map((side) => (
            <option key={side} value={side}>
              {t(`sideLabels.${side}`)}
            </option>
          ))}
        </SelectField>
      ) : (
        <input type="hidden" name="as" value={sides[0]} />
      )}
      <TextArea id={`${id}-reason`} name="reason" label={t("proposeReason")} rows={2} error={errors.fields.reason} />
      {milestones.length > 0 ? (
        <fieldset className="mb-4">
          <legend className="font-medium">{t("supporting")}</legend>
          {milestones.map((milestone) => (
            <label key={milestone.id} className="mt-1 flex items-start gap-2 text-sm">
              <input type="checkbox" name="milestoneIds" value={milestone.id} className="mt-0.5 h-5 w-5 shrink-0" />
              {milestone.title} ({milestone.occursOn.split("-").reverse().join("/")})
            </label>
          ))}
        </fieldset>
      ) : null}
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={propose.isPending}>
          {t("send")}
        </Button>
        <Button type="button" variant="quiet" onClick={() => setOpen(false)}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}
