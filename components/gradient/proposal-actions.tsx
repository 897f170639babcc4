"use client";
// What one may do with a pending stage proposal: confirm or decline it (the other side), withdraw
// it (the side that proposed), add a mediation note (a holding network's moderator).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function ProposalActions({
  stageChangeId,
  canDecide,
  canWithdraw,
  canMediate,
}: {
  stageChangeId: string;
  canDecide: boolean;
  canWithdraw: boolean;
  canMediate: boolean;
}) {
  const t = useTranslations("projectPage");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [comment, setComment] = useState("");
  const onSuccess = () => {
    setComment("");
    router.refresh();
  };
  const confirm = useApiMutation((api) => api.stage.confirm, { onSuccess });
  const decline = useApiMutation((api) => api.stage.decline, { onSuccess });
  const withdraw = useApiMutation((api) => api.stage.withdraw, { onSuccess });
  const mediate = useApiMutation((api) => api.stage.addMediationNote, { onSuccess });
  const failed = confirm.error ?? decline.error ?? withdraw.error ?? mediate.error;
  const errors = formErrorsOf(failed, tc("error"));
  const busy = confirm.isPending || decline.isPending || withdraw.isPending || mediate.isPending;
  if (!canDecide && !canWithdraw && !canMediate) return null;
  return (
    <div className="mt-3 space-y-2">
      <TextArea
        id={`${id}-comment`}
        label={canMediate && !canDecide && !canWithdraw ? t("addMediation") : t("comment")}
        hint={canMediate && !canDecide && !canWithdraw ? t("mediationHint") : undefined}
        rows={2}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        error={errors.fields.comment ?? errors.fields.text}
      />
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {canDecide ? (
          <>
            <Button type="button" disabled={busy} onClick={() => confirm.mutate({ stageChangeId, comment })}>
              {t("confirm")}
            </Button>
            <Button type="button" variant="secondary" disabled={busy} onClick={() => decline.mutate({ stageChangeId, comment })}>
              {t("decline")}
            </Button>
          </>
        ) : null}
        {canWithdraw ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => withdraw.mutate({ stageChangeId, comment })}>
            {t("withdraw")}
          </Button>
        ) : null}
        {canMediate ? (
          <Button type="button" variant="secondary" disabled={busy} onClick={() => mediate.mutate({ stageChangeId, text: comment })}>
            {t("addMediation")}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
