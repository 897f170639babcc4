// The project's timeline as one list: milestones and decided stage changes, newest first.

/** How many events the overview shows before « Voir les N événements plus anciens ». */
export const RECENT_EVENTS = 15;

type DatedMilestone = { occursOn: string };
type StageChange = { status: string; decidedAt: Date | null };

export type TimelineEvent<M extends DatedMilestone, C extends StageChange> =
  | { type: "milestone"; at: Date; milestone: M }
  | { type: "stage"; at: Date; change: C; authorityName: string };

/**
 * The events to show, newest first — only the `recent` newest when given — and how many older
 * ones are left out. A stage change is an event once decided (confirmed or declined); a proposal
 * still waiting is shown on its relationship's card instead.
 */
export function timelineEvents<M extends DatedMilestone, C extends StageChange>(
  overview: { milestones: M[]; relationships: { authorityName: string; changes: C[] }[] },
  recent?: number,
): { shown: TimelineEvent<M, C>[]; older: number } {
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
  const shown = recent === undefined ? events : events.slice(0, recent);
  return { shown, older: events.length - shown.length };
}
