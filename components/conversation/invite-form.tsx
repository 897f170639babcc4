"use client";
// Inviting an official or an agent of one of the project's authorities, or someone to its lead
// collective; and following up the invitations of both kinds.
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formErrorsOf } from "@/components/forms/mutation-errors";
import { useApiMutation } from "@/components/forms/use-api-mutation";
import { useFormMutation } from "@/components/forms/use-form-mutation";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert, Button } from "@/components/ui/primitives";
import type { RouterOutputs } from "@/components/router-outputs";
import { AUTHORITY_OFFICES, COLLECTIVE_INVITATION_ROLES } from "@/server/domain/organisations";

type Invitation = RouterOutputs["invitation"]["list"][number];

export function InviteForm({ projectId, authorities }: { projectId: string; authorities: { id: string; name: string }[] }) {
  const t = useTranslations("invite");
  const to = useTranslations("offices");
  const tc = useTranslations("common");
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useFormMutation(
    (api) => api.invitation.send,
    (form) => ({ projectId, authorityId: form.text("authorityId"), email: form.text("email"), office: form.choice("office", AUTHORITY_OFFICES) }),
    {
      onSaved: (_invitation, form, input) => {
        setSentTo(input.email);
        form.reset();
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(send.error, tc("error"));
  return (
    <div>
      <p className="mb-3 text-muted">{t("intro")}</p>
      <form
        noValidate
        onSubmit={(event) => {
          setSentTo(null);
          send.onSubmit(event);
        }}
      >
        <div className="grid gap-x-4 sm:grid-cols-3">
          <SelectField id="invite-authority" name="authorityId" label={t("authority")}>
            {authorities.map((authority) => (
              <option key={authority.id} value={authority.id}>
                {authority.name}
              </option>
            ))}
          </SelectField>
          <TextField id="invite-email" name="email" type="email" label={t("email")} error={errors.fields.email} />
          <SelectField id="invite-office" name="office" label={t("office")} defaultValue="maire">
            {AUTHORITY_OFFICES.map((office) => (
              <option key={office} value={office}>
                {to(office)}
              </option>
            ))}
          </SelectField>
        </div>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {sentTo ? <Alert tone="success">{t("sent", { email: sentTo })}</Alert> : null}
        <Button type="submit" disabled={send.isPending} className="mt-2">
          {t("send")}
        </Button>
      </form>
    </div>
  );
}

/** Everyone invited to the project, either kind, with what became of each invitation; resend or cancel the pending ones. */
export function InvitationList({ invitations }: { invitations: Invitation[] }) {
  const t = useTranslations("invite");
  const tc = useTranslations("common");
  const format = useFormatter();
  const router = useRouter();
  const onSuccess = () => router.refresh();
  const resend = useApiMutation((api) => api.invitation.resend, { onSuccess });
  const revoke = useApiMutation((api) => api.invitation.revoke, { onSuccess });
  const errors = formErrorsOf(resend.error ?? revoke.error, tc("error"));
  const statusOf = (invitation: Invitation) =>
    invitation.state === "pending"
      ? t("status.pending", { date: format.dateTime(invitation.expiresAt, { dateStyle: "long" }) })
      : t(`status.${invitation.state}`);
  if (invitations.length === 0) return null;
  return (
    <div>
      <h3 className="mb-2 font-semibold">{t("list")}</h3>
      {errors.message ? <Alert>{errors.message}</Alert> : null}
      <ul className="divide-y divide-line">
        {invitations.map((invitation) => (
          <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
            <span className="font-medium">{invitation.email}</span>
            <span className="text-sm text-muted">
              {invitation.organisationName}
              {invitation.collectiveRole ? ` (${t(`collective.roles.${invitation.collectiveRole === "admin" ? "admin" : "member"}`)})` : ""} ·{" "}
              {statusOf(invitation)}
            </span>
            {invitation.state === "pending" || invitation.state === "expired" ? (
              <span className="flex gap-1">
                <Button
                  type="button"
                  variant="quiet"
                  aria-label={`${t("resend")} : ${invitation.email}`}
                  onClick={() => resend.mutate({ invitationId: invitation.id })}
                >
                  {t("resend")}
                </Button>
                <Button
                  type="button"
                  variant="quiet"
                  aria-label={`${t("revoke")} : ${invitation.email}`}
                  onClick={() => revoke.mutate({ invitationId: invitation.id })}
                >
                  {t("revoke")}
                </Button>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Inviting someone to the project's lead collective; only a holding network's moderators choose the admin role. */
export function CollectiveInviteForm({ projectId, mayInviteAdmins }: { projectId: string; mayInviteAdmins: boolean }) {
  const t = useTranslations("invite.collective");
  const tc = useTranslations("common");
  const router = useRouter();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const send = useFormMutation(
    (api) => api.invitation.sendToCollective,
    (form) => ({ projectId, email: form.text("email"), role: mayInviteAdmins ? form.choice("role", COLLECTIVE_INVITATION_ROLES) : ("member" as const) }),
    {
      onSaved: (_invitation, form, input) => {
        setSentTo(input.email);
        form.reset();
        router.refresh();
      },
    },
  );
  const errors = formErrorsOf(send.error, tc("error"));
  return (
    <div>
      <p className="mb-3 text-muted">{t("intro")}</p>
      <form
        noValidate
        onSubmit={(event) => {
          setSentTo(null);
          send.onSubmit(event);
        }}
      >
        <div className="grid gap-x-4 sm:grid-cols-3">
          <TextField id="invite-collective-email" name="email" type="email" label={t("email")} error={errors.fields.email} />
          {mayInviteAdmins ? (
            <SelectField id="invite-collective-role" name="role" label={t("role")} defaultValue="member">
              {COLLECTIVE_INVITATION_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </SelectField>
          ) : null}
        </div>
        {errors.message ? <Alert>{errors.message}</Alert> : null}
        {sentTo ? <Alert tone="success">{t("sent", { email: sentTo })}</Alert> : null}
        <Button type="submit" disabled={send.isPending} className="mt-2">
          {t("send")}
        </Button>
      </form>
    </div>
  );
}
