"use client";
// The parties' discussion: messages, mentions, editing and deleting one's own.
import { useFormatter, useTranslations } from "next-intl";
import { useQueueableFormMutation } from "@/components/offline/use-queueable-mutation";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { TextArea } from "@/components/ui/field";
import { ReasonAction } from "@/components/moderation/reason-action";
import { Alert, Badge, Button } from "@/components/ui/primitives";

type Comment = {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  version: number;
  mine: boolean;
  hidden: boolean;
  mentions: { userId: string; name: string | null }[];
};

function CommentItem({ comment, canReport, canModerate }: { comment: Comment; canReport: boolean; canModerate: boolean }) {
  const t = useTranslations("conversation");
  const tc = useTranslations("common");
  const tm = useTranslations("moderation");
  const format = useFormatter();
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  // Deleting asks first: a slip of the finger on a phone loses nothing.
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [body, setBody] = useState(comment.body);
  const edit = useApiMutation((api) => api.comment.edit, {
    onSuccess: () => {
      setEditing(false);
      router.refresh();
    },
  });
  const remove = useApiMutation((api) => api.comment.delete, { onSuccess: () => router.refresh() });
  const errors = formErrorsOf(edit.error ?? remove.error, tc("error"));
  return (
    <li
      id={`commentaire-${comment.id}`}
      className={`scroll-mt-4 rounded-lg border p-3 ${comment.hidden ? "border-dashed border-danger bg-red-50" : "border-line bg-white"}`}
    >
      {comment.hidden ? <Badge tone="warn">{tm("hiddenBadge")}</Badge> : null}
      <p className="text-sm text-muted">
        {t("by", { name: comment.authorName ?? "—", date: format.dateTime(comment.createdAt, { dateStyle: "long", timeStyle: "short" }) })}
        {comment.updatedAt.getTime() - comment.createdAt.getTime() > 1000 && !comment.deletedAt ? ` · ${t("edited")}` : ""}
      </p>
      {comment.deletedAt ? (
        <p className="text-muted italic">{t("deleted")}</p>
      ) : editing ? (
        <form
          className="mt-2"
          onSubmit={(event) => {
            event.preventDefault();
            edit.mutate({ commentId: comment.id, version: comment.version, body });
          }}
        >
          <TextArea
            id={`edit-${comment.id}`}
            label={t("message")}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={3}
            error={errors.fields.body}
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={edit.isPending}>
              {t("save")}
            </Button>
            <Button type="button" variant="quiet" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      ) : (
        <p className="mt-1 whitespace-pre-line break-words">{comment.body}</p>
      )}
      {comment.mentions.length > 0 ? (
        <p className="mt-1 text-sm text-brand">{t("mentions", { names: comment.mentions.map((mention) => `@${mention.name ?? "—"}`).join(", ") })}</p>
      ) : null}
      <div className="mt-2 flex flex-wrap gap-2">
        {comment.mine && !comment.deletedAt && !comment.hidden && !editing ? (
          <>
            <Button type="button" variant="quiet" onClick={() => setEditing(true)}>
              {t("edit")}
            </Button>
            {confirmingDelete ? (
              <span role="group" aria-label={t("deleteConfirm")} className="flex flex-wrap items-center gap-2 rounded-md bg-red-50 px-2 py-1">
                <span className="text-sm">{t("deleteConfirm")}</span>
                <Button type="button" variant="secondary" disabled={remove.isPending} onClick={() => remove.mutate({ commentId: comment.id })}>
                  {t("deleteYes")}
                </Button>
                <Button type="button" variant="quiet" onClick={() => setConfirmingDelete(false)}>
                  {t("cancel")}
                </Button>
              </span>
            ) : (
              <Button type="button" variant="quiet" onClick={() => setConfirmingDelete(true)}>
                {t("delete")}
              </Button>
            )}
          </>
        ) : null}
        {canReport && !comment.mine && !comment.deletedAt && !comment.hidden ? (
          <ReasonAction target={{ action: "report", kind: "comment", contentId: comment.id }} label={tm("report")} about={comment.body.slice(0, 60)} />
        ) : null}
        {canModerate && !comment.deletedAt ? (
          comment.hidden ? (
            <ReasonAction target={{ action: "restore", kind: "comment", contentId: comment.id }} label={tm("restore")} about={comment.body.slice(0, 60)} />
          ) : (
            <ReasonAction target={{ action: "hide", kind: "comment", contentId: comment.id }} label={tm("hide")} about={comment.body.slice(0, 60)} />
          )
        ) : null}
      </div>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
    </li>
  );
}

export function CommentThread({
  projectId,
  comments,
  mentionable,
  canWrite,
  canModerate,
}: {
  projectId: string;
  comments: Comment[];
  mentionable: { id: string; name: string }[];
  canWrite: boolean;
  canModerate: boolean;
}) {
  const t = useTranslations("conversation");
  const tc = useTranslations("common");
  const router = useRouter();
  const to = useTranslations("offline");
  const add = useQueueableFormMutation(
    (api) => api.comment.add,
    (form) => ({ projectId, body: form.text("body"), mentionIds: form.texts("mentionIds") }),
    {
      onSaved: (_comment, form) => {
        form.reset();
        router.refresh();
      },
      // Without signal, the comment waits in the outbox and leaves when the network is back.
      offline: { procedure: "comment.add", describe: (input) => ({ label: to("kinds.commentAdd"), typed: input.body, projectId }) },
      onQueued: (form) => form.reset(),
    },
  );
  const errors = formErrorsOf(add.error, tc("error"));
  return (
    <div>
      {comments.length === 0 ? <p className="mb-4 text-muted">{t("empty")}</p> : null}
      <ol className="mb-4 space-y-3">
        {comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} canReport={canWrite} canModerate={canModerate} />
        ))}
      </ol>
      {canWrite ? (
        <form noValidate onSubmit={add.onSubmit} data-works-offline="">
          <TextArea id="comment-body" name="body" label={t("message")} rows={3} maxLength={4000} error={errors.fields.body} />
          {mentionable.length > 0 ? (
            <details className="mb-4">
              <summary className="cursor-pointer font-medium">{t("mention")}</summary>
              <div className="mt-2 grid gap-1 sm:grid-cols-2">
                {mentionable.map((person) => (
                  <label key={person.id} className="flex items-center gap-2">
                    <input type="checkbox" name="mentionIds" value={person.id} className="h-5 w-5" />@{person.name}
                  </label>
                ))}
              </div>
            </details>
          ) : null}
          {errors.message ? <Alert>{errors.message}</Alert> : null}
          {add.queued ? <Alert tone="success">{to("queued")}</Alert> : null}
          <Button type="submit" disabled={add.isPending}>
            {t("send")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
