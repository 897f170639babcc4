"use client";
// One button for every decision that needs a reason the other person will read: reporting,
// hiding, restoring, dismissing, refusing, ending an accompaniment. The reason is asked for in a
// small form that opens under the button.
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useTRPC } from "@/components/trpc";
import { TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export type ReasonActionKind =
  | { action: "report" | "hide" | "restore"; kind: "comment" | "milestone"; contentId: string }
  | { action: "dismiss"; reportId: string }
  | { action: "refuseNetwork" | "leave"; projectId: string; networkId: string }
  | { action: "refusePublic"; projectId: string };

function useReasonMutation(target: ReasonActionKind, onDone: () => void) {
  const trpc = useTRPC();
  const options = { onSuccess: onDone };
  const report = useMutation(trpc.moderation.report.mutationOptions(options));
  const hide = useMutation(trpc.moderation.hide.mutationOptions(options));
  const restore = useMutation(trpc.moderation.restore.mutationOptions(options));
  const dismiss = useMutation(trpc.moderation.dismiss.mutationOptions(options));
  const refuseNetwork = useMutation(trpc.party.decideNetwork.mutationOptions(options));
  const refusePublic = useMutation(trpc.project.reviewPublic.mutationOptions(options));
  const leave = useMutation(trpc.portfolio.leave.mutationOptions(options));
  switch (target.action) {
    case "report":
    case "hide":
    case "restore": {
      const mutation = { report, hide, restore }[target.action];
      return { mutation, run: (reason: string) => mutation.mutate({ kind: target.kind, contentId: target.contentId, reason }) };
    }
    case "dismiss":
      return { mutation: dismiss, run: (reason: string) => dismiss.mutate({ reportId: target.reportId, reason }) };
    case "refuseNetwork":
      return {
        mutation: refuseNetwork,
        run: (reason: string) => refuseNetwork.mutate({ projectId: target.projectId, networkId: target.networkId, accept: false, reason }),
      };
    case "leave":
      return { mutation: leave, run: (reason: string) => leave.mutate({ projectId: target.projectId, networkId: target.networkId, reason }) };
    case "refusePublic":
      return { mutation: refusePublic, run: (reason: string) => refusePublic.mutate({ projectId: target.projectId, accept: false, reason }) };
  }
}

export function ReasonAction({ target, label, about }: { target: ReasonActionKind; label: string; about: string }) {
  const t = useTranslations("moderation");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const { mutation, run } = useReasonMutation(target, () => {
    setOpen(false);
    setReason("");
    router.refresh();
  });
  const errors = formErrorsOf(mutation.error, tc("error"));
  if (!open) {
    return (
      <Button type="button" variant={target.action === "report" ? "quiet" : "secondary"} aria-label={`${label} : ${about}`} onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  return (
    <form
      className="mt-2 w-full rounded-lg border border-line bg-paper p-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(reason);
      }}
    >
      <TextArea
        id={`${id}-reason`}
        label={t(`reasonLabel.${target.action}`)}
        hint={t(`reasonHint.${target.action}`)}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        rows={2}
        maxLength={1000}
        required
        autoFocus
        error={errors.fields.reason}
      />
      {errors.message && !errors.fields.reason ? <Alert>{errors.message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={target.action === "hide" || target.action === "leave" ? "danger" : "primary"} disabled={mutation.isPending}>
          {label}
        </Button>
        <Button type="button" variant="quiet" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
