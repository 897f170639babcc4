"use client";
// A moderator's note on a contested milestone, read by both sides of the relationship.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextArea } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";

export function MediationNoteForm({ milestoneId, relationshipId }: { milestoneId: string; relationshipId: string }) {
  const t = useTranslations("moderation");
  const tc = useTranslations("common");
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const add = useApiMutation((api) => api.moderation.addMilestoneNote, {
    onSuccess: () => {
      setText("");
      router.refresh();
    },
  });
  const errors = formErrorsOf(add.error, tc("error"));
  return (
    <details className="mt-2">
      <summary className="cursor-pointer font-medium text-brand">{t("addNote")}</summary>
      <form
        className="mt-2"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate({ milestoneId, relationshipId, text });
        }}
      >
        <TextArea
          id={`${id}-note`}
          label={t("noteLabel")}
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={3}
          maxLength={2000}
          error={errors.fields.text}
        />
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        <Button type="submit" disabled={add.isPending}>
          {t("saveNote")}
        </Button>
      </form>
    </details>
  );
}
