"use client";
// Recording a trust-building milestone, for the side one speaks for.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useQueueableFormMutation } from "@/components/offline/use-queueable-mutation";
import { SelectField, TextArea, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import { LEVER_IDS, recommendedLevers, type LeverId, type Side, type Stage } from "@/server/domain/gradient";
import { MILESTONE_KINDS, MILESTONE_STATUSES, OBVIOUS_LEVER, type MilestoneKind } from "@/server/domain/milestones";

/** A relationship the person may record a milestone for, at its current stage (or the one proposed to start at). */
export type MilestoneTarget = { relationshipId: string; authorityName: string; sides: Side[]; stage: Stage };

export function MilestoneForm({ projectId, targets, today }: { projectId: string; targets: MilestoneTarget[]; today: string }) {
  const t = useTranslations("projectPage");
  const tk = useTranslations("milestoneKinds");
  const tst = useTranslations("milestoneStatuses");
  const tl = useTranslations("levers");
  const tc = useTranslations("common");
  const to = useTranslations("offline");
  const router = useRouter();
  const sides = [...new Set(targets.flatMap((target) => target.sides))];
  const [side, setSide] = useState<Side>(sides[0] ?? "collective");
  const [saved, setSaved] = useState<string | null>(null);
  const [kind, setKind] = useState<MilestoneKind>(MILESTONE_KINDS[0]);
  const [levers, setLevers] = useState<Set<LeverId>>(new Set());
  // Once the page has the new milestone, it is brought into view and given the focus: the person sees it saved where it now lives.
  useEffect(() => {
    if (!saved) return;
    let tries = 0;
    const timer = window.setInterval(() => {
      const entry = document.getElementById(`jalon-${saved}`);
      tries += 1;
      if (entry) {
        entry.scrollIntoView({ block: "center" });
        entry.focus({ preventScroll: true });
      }
      if (entry || tries > 40) window.clearInterval(timer);
    }, 100);
    return () => window.clearInterval(timer);
  }, [saved]);
  const create = useQueueableFormMutation(
    (api) => api.milestone.create,
    (form) => {
      const evidence = form.text("evidence").trim();
      return {
        projectId,
        as: side,
        relationshipIds: form.texts("relationshipIds"),
        kind: form.choice("kind", MILESTONE_KINDS),
        title: form.text("title"),
        occursOn: form.text("occursOn"),
        status: form.choice("status", MILESTONE_STATUSES),
        description: form.text("description"),
        evidenceLinks: evidence ? [evidence] : [],
        levers: form.choices("levers", LEVER_IDS),
      };
    },
    {
      onSaved: (milestone, form) => {
        form.reset();
        setKind(MILESTONE_KINDS[0]);
        setLevers(new Set());
        setSaved(milestone.milestoneId);
        router.refresh();
      },
      // Without signal, the milestone waits in the outbox (shown on this page) and leaves when the network is back.
      offline: {
        procedure: "milestone.create",
        describe: (input) => ({
          label: to("kinds.milestoneCreate", { title: input.title }),
          typed: [input.title, input.description].filter(Boolean).join("\n\n"),
          projectId,
        }),
      },
      onQueued: (form) => {
        form.reset();
        setKind(MILESTONE_KINDS[0]);
        setLevers(new Set());
        setSaved(null);
      },
    },
  );
  const errors = formErrorsOf(create.error, tc("error"));
  const available = targets.filter((target) => target.sides.includes(side));
  // The levers the study recommends at these relationships' stages first, then the others.
  const ordered = [...new Set(available.flatMap((target) => recommendedLevers(target.stage)))];
  const others = LEVER_IDS.filter((lever) => !ordered.includes(lever));
  const chooseKind = (next: MilestoneKind) => {
    // The new kind's obvious lever is ticked; the previous kind's, if still ticked, is left to the person.
    const obvious = OBVIOUS_LEVER[next];
    if (obvious) setLevers((current) => new Set([...current, obvious]));
    setKind(next);
  };
  const toggleLever = (lever: LeverId, on: boolean) =>
    setLevers((current) => {
      const next = new Set(current);
      if (on) next.add(lever);
      else next.delete(lever);
      return next;
    });
  const leverBox = (lever: LeverId) => (
    <label key={lever} className="flex items-start gap-2 text-sm">
      <input
        type="checkbox"
        name="levers"
        value={lever}
        checked={levers.has(lever)}
        onChange={(event) => toggleLever(lever, event.target.checked)}
        className="mt-0.5 h-5 w-5 shrink-0"
      />
      {tl(lever)}
    </label>
  );
  return (
    <form noValidate onSubmit={create.onSubmit} data-works-offline="">
      {sides.length > 1 ? (
        <SelectField id="milestone-side" label={t("proposeAs")} value={side} onChange={(event) => setSide(event.target.value as Side)}>
          {sides.map((option) => (
            <option key={option} value={option}>
              {t(`sideLabels.${option}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        id="milestone-kind"
        name="kind"
        label={t("milestoneKind")}
        value={kind}
        onChange={(event) => chooseKind(MILESTONE_KINDS.find((option) => option === event.target.value) ?? MILESTONE_KINDS[0])}
      >
        {MILESTONE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {tk(kind)}
          </option>
        ))}
      </SelectField>
      <TextField id="milestone-title" name="title" label={t("milestoneTitle")} required maxLength={160} error={errors.fields.title} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id="milestone-date" name="occursOn" type="date" label={t("milestoneDate")} defaultValue={today} required error={errors.fields.occursOn} />
        <SelectField id="milestone-status" name="status" label={t("milestoneStatus")} defaultValue="done">
          {MILESTONE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {tst(status)}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="mb-4">
        <legend className="font-medium">{t("milestoneRelationships")}</legend>
        {available.map((target, index) => (
          <label key={target.relationshipId} className="mt-1 flex items-center gap-2">
            <input type="checkbox" name="relationshipIds" value={target.relationshipId} defaultChecked={index === 0} className="h-5 w-5" />
            {target.authorityName}
          </label>
        ))}
        {errors.fields.relationshipIds ? <p className="text-sm font-medium text-danger">{errors.fields.relationshipIds}</p> : null}
      </fieldset>
      <TextArea id="milestone-description" name="description" label={t("milestoneDescription")} rows={3} />
      <fieldset className="mb-4">
        <legend className="font-medium">{t("milestoneLevers")}</legend>
        <p className="mt-1 text-sm font-medium">{t("leversRecommended")}</p>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">{ordered.map(leverBox)}</div>
        <p className="mt-3 text-sm font-medium">{t("leversOthers")}</p>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">{others.map(leverBox)}</div>
      </fieldset>
      <TextField id="milestone-evidence" name="evidence" type="url" label={t("milestoneEvidence")} error={errors.fields.evidenceLinks} />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      {create.queued ? <Alert tone="success">{to("queued")}</Alert> : null}
      {saved && !create.isPending && !errors.message ? (
        <Alert tone="success">
          {t("milestoneSaved")} <a href={`#jalon-${saved}`}>{t("milestoneSavedLink")}</a>
        </Alert>
      ) : null}
      <Button type="submit" disabled={create.isPending}>
        {t("saveMilestone")}
      </Button>
    </form>
  );
}
