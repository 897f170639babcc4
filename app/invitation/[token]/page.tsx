import { getTranslations } from "next-intl/server";
import { Alert, Button, ButtonLink, Card, PageHeader } from "@/components/ui/primitives";
import { getDb } from "@/server/db";
import { describeInvitation } from "@/server/services/invitations";

// The emailed link lands here; opening it (as mail scanners do) uses nothing up: the button does.
export default async function InvitationPage({ params, searchParams }: { params: Promise<{ token: string }>; searchParams: Promise<{ connexion?: string }> }) {
  const { token } = await params;
  const { connexion } = await searchParams;
  const t = await getTranslations("invitation");
  const to = await getTranslations("offices");
  const invitation = await describeInvitation(getDb(), token);
  return (
    <div className="mx-auto max-w-xl">
      <PageHeader title={t("title")} />
      {invitation.state === "valid" ? (
        <Card>
          <p className="mb-2 text-lg">
            {"authorityId" in invitation.target
              ? t("intro", {
                  inviter: invitation.inviterName ?? "—",
                  project: invitation.projectTitle,
                  authority: invitation.organisationName,
                  office: to(invitation.target.office),
                })
              : t("collectiveIntro", { inviter: invitation.inviterName ?? "—", project: invitation.projectTitle, collective: invitation.organisationName })}
          </p>
          <p className="mb-2 text-muted">{t("email", { email: invitation.email })}</p>
          <p className="mb-4 text-muted">
            {"authorityId" in invitation.target ? t("verification") : t("collectiveRole", { role: invitation.target.collectiveRole })}
          </p>
          {connexion ? (
            <div className="space-y-4">
              <Alert>{t("signInFirst")}</Alert>
              <ButtonLink href={`/connexion?callbackUrl=${encodeURIComponent(`/invitation/${token}`)}`}>
                {t("signInFirstButton", { email: invitation.email })}
              </ButtonLink>
            </div>
          ) : (
            <form method="post" action={`/api/invitation/${encodeURIComponent(token)}`}>
              <Button type="submit">{t("accept")}</Button>
            </form>
          )}
        </Card>
      ) : (
        <div className="space-y-4">
          <Alert>{t(`states.${invitation.state}`)}</Alert>
          <ButtonLink href="/connexion">{t("signIn")}</ButtonLink>
        </div>
      )}
    </div>
  );
}
