"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { SelectField, TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { proposedStageByDefault, SIDES, STAGES, type Side, type Stage } from "@/server/domain/gradient";

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
  const propose = useFormMutation(
    (api) => api.stage.propose,
    (form) => ({
      relationshipId,
      // With one side, the form does not ask which.
      as: form.text("as") ? form.choice("as", SIDES) : (sides[0] ?? "collective"),
      toStage: form.choice("toStage", STAGES),
      reason: form.text("reason"),
      milestoneIds: form.texts("milestoneIds"),
    }),
    {
      onSaved: () => {
        setOpen(false);
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(propose.error, tc("error"));
  if (!open) {
    return (
      <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
        {t("propose")}
      </Button>
    );
  }
  return (
    <form noValidate className="mt-3 rounded-lg border border-line p-3" onSubmit={propose.onSubmit}>
      <SelectField id={`${id}-to`} name="toStage" label={t("proposeTo")} defaultValue={proposedStageByDefault(currentStage)}>
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
