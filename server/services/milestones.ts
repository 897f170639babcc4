// Trust-building milestones: recorded by one side, confirmed or contested by the other, per relationship.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { contentReports, milestoneLevers, milestoneRelationships, milestones, projects, relationships } from "@/db/schema";
import { otherSide } from "@/server/domain/gradient";
import { DomainError, notFound } from "@/server/errors";
import type { TCreateMilestoneInput, TUpdateMilestoneInput, TWithdrawMilestoneInput } from "@/server/api/routers/milestone.schema";
import {
  assertActsFor,
  assertAuthoritySide,
  assertCollectiveSide,
  assertMayReviseMilestone,
  assertRelationshipOpen,
  loadProjectAccess,
  requireActor,
  type Actor,
} from "./access";
import { changedFields, changesSinceVersion, recordChange } from "./history";
import { markAnnouncedRead, notify, peopleOfSide } from "./notifications";

export async function createMilestone(db: Database, actor: Actor | null, input: TCreateMilestoneInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const relationshipIds = [...new Set(input.relationshipIds)];
  const concerned = await db
    .select({ id: relationships.id, authorityId: relationships.authorityId, endedAt: relationships.endedAt })
    .from(relationships)
    .where(and(eq(relationships.projectId, input.projectId), inArray(relationships.id, relationshipIds)));
  if (concerned.length !== relationshipIds.length) throw new DomainError("BAD_REQUEST", "chooseProjectRelationships");
  // The collective records for any of its relationships; an authority only for its own.
  const signedIn =
    input.as === "collective"
      ? assertCollectiveSide(access)
      : (concerned.map((relationship) => assertAuthoritySide(access, relationship.authorityId))[0] ?? requireActor(access.actor));
  for (const relationship of concerned) assertRelationshipOpen(relationship);
  const { levers, ...fields } = input;
  const [milestone] = await db
    .insert(milestones)
    .values({
      projectId: input.projectId,
      kind: fields.kind,
      title: fields.title,
      occursOn: fields.occursOn,
      status: fields.status,
      description: fields.description,
      evidenceLinks: fields.evidenceLinks,
      recordedSide: input.as,
      recordedById: signedIn.userId,
    })
    .returning({ id: milestones.id });
  if (!milestone) throw new Error("insert returned no row");
  await db.insert(milestoneRelationships).values(relationshipIds.map((relationshipId) => ({ milestoneId: milestone.id, relationshipId })));
  if (levers.length > 0) {
    await db.insert(milestoneLevers).values([...new Set(levers)].map((leverId) => ({ milestoneId: milestone.id, leverId })));
  }
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "milestone",
    entityId: milestone.id,
    projectId: input.projectId,
    action: "create",
    changes: changedFields({}, { title: fields.title, kind: fields.kind, occursOn: fields.occursOn, status: fields.status, levers }),
    version: 1,
  });
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, input.projectId));
  const recipients = (
    await Promise.all(concerned.map((relationship) => peopleOfSide(db, input.projectId, otherSide(input.as), relationship.authorityId)))
  ).flat();
  await notify(db, {
    userIds: recipients,
    kind: "milestone_recorded",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { title: fields.title, milestoneId: milestone.id },
  });
  return { milestoneId: milestone.id };
}

async function loadMilestone(db: Database, milestoneId: string) {
  const [milestone] = await db.select().from(milestones).where(eq(milestones.id, milestoneId));
  return milestone ?? null;
}

/**
 * The relationships a milestone concerns, with each one's answer; `locked` for the write itself,
 * so that an answer given at the same moment waits for it, or it sees that answer (a milestone
 * confirmed meanwhile is not rewritten nor withdrawn).
 */
async function linksOf(db: Database, milestoneId: string, locked = false) {
  const query = db
    .select({ authorityId: relationships.authorityId, confirmation: milestoneRelationships.confirmation })
    .from(milestoneRelationships)
    .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
    .where(eq(milestoneRelationships.milestoneId, milestoneId));
  return locked ? query.for("update", { of: milestoneRelationships }) : query;
}

/** What a milestone says, as opposed to where it stands (status) and what it mobilised (levers). */
const CONTENT_FIELDS = ["kind", "title", "occursOn", "description", "evidenceLinks"] as const;

/**
 * Edits from the version they started from: its status and levers by the side that recorded it,
 * what it says by its author while no one has confirmed it.
 */
export async function updateMilestone(db: Database, actor: Actor | null, input: TUpdateMilestoneInput) {
  requireActor(actor);
  const milestone = await loadMilestone(db, input.milestoneId);
  if (!milestone) throw notFound("milestoneNotFound");
  const access = await loadProjectAccess(db, actor, milestone.projectId, "milestoneNotFound");
  if (milestone.hiddenAt) throw new DomainError("CONFLICT", "milestoneHidden");
  const revising = CONTENT_FIELDS.some((field) => input.changes[field] !== undefined);
  const links = await linksOf(db, milestone.id);
  const signedIn = revising
    ? assertMayReviseMilestone(access, { ...milestone, hidden: false }, links)
    : milestone.recordedSide === "collective"
      ? assertCollectiveSide(access)
      : assertAuthoritySide(access, links.find((row) => access.authorities.some((a) => a.authorityId === row.authorityId))?.authorityId ?? "");
  const current = await lockAtVersion(db, milestone.id, input.version);
  if (revising) assertMayReviseMilestone(access, { ...milestone, hidden: false }, await linksOf(db, milestone.id, true));
  const { levers, ...fields } = input.changes;
  const currentLevers = (await db.select({ id: milestoneLevers.leverId }).from(milestoneLevers).where(eq(milestoneLevers.milestoneId, milestone.id)))
    .map((row) => row.id)
    .sort();
  const changes = changedFields({ ...current, levers: currentLevers }, { ...fields, levers: levers ? [...new Set(levers)].sort() : undefined });
  if (changes.length === 0) return { milestoneId: milestone.id, version: current.version };
  if (levers) {
    await db.delete(milestoneLevers).where(eq(milestoneLevers.milestoneId, milestone.id));
    if (levers.length > 0) await db.insert(milestoneLevers).values([...new Set(levers)].map((leverId) => ({ milestoneId: milestone.id, leverId })));
  }
  const version = current.version + 1;
  await db
    .update(milestones)
    .set({ ...fields, version, updatedAt: new Date() })
    .where(eq(milestones.id, milestone.id));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "milestone",
    entityId: milestone.id,
    projectId: milestone.projectId,
    action: "update",
    changes,
    version,
  });
  return { milestoneId: milestone.id, version };
}

/** The milestone locked for a write, as long as no one changed it since `version`. */
async function lockAtVersion(db: Database, milestoneId: string, version: number) {
  const [current] = await db.select().from(milestones).where(eq(milestones.id, milestoneId)).for("update");
  if (!current) throw notFound("milestoneNotFound");
  if (current.version !== version) {
    const missed = await changesSinceVersion(db, "milestone", milestoneId, version);
    throw new DomainError("CONFLICT", "milestoneChangedMeanwhile", { details: { currentVersion: current.version, changes: missed } });
  }
  return current;
}

/**
 * A milestone recorded by mistake, withdrawn by its author before anyone confirmed it: gone from
 * the timeline, the print and every count, kept in the history; those it was announced to are told.
 */
export async function withdrawMilestone(db: Database, actor: Actor | null, input: TWithdrawMilestoneInput) {
  requireActor(actor);
  const milestone = await loadMilestone(db, input.milestoneId);
  if (!milestone) throw notFound("milestoneNotFound");
  const access = await loadProjectAccess(db, actor, milestone.projectId, "milestoneNotFound");
  if (milestone.hiddenAt) throw new DomainError("CONFLICT", "milestoneHidden");
  const signedIn = assertMayReviseMilestone(access, { ...milestone, hidden: false }, await linksOf(db, milestone.id));
  const current = await lockAtVersion(db, milestone.id, input.version);
  const links = await linksOf(db, milestone.id, true);
  assertMayReviseMilestone(access, { ...milestone, hidden: false }, links);
  const recipients = (
    await Promise.all(links.map((link) => peopleOfSide(db, milestone.projectId, otherSide(milestone.recordedSide), link.authorityId)))
  ).flat();
  // Reports on it have nothing left to judge.
  await db.delete(contentReports).where(and(eq(contentReports.contentKind, "milestone"), eq(contentReports.contentId, milestone.id)));
  await db.delete(milestones).where(eq(milestones.id, milestone.id));
  await markAnnouncedRead(db, "milestone_recorded", { milestoneId: milestone.id });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "milestone",
    entityId: milestone.id,
    projectId: milestone.projectId,
    action: "withdraw",
    changes: [{ field: "title", before: current.title, after: null }],
    version: current.version + 1,
  });
  await db.update(projects).set({ updatedAt: new Date() }).where(eq(projects.id, milestone.projectId));
  await notify(db, {
    userIds: recipients,
    kind: "milestone_withdrawn",
    projectId: milestone.projectId,
    actorId: signedIn.userId,
    payload: { title: current.title },
  });
  return { milestoneId: milestone.id, withdrawn: true };
}

/** The side that did not record it confirms or contests it, for one relationship it concerns. */
export async function answerMilestone(
  db: Database,
  actor: Actor | null,
  input: { milestoneId: string; relationshipId: string; answer: "confirmed" | "contested"; comment: string },
) {
  requireActor(actor);
  const milestone = await loadMilestone(db, input.milestoneId);
  if (!milestone) throw notFound("milestoneNotFound");
  const access = await loadProjectAccess(db, actor, milestone.projectId, "milestoneNotFound");
  if (milestone.hiddenAt) throw new DomainError("CONFLICT", "milestoneHidden");
  const [link] = await db
    .select({ authorityId: relationships.authorityId, confirmation: milestoneRelationships.confirmation })
    .from(milestoneRelationships)
    .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
    .where(and(eq(milestoneRelationships.milestoneId, milestone.id), eq(milestoneRelationships.relationshipId, input.relationshipId)));
  if (!link) throw notFound("milestoneNotOfRelationship");
  const signedIn = assertActsFor(access, otherSide(milestone.recordedSide), link.authorityId);
  if (input.answer === "contested" && input.comment.trim() === "") {
    throw new DomainError("BAD_REQUEST", "sayWhatYouContest");
  }
  await db
    .update(milestoneRelationships)
    .set({ confirmation: input.answer, comment: input.comment || null, decidedById: signedIn.userId, decidedAt: new Date() })
    .where(and(eq(milestoneRelationships.milestoneId, milestone.id), eq(milestoneRelationships.relationshipId, input.relationshipId)));
  await markAnnouncedRead(db, "milestone_recorded", { milestoneId: milestone.id });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "milestone",
    entityId: milestone.id,
    projectId: milestone.projectId,
    action: input.answer === "confirmed" ? "confirm" : "contest",
    changes: [
      { field: "confirmation", before: link.confirmation, after: input.answer },
      ...(input.comment ? [{ field: "comment", before: null, after: input.comment }] : []),
    ],
  });
  await notify(db, {
    userIds: milestone.recordedById ? [milestone.recordedById] : [],
    kind: input.answer === "confirmed" ? "milestone_confirmed" : "milestone_contested",
    projectId: milestone.projectId,
    actorId: signedIn.userId,
    payload: { title: milestone.title, comment: input.comment, milestoneId: milestone.id },
  });
  return { milestoneId: milestone.id, relationshipId: input.relationshipId, confirmation: input.answer };
}
