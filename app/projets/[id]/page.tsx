import { QueuedHere } from "@/components/offline/queued-here";
import { getFormatter, getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { after } from "next/server";
import { AddAuthorityForm } from "@/components/gradient/add-authority-form";
import { BarometerView } from "@/components/gradient/barometer-view";
import { MilestoneForm } from "@/components/gradient/milestone-form";
import { NextSteps } from "@/components/gradient/next-steps";
import { ProgressionChart } from "@/components/gradient/progression-chart";
import { JobsChart } from "@/components/projects/jobs-chart";
import { RelationshipCard } from "@/components/gradient/relationship-card";
import { Timeline } from "@/components/gradient/timeline";
import { RECENT_EVENTS, recentTimelineHref, wholeTimelineHref } from "@/components/gradient/timeline-events";
import { CommentThread } from "@/components/conversation/comment-thread";
import { FollowButton } from "@/components/conversation/follow-button";
import { CollectiveInviteForm, InvitationList, InviteForm } from "@/components/conversation/invite-form";
import { HistoryList } from "@/components/projects/history-list";
import { ProjectFileView } from "@/components/projects/project-file-view";
import { ReasonAction } from "@/components/moderation/reason-action";
import { Alert, Badge, Card, EmptyState, PageHeader, SectionTitle } from "@/components/ui/primitives";
import { currentActor } from "@/server/api/context";
import { loadOrNotFound } from "@/server/api/load";
import { currentAccount, serverApi } from "@/server/api/server";
import {
  BarometerForm,
  HolderAction,
  HolderInviteForm,
  NetworkInvitationAnswer,
  ProjectFileForm,
  ProjectStatusControl,
  PublicRequest,
  RequestNetworkForm,
} from "./tab-forms";

const TABS = ["apercu", "dossier", "barometre", "historique"] as const;
type Tab = (typeof TABS)[number];

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ onglet?: string; chronologie?: string }> };

/** The tab's title names the project: a mayor with several open knows which is which. */
export async function generateMetadata({ params }: Pick<Props, "params">) {
  const { id } = await params;
  const api = await serverApi();
  const project = await loadOrNotFound(() => api.project.get({ projectId: id }));
  return { title: project?.title ?? (await getTranslations("notFound"))("title") };
}

export default async function ProjectPage({ params, searchParams }: Props) {
  const { id } = await params;
  const { onglet, chronologie } = await searchParams;
  const tab: Tab = TABS.find((candidate) => candidate === onglet) ?? "apercu";
  const actor = await currentActor();
  const api = await serverApi();
  const project = await loadOrNotFound(() => api.project.get({ projectId: id }));
  if (!project) {
    if (!actor) redirect(`/connexion?callbackUrl=${encodeURIComponent(`/projets/${id}`)}`);
    notFound();
  }
  const overview = await api.project.overview({ projectId: id });
  // A claim still waiting is why an official finds no button here: who can verify them, and where to remind them.
  const waitingClaims =
    project.awaitingVerificationFor.length > 0
      ? (await currentAccount()).memberships.filter((membership) => project.awaitingVerificationFor.includes(membership.organisationId))
      : [];
  // Opening the project is what "since your last visit" counts from: marked once the page is
  // sent, so that rendering it writes nothing.
  if (actor) after(() => api.follow.markVisited({ projectId: id }));
  const t = await getTranslations("projectPage");
  const ti = await getTranslations("invite");
  const tm = await getTranslations("moderation");
  const to = await getTranslations("offices");
  const format = await getFormatter();
  const th = await getTranslations("holders");
  const tabLabels: Record<Tab, string> = {
    apercu: t("tabs.overview"),
    dossier: t("tabs.file"),
    barometre: t("tabs.barometer"),
    historique: t("tabs.history"),
  };
  const visibleTabs = actor ? TABS : TABS.filter((candidate) => candidate !== "historique");
  const can = project.can;
  const now = new Date();
  const milestoneTargets = overview.relationships
    .map((relationship) => ({
      relationshipId: relationship.id,
      authorityName: relationship.authorityName,
      sides: relationship.can.openSides,
      stage: relationship.stage ?? relationship.pending?.toStage ?? "defiance",
    }))
    .filter((target) => target.sides.length > 0);
  const file = { ...project, projectId: project.id };
  const activeHolders = project.holders.filter((holder) => holder.status === "active");

  return (
    <article>
      <PageHeader
        title={project.title}
        intro={`${(await getTranslations("project"))("lead", {
          name: format.list(
            activeHolders.map((holder) => holder.name),
            { type: "conjunction" },
          ),
        })} · ${project.communes.map((commune) => `${commune.name} (${commune.departementCode})`).join(", ")}`}
      >
        <Badge tone={project.visibility === "public" ? "good" : "neutral"}>{t(`visibility.${project.visibility}`)}</Badge>
        {project.status !== "active" ? <Badge tone="warn">{t(`projectStatuses.${project.status}`)}</Badge> : null}
        <Link href={`/projets/${id}/imprimer`} className="self-center">
          {(await getTranslations("print"))("link")}
        </Link>
        {actor ? <FollowButton projectId={project.id} following={project.following} /> : null}
      </PageHeader>

      {waitingClaims.map((claim) => (
        <Alert key={claim.organisationId}>
          {t("awaitingVerification", { authority: claim.organisationName })}{" "}
          <Link href={`/organisations/${claim.organisationId}`}>
            {claim.verifiers.length > 0
              ? t("verifiedBy", {
                  names: claim.verifiers
                    .map((verifier) => (verifier.office ? `${verifier.name ?? "—"} (${to(verifier.office)})` : (verifier.name ?? "—")))
                    .join(", "),
                })
              : t("verifiedByTeam")}
          </Link>
        </Alert>
      ))}

      {tab === "apercu" && milestoneTargets.length > 0 ? (
        <a href="#noter-un-jalon" className="sr-only focus:not-sr-only focus:mb-2 focus:inline-block focus:rounded focus:bg-white focus:p-2">
          {t("skipToMilestone")}
        </a>
      ) : null}
      {actor ? <QueuedHere userId={actor.userId} projectId={id} /> : null}
      {/* The tabs wrap onto a second line on a phone rather than scroll out of sight. */}
      <nav aria-label={t("tabs.label")} className="mb-6 border-b border-line">
        <ul className="flex flex-wrap gap-1">
          {visibleTabs.map((candidate) => (
            <li key={candidate}>
              <Link
                href={candidate === "apercu" ? `/projets/${id}` : `/projets/${id}?onglet=${candidate}`}
                aria-current={candidate === tab ? "page" : undefined}
                className={`inline-block border-b-4 px-3 py-2 font-medium whitespace-nowrap no-underline ${
                  candidate === tab ? "border-brand text-brand" : "border-transparent text-ink hover:border-line"
                }`}
              >
                {tabLabels[candidate]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {tab === "apercu" ? (
        <div className="space-y-6">
          <section aria-labelledby="relationships-title">
            <SectionTitle id="relationships-title">{t("relationships")}</SectionTitle>
            {overview.relationships.length === 0 ? (
              <EmptyState>{can.addAuthority ? t("noRelationships") : t("noRelationshipsReader")}</EmptyState>
            ) : (
              <div className="grid gap-4 md:grid-cols-2">
                {overview.relationships.map((relationship) => (
                  <RelationshipCard
                    key={relationship.id}
                    relationship={relationship}
                    milestones={overview.milestones
                      .filter((milestone) => milestone.relationships.some((link) => link.relationshipId === relationship.id))
                      .map((milestone) => ({ id: milestone.id, title: milestone.title, occursOn: milestone.occursOn }))}
                  />
                ))}
              </div>
            )}
          </section>
          {can.invite ? (
            <Card>
              <SectionTitle>{ti("collective.title")}</SectionTitle>
              {project.collectiveHasMembers ? null : <Alert>{ti("collective.noMembers")}</Alert>}
              <CollectiveInviteForm projectId={project.id} mayInviteAdmins={can.inviteCollectiveAdmins} />
              {overview.relationships.length > 0 ? (
                <div className="mt-6 border-t border-line pt-4">
                  <h3 className="mb-2 font-semibold">{ti("title")}</h3>
                  <InviteForm
                    projectId={project.id}
                    authorities={overview.relationships.map((relationship) => ({ id: relationship.authorityId, name: relationship.authorityName }))}
                  />
                </div>
              ) : null}
              <div className="mt-6">
                <InvitationList invitations={await api.invitation.list({ projectId: id })} />
              </div>
            </Card>
          ) : null}
          {can.addAuthority ? (
            <Card>
              <SectionTitle>{t("addAuthority")}</SectionTitle>
              <AddAuthorityForm projectId={project.id} />
            </Card>
          ) : null}
          {can.readComments ? (
            <Card>
              <SectionTitle>{(await getTranslations("conversation"))("title")}</SectionTitle>
              <CommentThread
                projectId={project.id}
                comments={await api.comment.list({ projectId: id })}
                mentionable={can.comment ? await api.comment.mentionable({ projectId: id }) : []}
                canWrite={can.comment}
                canModerate={overview.canModerate}
              />
            </Card>
          ) : null}
          <Card>
            <SectionTitle>{t("jobsHistory")}</SectionTitle>
            <JobsChart history={project.jobsHistory} now={now} />
          </Card>
          <Card>
            <SectionTitle>{t("progression")}</SectionTitle>
            <ProgressionChart
              now={now}
              series={overview.relationships.map((relationship) => ({
                id: relationship.id,
                authorityId: relationship.authorityId,
                label: relationship.authorityName,
                points: relationship.progression,
              }))}
            />
          </Card>
          <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
            <Card>
              <SectionTitle id="chronologie">{t("timeline")}</SectionTitle>
              <Timeline
                projectId={id}
                overview={overview}
                range={{
                  show: chronologie === "complete" ? "whole" : "recent",
                  count: RECENT_EVENTS,
                  wholeHref: wholeTimelineHref(id),
                  recentHref: recentTimelineHref(id),
                }}
              />
            </Card>
            <div className="space-y-6">
              {overview.relationships.length > 0 ? (
                <Card>
                  <SectionTitle>{t("nextSteps")}</SectionTitle>
                  <NextSteps relationships={overview.relationships} />
                </Card>
              ) : null}
              {milestoneTargets.length > 0 ? (
                <Card id="noter-un-jalon">
                  <SectionTitle>{t("recordMilestone")}</SectionTitle>
                  <MilestoneForm projectId={project.id} targets={milestoneTargets} today={now.toISOString().slice(0, 10)} />
                </Card>
              ) : null}
            </div>
          </div>
        </div>
      ) : null}

      {tab === "dossier" ? (
        <div className="space-y-6">
          <Card>
            <ProjectFileView file={file} holders={activeHolders} />
            {project.publicRequested ? <p className="mt-4 font-medium text-amber-900">{t("publicRequested")}</p> : null}
            <div className="mt-4">
              {can.requestPublic && !project.publicRequested ? <PublicRequest projectId={project.id} mode="request" /> : null}
              {project.publicRequested && can.reviewPublic ? <PublicRequest projectId={project.id} mode="review" /> : null}
            </div>
          </Card>
          {can.manageHolders || can.leaveHolding.length > 0 ? (
            <Card>
              <SectionTitle>{th("title")}</SectionTitle>
              <p className="mb-3 text-muted">{th("intro")}</p>
              <ul className="mb-4 divide-y divide-line">
                {project.holders.map((holder) => (
                  <li key={holder.organisationId} className="flex flex-wrap items-center gap-2 py-2">
                    <span className="font-medium">{holder.name}</span>
                    {holder.kind === "authority" ? <Badge>{th("publicBodyBadge")}</Badge> : null}
                    {holder.contact ? <Badge tone="good">{th("contact")}</Badge> : null}
                    {holder.status === "invited" ? <span className="text-sm text-muted">({th("invited")})</span> : null}
                    {can.manageHolders && holder.status === "active" && !holder.contact ? (
                      <HolderAction projectId={project.id} organisationId={holder.organisationId} name={holder.name} action="setContact" />
                    ) : null}
                    {can.leaveHolding.includes(holder.organisationId) ? (
                      <HolderAction projectId={project.id} organisationId={holder.organisationId} name={holder.name} action="leave" />
                    ) : null}
                    {can.manageHolders && holder.status === "invited" ? (
                      <HolderAction projectId={project.id} organisationId={holder.organisationId} name={holder.name} action="withdrawInvitation" />
                    ) : null}
                  </li>
                ))}
              </ul>
              {can.manageHolders ? (
                <details className="rounded-lg border border-line p-3">
                  <summary className="cursor-pointer font-medium">{th("inviteTitle")}</summary>
                  <p className="my-3 text-muted">{th("inviteIntro")}</p>
                  <HolderInviteForm projectId={project.id} />
                </details>
              ) : null}
            </Card>
          ) : null}
          <Card>
            <SectionTitle>{t("networks")}</SectionTitle>
            <ul className="mb-3 space-y-1">
              {project.parties
                .filter((party) => party.role === "network")
                .map((party) => (
                  <li key={party.organisationId} className="flex flex-wrap items-center gap-2">
                    <span>{party.name}</span>
                    {party.status === "requested" ? <span className="text-sm text-muted">({t("networkRequested")})</span> : null}
                    {party.status === "invited" ? <span className="text-sm text-muted">({t("networkInvited")})</span> : null}
                    {party.status === "invited" && can.answerNetworkInvitations ? (
                      <NetworkInvitationAnswer projectId={project.id} networkId={party.organisationId} networkName={party.name} />
                    ) : null}
                    {can.leaveNetworks.includes(party.organisationId) ? (
                      <ReasonAction
                        target={{ action: "leave", projectId: project.id, networkId: party.organisationId }}
                        label={party.status === "active" ? tm("leave") : tm("withdraw")}
                        about={party.name}
                      />
                    ) : null}
                  </li>
                ))}
            </ul>
            {can.requestNetwork ? (
              <RequestNetworkForm
                projectId={project.id}
                networks={(await api.organisation.listNetworks()).filter((network) => !project.parties.some((party) => party.organisationId === network.id))}
              />
            ) : null}
          </Card>
          {can.edit ? (
            <Card>
              <SectionTitle>{t("projectStatusTitle")}</SectionTitle>
              <p className="mb-3 text-muted">
                {t(`projectStatuses.${project.status}`)} — {t("projectStatusHint")}
              </p>
              <ProjectStatusControl projectId={project.id} status={project.status} />
            </Card>
          ) : null}
          {can.edit ? (
            <Card>
              <SectionTitle>{t("edit")}</SectionTitle>
              <ProjectFileForm file={file} />
            </Card>
          ) : null}
        </div>
      ) : null}

      {tab === "barometre" ? (
        <div className="space-y-6">
          <p className="max-w-3xl text-muted">{t("barometerIntro")}</p>
          {overview.relationships.length === 0 ? <EmptyState>{t("noRelationshipsReader")}</EmptyState> : null}
          {overview.relationships.map((relationship) => (
            <Card key={relationship.id}>
              <SectionTitle>{relationship.authorityName}</SectionTitle>
              <BarometerView relationship={relationship} />
              {relationship.can.openSides.map((side) => (
                <details key={side} className="mt-4 rounded-lg border border-line p-3">
                  <summary className="cursor-pointer font-medium">
                    {t("answerTitle")} — {t("answerAs", { authority: relationship.authorityName, side: t(`sideLabels.${side}`) })}
                  </summary>
                  <div className="mt-3">
                    <BarometerForm
                      projectId={id}
                      relationshipId={relationship.id}
                      side={side}
                      previous={relationship.myAnswers[side]}
                      pastFacts={relationship.barometer?.pastFacts[side] ?? {}}
                    />
                  </div>
                </details>
              ))}
            </Card>
          ))}
        </div>
      ) : null}

      {tab === "historique" && actor ? <HistoryList entries={await api.project.history({ projectId: id })} /> : null}
    </article>
  );
}
