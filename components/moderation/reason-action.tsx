"use client";
// One button for every decision that needs a reason the other person will read: reporting,
// hiding, restoring, dismissing, refusing, ending an accompaniment or a relationship. The reason is asked for in a
// small form that opens under the button.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export type ReasonActionKind =
  | { action: "report" | "hide" | "restore"; kind: "comment" | "milestone"; contentId: string }
  | { action: "dismiss"; reportId: string }
  | { action: "refuseNetwork" | "leave"; projectId: string; networkId: string }
  | { action: "refusePublic"; projectId: string }
  | { action: "refuseMembership"; membershipId: string }
  | { action: "endRelationship"; relationshipId: string; as: "collective" | "authority" };

/** One mutation per button, whichever decision it carries. */
function useReasonMutation(target: ReasonActionKind, onDone: () => void) {
  return useApiMutation(
    (client) => ({
      mutate: (reason: string): Promise<unknown> => {
        switch (target.action) {
          case "report":
            return client.moderation.report.mutate({ kind: target.kind, contentId: target.contentId, reason });
          case "hide":
            return client.moderation.hide.mutate({ kind: target.kind, contentId: target.contentId, reason });
          case "restore":
            return client.moderation.restore.mutate({ kind: target.kind, contentId: target.contentId, reason });
          case "dismiss":
            return client.moderation.dismiss.mutate({ reportId: target.reportId, reason });
          case "refuseNetwork":
            return client.party.decideNetwork.mutate({ projectId: target.projectId, networkId: target.networkId, accept: false, reason });
          case "leave":
            return client.portfolio.leave.mutate({ projectId: target.projectId, networkId: target.networkId, reason });
          case "refusePublic":
            return client.project.reviewPublic.mutate({ projectId: target.projectId, accept: false, reason });
          case "refuseMembership":
            return client.organisation.refuseMembership.mutate({ membershipId: target.membershipId, reason });
          case "endRelationship":
            return client.party.endRelationship.mutate({ relationshipId: target.relationshipId, as: target.as, reason });
        }
      },
    }),
    { onSuccess: onDone },
  );
}

export function ReasonAction({ target, label, about }: { target: ReasonActionKind; label: string; about: string }) {
  const t = useTranslations("moderation");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [sent, setSent] = useState(false);
  const mutation = useReasonMutation(target, () => {
    setOpen(false);
    setReason("");
    // A report changes nothing the reporter sees: they are told it went.
    if (target.action === "report") setSent(true);
    router.refresh();
  });
  const errors = formErrorsOf(mutation.error, tc("error"));
  if (sent) {
    return (
      <p role="status" className="text-sm font-medium text-emerald-800">
        {t("reportSent")}
      </p>
    );
  }
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
        mutation.mutate(reason);
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
        <Button
          type="submit"
          variant={target.action === "hide" || target.action === "leave" || target.action === "endRelationship" ? "danger" : "primary"}
          disabled={mutation.isPending}
        >
          {label}
        </Button>
        <Button type="button" variant="quiet" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
