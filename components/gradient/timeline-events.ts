// The project's timeline as one list: milestones and decided stage changes, newest first.

/** How many events the overview shows before « Voir les N événements plus anciens ». */
export const RECENT_EVENTS = 15;

/** The project page with its whole timeline, scrolled to it. */
export const wholeTimelineHref = (projectId: string) => `/projets/${projectId}?chronologie=complete#chronologie`;

/** The project page with its newest events only, scrolled to them. */
export const recentTimelineHref = (projectId: string) => `/projets/${projectId}#chronologie`;

type DatedMilestone = { occursOn: string };
type StageChange = { status: string; decidedAt: Date | null };

export type TimelineEvent<M extends DatedMilestone, C extends StageChange> =
  { type: "milestone"; at: Date; milestone: M } | { type: "stage"; at: Date; change: C; authorityName: string };

/**
 * The events to show, newest first — only the `recent` newest when given — and the older ones left
 * out. A stage change is an event once decided (confirmed or declined); a proposal still waiting
 * is shown on its relationship's card instead.
 */
export function timelineEvents<M extends DatedMilestone, C extends StageChange>(
  overview: { milestones: M[]; relationships: { authorityName: string; changes: C[] }[] },
  recent?: number,
): { shown: TimelineEvent<M, C>[]; older: TimelineEvent<M, C>[] } {
  const events: TimelineEvent<M, C>[] = [
    ...overview.milestones.map((milestone) => ({ type: "milestone" as const, at: new Date(`${milestone.occursOn}T12:00:00Z`), milestone })),
    ...overview.relationships.flatMap((relationship) =>
      relationship.changes.flatMap((change) =>
        (change.status === "confirmed" || change.status === "declined") && change.decidedAt
          ? [{ type: "stage" as const, at: change.decidedAt, change, authorityName: relationship.authorityName }]
          : [],
      ),
    ),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());
  return recent === undefined ? { shown: events, older: [] } : { shown: events.slice(0, recent), older: events.slice(recent) };
}
