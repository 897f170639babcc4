import { getFormatter, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AddMemberForm } from "@/components/organisations/add-member-form";
import { HandoverAnswer } from "@/components/organisations/handover-answer";
import { HolderInvitationAnswer } from "@/components/projects/holder-invitation-answer";
import { MemberActions } from "@/components/organisations/member-actions";
import { ReasonAction } from "@/components/moderation/reason-action";
import { RemindVerifiersButton } from "@/components/organisations/remind-verifiers-button";
import { VerifyButton } from "@/components/organisations/verify-button";
import { Alert, Badge, Card, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { loadOrNotFound } from "@/server/api/load";
import { serverApi } from "@/server/api/server";
import { requireSignedIn } from "@/server/auth/guard";
import { ofFrench } from "@/server/domain/french";

export default async function OrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSignedIn(`/organisations/${id}`);
  const api = await serverApi();
  const organisation = await loadOrNotFound(() => api.organisation.get({ organisationId: id }));
  if (!organisation) notFound();
  const t = await getTranslations("organisation");
  const tk = await getTranslations("kinds");
  const tl = await getTranslations("legalForms");
  const tr = await getTranslations("roles");
  const to = await getTranslations("offices");
  const tc = await getTranslations("common");
  const isAuthority = organisation.kind === "authority";
  const format = await getFormatter();
  // Claims waiting for the reader's verdict come first, with what to judge them by.
  const claims = organisation.canVerifyClaims ? organisation.members.filter((member) => !member.verifiedAt) : [];
  // Projects a network's import asks this collective to take over.
  const handovers = organisation.kind === "collective" ? await api.portfolio.handovers({ collectiveId: organisation.id }) : [];
  // Projects that invite this structure to co-hold them, for its admins to answer.
  const coHoldings = organisation.canManage ? (await api.holder.invitations()).filter((invitation) => invitation.organisationId === organisation.id) : [];
  const th = await getTranslations("holders");
  return (
    <div className="space-y-6">
      <PageHeader
        title={organisation.name}
        intro={[
          tk(organisation.kind),
          organisation.legalForm ? tl(organisation.legalForm) : null,
          organisation.territoryName ? t("territory", { name: organisation.territoryName }) : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      />
      {organisation.awaitingVerification ? (
        <div>
          <Alert tone="success">{t("awaitingVerification")}</Alert>
          {organisation.pendingClaimId ? <RemindVerifiersButton membershipId={organisation.pendingClaimId} /> : null}
        </div>
      ) : null}
      {claims.length > 0 ? (
        <Card>
          <SectionTitle>{t("claims", { count: claims.length })}</SectionTitle>
          <p className="mb-2 text-muted">{t("claimsIntro")}</p>
          <ul className="divide-y divide-line">
            {claims.map((member) => (
              <li key={member.membershipId} className="flex flex-wrap items-center gap-2 py-3">
                <span className="font-medium">{member.name ?? member.email}</span>
                <span className="text-sm text-muted">{member.email}</span>
                <Badge>{member.office ? to(member.office) : tr(member.role)}</Badge>
                <span className="w-full text-sm">
                  {member.invitedBy
                    ? t("claimContextInvited", {
                        date: format.dateTime(member.requestedAt, { dateStyle: "long" }),
                        inviter: member.invitedBy,
                        ofInviter: ofFrench(member.invitedBy ?? ""),
                      })
                    : t("claimContext", { date: format.dateTime(member.requestedAt, { dateStyle: "long" }) })}
                </span>
                <VerifyButton membershipId={member.membershipId} personName={member.name ?? member.email} />
                <ReasonAction
                  target={{ action: "refuseMembership", membershipId: member.membershipId }}
                  label={t("refuse")}
                  about={member.name ?? member.email}
                />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {handovers.length > 0 ? (
        <Card>
          <SectionTitle>{t("handovers", { count: handovers.length })}</SectionTitle>
          <p className="mb-2 text-muted">{organisation.canManage ? t("handoversIntro") : t("handoversIntroMember")}</p>
          <ul className="divide-y divide-line">
            {handovers.map((handover) => (
              <li key={handover.id} className="flex flex-wrap items-center gap-2 py-3">
                <span className="font-medium">{handover.projectTitle}</span>
                <span className="text-sm text-muted">{handover.communeName}</span>
                <span className="w-full text-sm">
                  {t("handoverContext", {
                    network: handover.networkName,
                    person: handover.proposedByName ?? "—",
                    date: format.dateTime(handover.createdAt, { dateStyle: "long" }),
                  })}
                </span>
                {handover.projectSummary ? <p className="w-full text-sm text-muted">{handover.projectSummary}</p> : null}
                {organisation.canManage ? <HandoverAnswer handoverId={handover.id} projectTitle={handover.projectTitle} /> : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {coHoldings.length > 0 ? (
        <Card>
          <SectionTitle>{th("invitationsTitle", { count: coHoldings.length })}</SectionTitle>
          <p className="mb-2 text-muted">{th("inviteIntro")}</p>
          <ul className="divide-y divide-line">
            {coHoldings.map((invitation) => (
              <li key={invitation.projectId} className="flex flex-wrap items-center gap-2 py-3">
                <span className="font-medium">{invitation.projectTitle}</span>
                <span className="w-full text-sm">
                  {th("invitationContext", {
                    person: invitation.invitedBy ?? "—",
                    organisation: invitation.organisationName,
                    date: format.dateTime(invitation.since, { dateStyle: "long" }),
                  })}
                </span>
                {invitation.projectSummary ? <p className="w-full text-sm text-muted">{invitation.projectSummary}</p> : null}
                <HolderInvitationAnswer projectId={invitation.projectId} organisationId={invitation.organisationId} projectTitle={invitation.projectTitle} />
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card>
        <SectionTitle>{t("members")}</SectionTitle>
        <ul className="divide-y divide-line">
          {organisation.members
            .filter((member) => !claims.includes(member))
            .map((member) => (
              <li key={member.membershipId} className="flex flex-wrap items-center gap-2 py-3">
                <span className="font-medium">{member.name ?? member.email}</span>
                <span className="text-sm text-muted">{member.email}</span>
                <Badge>{member.office ? to(member.office) : tr(member.role)}</Badge>
                {isAuthority ? <Badge tone={member.verifiedAt ? "good" : "warn"}>{member.verifiedAt ? tc("verified") : tc("unverified")}</Badge> : null}
                {organisation.canManage ? (
                  <MemberActions membershipId={member.membershipId} personName={member.name ?? member.email} office={member.office} isAuthority={isAuthority} />
                ) : null}
              </li>
            ))}
        </ul>
      </Card>
      {organisation.canManage ? (
        <Card>
          <SectionTitle>{t("addMember")}</SectionTitle>
          <p className="mb-4 text-muted">{t("addMemberIntro")}</p>
          <AddMemberForm organisationId={organisation.id} kind={organisation.kind} />
        </Card>
      ) : null}
    </div>
  );
}
