// « À traiter »: what waits for the person's answer, each with its project, who asked, since when,
// and the same controls as on the project page, so that it is answered here without a page change.
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { MilestoneAnswer } from "@/components/gradient/milestone-answer";
import { ProposalActions } from "@/components/gradient/proposal-actions";
import { ReasonAction } from "@/components/moderation/reason-action";
import { NetworkDecision } from "@/components/networks/network-decision";
import { HolderInvitationAnswer } from "@/components/projects/holder-invitation-answer";
import { VerifyButton } from "@/components/organisations/verify-button";
import type { DeskAwaiting } from "@/components/router-outputs";
import { Badge, Card, SectionTitle } from "@/components/ui/primitives";
import { ofFrench } from "@/server/domain/french";

export async function AwaitingList({ awaiting }: { awaiting: DeskAwaiting }) {
  const t = await getTranslations("desk");
  const ts = await getTranslations("stages");
  const tk = await getTranslations("milestoneKinds");
  const to = await getTranslations("offices");
  const format = await getFormatter();
  const since = (date: Date) => t("since", { date: format.dateTime(date, { dateStyle: "long" }), relative: format.relativeTime(date) });
  return (
    <Card>
      <SectionTitle id="a-traiter">{t("title", { count: awaiting.items.length })}</SectionTitle>
      {awaiting.items.length === 0 ? (
        <p className="text-muted">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-line" aria-labelledby="a-traiter">
          {awaiting.items.map((item) => (
            <li key={item.key} id={item.key} className="py-4 first:pt-0 last:pb-0">
              {item.kind === "proposal" ? (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone="warn">{item.fromStage ? t("kinds.proposal") : t("kinds.start")}</Badge>
                    <Link href={`/projets/${item.projectId}#changement-${item.stageChangeId}`} className="font-medium">
                      {item.projectTitle}
                    </Link>
                  </p>
                  <p className="mt-1">
                    {item.declaredBy
                      ? t("declared", { network: item.declaredBy, authority: item.authorityName, to: ts(item.toStage) })
                      : item.fromStage
                        ? t("proposal", {
                            side: t(`sides.${item.proposedSide}`),
                            authority: item.authorityName,
                            from: ts(item.fromStage),
                            ofFrom: ofFrench(ts(item.fromStage)),
                            to: ts(item.toStage),
                          })
                        : t("start", { side: t(`sides.${item.proposedSide}`), authority: item.authorityName, to: ts(item.toStage) })}
                  </p>
                  {item.reason ? <p className="mt-1 text-sm">« {item.reason} »</p> : null}
                  <p className="mt-1 text-sm text-muted">
                    {t("askedBy", { name: item.askedBy ?? t("someone") })} · {since(item.since)}
                  </p>
                  <ProposalActions stageChangeId={item.stageChangeId} canDecide canWithdraw={false} canMediate={false} />
                </>
              ) : item.kind === "milestone" ? (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone="warn">{t("kinds.milestone")}</Badge>
                    <Link href={`/projets/${item.projectId}#jalon-${item.milestoneId}`} className="font-medium">
                      {item.projectTitle}
                    </Link>
                  </p>
                  <p className="mt-1">
                    {t("milestone", {
                      title: item.title,
                      kind: tk(item.milestoneKind),
                      date: format.dateTime(new Date(`${item.occursOn}T12:00:00Z`), { dateStyle: "long" }),
                      authority: item.authorityName,
                    })}
                  </p>
                  <p className="mt-1 text-sm text-muted">
                    {t("recordedBy", { name: item.askedBy ?? t("someone") })} · {since(item.since)}
                  </p>
                  <MilestoneAnswer projectId={item.projectId} milestoneId={item.milestoneId} relationshipId={item.relationshipId} label={item.title} />
                </>
              ) : item.kind === "membership" ? (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone="warn">{t("kinds.membership")}</Badge>
                    <Link href={`/organisations/${item.organisationId}`} className="font-medium">
                      {item.organisationName}
                    </Link>
                  </p>
                  <p className="mt-1 [overflow-wrap:anywhere]">
                    {t("membership", {
                      name: item.askedBy ?? item.email,
                      email: item.email,
                      office: item.office ? to(item.office) : t("noOffice"),
                      organisation: item.organisationName,
                    })}
                  </p>
                  <p className="mt-1 text-sm text-muted">{since(item.since)}</p>
                  <div className="mt-2 flex flex-wrap gap-2">
                    <VerifyButton membershipId={item.membershipId} personName={item.askedBy ?? item.email} />
                    <ReasonAction
                      target={{ action: "refuseMembership", membershipId: item.membershipId }}
                      label={t("refuseClaim")}
                      about={item.askedBy ?? item.email}
                    />
                  </div>
                </>
              ) : item.kind === "coHolding" ? (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone="warn">{t("kinds.coHolding")}</Badge>
                    <span className="font-medium">{item.projectTitle}</span>
                  </p>
                  <p className="mt-1">{t("coHolding", { person: item.askedBy ?? t("someone"), organisation: item.organisationName })}</p>
                  <p className="mt-1 text-sm text-muted">{since(item.since)}</p>
                  <div className="mt-2">
                    <HolderInvitationAnswer projectId={item.projectId} organisationId={item.organisationId} projectTitle={item.projectTitle} />
                  </div>
                </>
              ) : (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <Badge tone="warn">{t("kinds.network")}</Badge>
                    <Link href={`/projets/${item.projectId}`} className="font-medium">
                      {item.projectTitle}
                    </Link>
                  </p>
                  <p className="mt-1">{t("network", { collective: item.askedBy, network: item.networkName })}</p>
                  <p className="mt-1 text-sm text-muted">{since(item.since)}</p>
                  <div className="mt-2">
                    <NetworkDecision projectId={item.projectId} networkId={item.networkId} projectTitle={item.projectTitle} />
                  </div>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {awaiting.more ? <p className="mt-3 text-sm text-muted">{t("more")}</p> : null}
    </Card>
  );
}
