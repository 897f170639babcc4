// Milestones and stage changes on one line of time, newest first.
import { useFormatter, useTranslations } from "next-intl";
import Link from "next/link";
import type { ProjectOverview } from "@/components/router-outputs";
import { Badge } from "@/components/ui/primitives";
import { MilestoneAnswer } from "./milestone-answer";
import { MilestoneRevision } from "./milestone-revision";
import { MilestoneStatusControl } from "./milestone-status";
import { safeHref } from "@/components/ui/safe-href";
import { ReasonAction } from "@/components/moderation/reason-action";
import { timelineEvents } from "./timeline-events";

/**
 * Which events to show. "recent": only the `count` newest, then a link to `wholeHref` for the rest —
 * a project followed for years would otherwise make the overview a long scroll on a phone.
 * "whole": every event, then a link back to `recentHref` when there are more than `count`.
 */
export type TimelineRange = { show: "recent" | "whole"; count: number; wholeHref: string; recentHref: string };

export function Timeline({ projectId, overview, range }: { projectId: string; overview: ProjectOverview; range: TimelineRange }) {
  const t = useTranslations("projectPage");
  const ts = useTranslations("stages");
  const tk = useTranslations("milestoneKinds");
  const tst = useTranslations("milestoneStatuses");
  const tl = useTranslations("levers");
  const tm = useTranslations("moderation");
  const format = useFormatter();
  const personFor = (name: string | null, structure: string | null) => (structure ? t("personFor", { name: name ?? "—", structure }) : (name ?? "—"));
  const authorityOf = new Map(overview.relationships.map((relationship) => [relationship.id, relationship]));
  const { shown: events, older } = timelineEvents(overview, range.show === "recent" ? range.count : undefined);
  if (events.length === 0 && older.length === 0) return <p className="text-muted">{t("timelineEmpty")}</p>;
  // Said on the link, so that a milestone waiting for this person is not missed among older ones.
  const olderAwaiting = older.filter((event) => event.type === "milestone" && event.milestone.relationships.some((link) => link.canAnswer)).length;
  return (
    <>
      <ol className="relative space-y-4 border-l-2 border-line pl-5">
        {events.map((event) => (
          <li
            key={event.type === "milestone" ? event.milestone.id : event.change.id}
            id={event.type === "milestone" ? `jalon-${event.milestone.id}` : `changement-${event.change.id}`}
            tabIndex={-1}
            className="relative scroll-mt-4 focus:outline-2 focus:outline-offset-4 focus:outline-brand"
          >
            <span
              aria-hidden="true"
              className={`absolute top-1.5 -left-[1.72rem] h-3.5 w-3.5 rounded-full border-2 border-white ${event.type === "stage" ? "bg-stage-collaboration" : "bg-accent"}`}
            />
            <p className="text-sm text-muted">{format.dateTime(event.at, { dateStyle: "long" })}</p>
            {event.type === "stage" ? (
              <p className="font-medium">
                {event.change.status === "declined"
                  ? t("declinedEvent", {
                      authority: event.authorityName,
                      from: event.change.fromStage ? ts(event.change.fromStage) : "—",
                      to: ts(event.change.toStage),
                    })
                  : event.change.fromStage
                    ? t("stageChangeEvent", { authority: event.authorityName, from: ts(event.change.fromStage), to: ts(event.change.toStage) })
                    : t("stageStartEvent", { authority: event.authorityName, to: ts(event.change.toStage) })}
                <span className="block text-sm font-normal text-muted">
                  {t("stageDecision", {
                    status: event.change.status,
                    proposer: personFor(event.change.proposedByName, event.change.proposedByStructure),
                    decider: personFor(event.change.decidedByName, event.change.decidedByStructure),
                  })}
                </span>
                {event.change.status === "declined" && event.change.decisionComment ? (
                  <span className="block text-sm font-normal">{t("declineReason", { reason: event.change.decisionComment })}</span>
                ) : null}
              </p>
            ) : (
              <div>
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{event.milestone.title}</span>
                  <Badge>{tk(event.milestone.kind)}</Badge>
                  {event.milestone.status !== "done" ? <Badge tone="warn">{tst(event.milestone.status)}</Badge> : null}
                  {event.milestone.hidden ? <Badge tone="warn">{tm("hiddenBadge")}</Badge> : null}
                </p>
                <p className="text-sm text-muted">
                  {t("recordedBy", { name: event.milestone.recordedByName ?? "—", side: t(`sideLabels.${event.milestone.recordedSide}`) })}
                </p>
                {event.milestone.description ? <p className="mt-1 whitespace-pre-line">{event.milestone.description}</p> : null}
                {event.milestone.levers.length > 0 ? (
                  <p className="mt-1 text-sm">{t("leversUsed", { levers: event.milestone.levers.map((lever) => tl(lever)).join(" · ") })}</p>
                ) : null}
                {event.milestone.evidenceLinks.length > 0 ? (
                  <p className="mt-1 text-sm">
                    {t("evidence")} :{" "}
                    {event.milestone.evidenceLinks.map((link) => {
                      const href = safeHref(link);
                      return href ? (
                        <a key={link} href={href} rel="noopener noreferrer nofollow" target="_blank" className="mr-2 break-all">
                          {link}
                        </a>
                      ) : (
                        <span key={link} className="mr-2 break-all">
                          {link}
                        </span>
                      );
                    })}
                  </p>
                ) : null}
                {event.milestone.canChangeStatus ? (
                  <MilestoneStatusControl
                    milestoneId={event.milestone.id}
                    version={event.milestone.version}
                    status={event.milestone.status}
                    title={event.milestone.title}
                  />
                ) : null}
                {event.milestone.canRevise ? (
                  <MilestoneRevision
                    milestone={{
                      id: event.milestone.id,
                      version: event.milestone.version,
                      kind: event.milestone.kind,
                      title: event.milestone.title,
                      occursOn: event.milestone.occursOn,
                      description: event.milestone.description,
                    }}
                  />
                ) : null}
                <div className="mt-1 flex flex-wrap gap-2">
                  {overview.canReport && !event.milestone.hidden ? (
                    <ReasonAction
                      target={{ action: "report", kind: "milestone", contentId: event.milestone.id }}
                      label={tm("report")}
                      about={event.milestone.title}
                    />
                  ) : null}
                  {overview.canModerate ? (
                    <ReasonAction
                      target={{ action: event.milestone.hidden ? "restore" : "hide", kind: "milestone", contentId: event.milestone.id }}
                      label={event.milestone.hidden ? tm("restore") : tm("hide")}
                      about={event.milestone.title}
                    />
                  ) : null}
                </div>
                <ul className="mt-2 space-y-1">
                  {event.milestone.relationships.map((link) => {
                    const relationship = authorityOf.get(link.relationshipId);
                    if (!relationship) return null;
                    return (
                      <li key={link.relationshipId} className="text-sm">
                        <span className="mr-2">{relationship.authorityName}</span>
                        <Badge tone={link.confirmation === "confirmed" ? "good" : link.confirmation === "contested" ? "warn" : "neutral"}>
                          {t(`confirmation.${link.confirmation}`)}
                        </Badge>
                        {link.comment ? <span className="ml-2 text-muted">« {link.comment} »</span> : null}
                        {link.canAnswer ? (
                          <MilestoneAnswer
                            projectId={projectId}
                            milestoneId={event.milestone.id}
                            relationshipId={link.relationshipId}
                            label={event.milestone.title}
                          />
                        ) : null}
                        {link.notes.length > 0 ? (
                          <ul className="mt-1 space-y-1 border-l-2 border-stage-collaboration pl-3" aria-label={tm("notes")}>
                            {link.notes.map((note) => (
                              <li key={note.id}>
                                <p className="text-muted">
                                  {tm("noteBy", {
                                    name: note.authorName ?? "—",
                                    network: note.networkName,
                                    date: format.dateTime(note.createdAt, { dateStyle: "long" }),
                                  })}
                                </p>
                                <p className="whitespace-pre-line">{note.text}</p>
                              </li>
                            ))}
                          </ul>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </div>
            )}
          </li>
        ))}
      </ol>
      {range.show === "recent" && older.length > 0 ? (
        <p className="mt-4">
          <Link href={range.wholeHref}>{t("timelineOlder", { count: older.length, awaiting: olderAwaiting })}</Link>
        </p>
      ) : null}
      {range.show === "whole" && events.length > range.count ? (
        <p className="mt-4">
          <Link href={range.recentHref}>{t("timelineNewest", { count: range.count })}</Link>
        </p>
      ) : null}
    </>
  );
}
