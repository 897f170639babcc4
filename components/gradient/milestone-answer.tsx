"use client";
// The other side confirms a milestone, or contests it with a reason.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useQueueableMutation } from "@/components/offline/use-queueable-mutation";
import { Button } from "@/components/ui/primitives";

export function MilestoneAnswer({
  projectId,
  milestoneId,
  relationshipId,
  label,
}: {
  projectId: string;
  milestoneId: string;
  relationshipId: string;
  label: string;
}) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const to = useTranslations("offline");
  const router = useRouter();
  const id = useId();
  const [comment, setComment] = useState("");
  // Without signal, the answer waits in the outbox and leaves when the network is back.
  const describe = (kind: "milestoneConfirm" | "milestoneContest") => () => ({ label: `${to(`kinds.${kind}`)} — ${label}`, typed: comment, projectId });
  const confirm = useQueueableMutation((api) => api.milestone.confirm, { procedure: "milestone.confirm", describe: describe("milestoneConfirm") });
  const contest = useQueueableMutation((api) => api.milestone.contest, { procedure: "milestone.contest", describe: describe("milestoneContest") });
  const answer = (send: (input: { milestoneId: string; relationshipId: string; comment: string }) => Promise<unknown>) =>
    void send({ milestoneId, relationshipId, comment })
      .then((outcome) => {
        if (outcome === "queued") setComment("");
        else router.refresh();
      })
      .catch(() => {});
  const errors = formErrorsOf(confirm.error ?? contest.error, tc("error"));
  const busy = confirm.isPending || contest.isPending;
  return (
    <div className="mt-2 flex flex-wrap items-end gap-2" data-works-offline="">
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
      <Button type="button" disabled={busy} aria-label={`${t("confirmMilestone")} — ${label}`} onClick={() => answer(confirm.send)}>
        {t("confirmMilestone")}
      </Button>
      <Button type="button" variant="secondary" disabled={busy} aria-label={`${t("contestMilestone")} — ${label}`} onClick={() => answer(contest.send)}>
        {t("contestMilestone")}
      </Button>
      {confirm.queued || contest.queued ? (
        <p role="status" className="w-full text-sm">
          {to("queued")}
        </p>
      ) : null}
      {errors.message || errors.fields.comment ? (
        <p role="alert" className="w-full text-sm font-medium text-danger">
          {errors.fields.comment ?? errors.message}
        </p>
      ) : null}
    </div>
  );
}
