// Rules on records inside a project (history, milestones, comments, publication), and the decisions sent to the UI.
import { otherSide, SIDES, type Side } from "@/server/domain/gradient";
import { DomainError, forbidden } from "@/server/errors";
import { requireActor, requirePlatformAdmin, type Actor } from "./actor";
import { canInvite, canInviteCollectiveAdmins, canManageHolders, canModerateProject, isProjectParty, type ProjectAccess } from "./project-access";

export const PRIVATE_PROJECT_FIELDS: readonly string[] = ["contacts"];

/** What a history entry tells about its record, for deciding who reads it. */
export type HistoryEntryFacts = {
  entity: string;
  action: string;
  /** The comment or milestone it describes is hidden by moderation now. */
  contentHidden: boolean;
  /** The comment it describes was deleted by its author. */
  commentDeleted: boolean;
};

/**
 * How much of a history entry a reader gets: the same rules as the reads of the records it
 * describes. "whole"; "publicFields" (a project file's entry without PRIVATE_PROJECT_FIELDS);
 * "withoutText" (that it happened, not what was written); or "none".
 */
export type HistoryReading = "whole" | "publicFields" | "withoutText" | "none";

export function historyReadingFor(access: ProjectAccess, entry: HistoryEntryFacts): HistoryReading {
  // A deleted message's text is gone from the discussion for everyone, moderators included: so it is here.
  if (canModerateProject(access)) return entry.entity === "comment" && entry.commentDeleted ? "withoutText" : "whole";
  const party = isProjectParty(access);
  switch (entry.entity) {
    case "project":
      if (entry.action === "create" || entry.action === "update") return access.publicOnly ? "publicFields" : "whole";
      // Asking to be public and the network's answer: between the collective and its network.
      return party ? "whole" : "none";
    case "comment":
      // The discussion is the parties'; hidden content and its moderation are the moderators'.
      if (!party || entry.contentHidden || entry.action === "hide" || entry.action === "restore") return "none";
      return entry.commentDeleted ? "withoutText" : "whole";
    case "milestone":
      // The timeline is every reader's; a hidden milestone is gone for all but moderators.
      return entry.contentHidden || entry.action === "hide" || entry.action === "restore" ? "none" : "whole";
    case "stage_change":
    case "relationship":
      return "whole";
    case "barometer_answer_set":
      return access.publicOnly ? "none" : "whole";
    case "project_party":
      return party ? "whole" : "none";
    case "invitation":
      return canInvite(access) ? "whole" : "none";
    default:
      // Reports, and anything recorded later that no rule here names yet: moderators only.
      return "none";
  }
}

/**
 * Deciding a request to go public: a moderator of a network that holds the project, or — when no
 * network holds it — a platform admin.
 */
export function mayReviewPublic(access: ProjectAccess, heldByANetwork: boolean): boolean {
  return access.moderatedNetworks.length > 0 || (!heldByANetwork && access.isPlatformAdmin);
}

export function assertCanReviewPublic(access: ProjectAccess, heldByANetwork: boolean) {
  if (access.moderatedNetworks.length > 0) return requireActor(access.actor);
  if (!heldByANetwork) return requirePlatformAdmin(access.actor);
  throw forbidden("holdingNetworkDecides");
}

// ── Decisions for the project's page: the rules above, decided once, sent to the UI ────────────

/** The sides of the relationship with `authorityId` that the person acts for. */
export function sidesFor(access: ProjectAccess, authorityId: string): Side[] {
  return [
    ...(access.isHolderMember ? (["collective"] as const) : []),
    ...(access.authorities.some((authority) => authority.authorityId === authorityId) ? (["authority"] as const) : []),
  ];
}

type PartyFacts = { organisationId: string; role: "holder" | "authority" | "network"; status: string };

/** What the person may do on a project's file, each answer the rule its mutation checks. */
export function projectDecisions(access: ProjectAccess, parties: PartyFacts[]) {
  const party = isProjectParty(access);
  const heldByANetwork = parties.some((candidate) => candidate.role === "network" && candidate.status === "active");
  return {
    edit: access.isHolderMember,
    invite: canInvite(access),
    inviteCollectiveAdmins: canInviteCollectiveAdmins(access),
    addAuthority: access.isHolderMember,
    readComments: party || access.isPlatformAdmin,
    comment: party,
    requestPublic: access.isHolderMember && access.visibility !== "public",
    reviewPublic: mayReviewPublic(access, heldByANetwork),
    requestNetwork: access.isHolderMember,
    answerNetworkInvitations: access.isHolderMember,
    /** The networks whose accompaniment (or request) the person may end: the collective any, a moderator theirs. */
    /** Inviting a structure to co-hold, withdrawing that invitation, naming the contact. */
    manageHolders: canManageHolders(access),
    /** The holding structures the person may withdraw from the project: theirs as an admin, while another holds it. */
    leaveHolding:
      parties.filter((candidate) => candidate.role === "holder" && candidate.status === "active").length > 1
        ? parties
            .filter((candidate) => candidate.role === "holder" && candidate.status === "active" && access.holderAdminOf.includes(candidate.organisationId))
            .map((candidate) => candidate.organisationId)
        : [],
    leaveNetworks: parties
      .filter((candidate) => candidate.role === "network" && candidate.status !== "invited")
      .filter((candidate) => access.isHolderMember || access.moderatedNetworks.includes(candidate.organisationId))
      .map((candidate) => candidate.organisationId),
  };
}

export type ProjectDecisions = ReturnType<typeof projectDecisions>;

/** A proposal waiting for an answer, as the rules about it read it. */
export type PendingFacts = { proposedSide: Side; declaredByNetwork: boolean; firstAgreedSide: Side | null };

/**
 * The sides that still answer a pending proposal: the side facing the one that proposed; for a
 * stage a network declared, both sides, less the one that confirmed it already.
 */
export function sidesToAnswer(pending: PendingFacts): Side[] {
  if (!pending.declaredByNetwork) return [otherSide(pending.proposedSide)];
  return SIDES.filter((side) => side !== pending.firstAgreedSide);
}

/** What the person may do about one relationship and its open proposal. */
export function relationshipDecisions(
  access: ProjectAccess,
  relationship: { authorityId: string; stage: string | null; endedAt: Date | null },
  pending: PendingFacts | null,
) {
  const sides = sidesFor(access, relationship.authorityId);
  return {
    sides,
    /** The sides the person records milestones and answers the barometer for: none once the relationship ended. */
    openSides: relationship.endedAt ? [] : sides,
    canPropose: pending === null && relationship.stage !== null && sides.length > 0 && !relationship.endedAt,
    /** Either side ends the relationship, with a reason. */
    canEnd: sides.length > 0 && !relationship.endedAt,
    canDecide: pending !== null && sidesToAnswer(pending).some((side) => sides.includes(side)),
    // A stage a network declared is not a side's to withdraw: each side confirms or declines it.
    canWithdraw: pending !== null && !pending.declaredByNetwork && sides.includes(pending.proposedSide),
    canMediate: pending !== null && access.moderatedNetworks.length > 0,
  };
}

/** Answering a milestone for a relationship: the side that did not record it, while it waits. */
export function mayAnswerMilestone(access: ProjectAccess, milestone: { recordedSide: Side }, link: { authorityId: string; confirmation: string }): boolean {
  return link.confirmation === "pending" && sidesFor(access, link.authorityId).includes(otherSide(milestone.recordedSide));
}

/** Changing a milestone's status (planned, done, cancelled): the side that recorded it. */
export function mayChangeMilestoneStatus(access: ProjectAccess, milestone: { recordedSide: Side }, authorityIds: string[]): boolean {
  return authorityIds.some((authorityId) => sidesFor(access, authorityId).includes(milestone.recordedSide));
}

/**
 * Correcting a milestone's content (title, kind, date, description, links) or withdrawing it: its
 * author, still acting for the side that recorded it, while no one has confirmed it — what the
 * other side confirmed stays as they confirmed it — and while moderation has not hidden it.
 */
export function mayReviseMilestone(
  access: ProjectAccess,
  milestone: { recordedSide: Side; recordedById: string | null; hidden: boolean },
  links: { authorityId: string; confirmation: string }[],
): boolean {
  return (
    access.actor !== null &&
    milestone.recordedById === access.actor.userId &&
    !milestone.hidden &&
    links.every((link) => link.confirmation !== "confirmed") &&
    mayChangeMilestoneStatus(
      access,
      milestone,
      links.map((link) => link.authorityId),
    )
  );
}

export function assertMayReviseMilestone(...facts: Parameters<typeof mayReviseMilestone>) {
  const [access, milestone, links] = facts;
  if (
    milestone.recordedById !== access.actor?.userId ||
    !mayChangeMilestoneStatus(
      access,
      milestone,
      links.map((link) => link.authorityId),
    )
  ) {
    throw forbidden("ownMilestonesOnly");
  }
  if (links.some((link) => link.confirmation === "confirmed")) throw new DomainError("CONFLICT", "milestoneConfirmedAlready");
  return requireActor(access.actor);
}

/** Editing or deleting a comment: its author only. */
export function assertCommentAuthor(comment: { authorId: string | null }, actor: Actor) {
  if (comment.authorId !== actor.userId) throw forbidden("ownCommentsOnly");
}

/** Nothing more happens in a relationship one side ended: no stage, milestone or barometer answer. */
export function assertRelationshipOpen(relationship: { endedAt: Date | null }) {
  if (relationship.endedAt) throw new DomainError("CONFLICT", "relationshipEnded");
}
