// What a notification is about, and what its message is made of.

export const NOTIFICATION_KINDS = [
  "milestone_recorded",
  "milestone_confirmed",
  "milestone_contested",
  /** A milestone its author withdrew before anyone confirmed it: told to those it was announced to. */
  "milestone_withdrawn",
  "stage_proposed",
  "stage_confirmed",
  "stage_declined",
  "mention",
  "invitation",
  /** Content of yours hidden or restored by a moderator, with the reason. */
  "moderation",
  /** A network's answer about the portfolio or going public; an invitation to join; a departure. */
  "portfolio",
  /** A moderator's note on a contested milestone or stage change. */
  "mediation",
  /** A claim to speak for an authority: asked (told to who can verify it), verified or refused (told to its author). */
  "membership",
  /** An invitation to co-hold a project (told to the invited structure's admins), its answer, a holder leaving (told to the holders). */
  "co_holding",
  /** A relationship one side ended, with its reason: told to the other side. */
  "relationship_ended",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Every value a notification's message may name, empty when its payload lacks it. */
export function payloadValues(payload: Record<string, string>) {
  return {
    title: "",
    excerpt: "",
    action: "",
    content: "",
    event: "",
    network: "",
    reason: "",
    organisation: "",
    to: "",
    from: "",
    authority: "",
    reminder: "",
    ...payload,
  };
}
