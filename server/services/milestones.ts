// Trust-building milestones: recorded by one side, confirmed or contested by the other, per relationship.
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { milestoneLevers, milestoneRelationships, milestones, projects, relationships } from "@/db/schema";
import { otherSide } from "@/server/domain/gradient";
import { DomainError, notFound } from "@/server/errors";
import type { TCreateMilestoneInput, TUpdateMilestoneInput } from "@/server/api/routers/milestone.schema";
import { assertActsFor, assertAuthoritySide, assertCollectiveSide, loadProjectAccess, requireActor, type Actor } from "./access";
import { changedFields, changesSinceVersion, recordChange } from "./history";
import { markAnnouncedRead, notify, peopleOfSide } from "./notifications";

export async function createMilestone(db: Database, actor: Actor | null, input: TCreateMilestoneInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const relationshipIds = [...new Set(input.relationshipIds)];
  const concerned = await db
    .select({ id: relationships.id, authorityId: relationships.authorityId })
    .from(relationships)
    .where(and(eq(relationships.projectId, input.projectId), inArray(relationships.id, relationshipIds)));
  if (concerned.length !== relationshipIds.length) throw new DomainError("BAD_REQUEST", "chooseProjectRelationships");
  // The collective records for any of its relationships; an authority only for its own.
  const signedIn =
    input.as === "collective"
      ? assertCollectiveSide(access)
      : (concerned.map((relationship) => assertAuthoritySide(access, relationship.authorityId))[0] ?? requireActor(access.actor));
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

/** Edits by the side that recorded it, from the version it started from. */
export async function updateMilestone(db: Database, actor: Actor | null, input: TUpdateMilestoneInput) {
  requireActor(actor);
  const milestone = await loadMilestone(db, input.milestoneId);
  if (!milestone) throw notFound("milestoneNotFound");
  const access = await loadProjectAccess(db, actor, milestone.projectId, "milestoneNotFound");
  if (milestone.hiddenAt) throw new DomainError("CONFLICT", "milestoneHidden");
  const concerned = await db
    .select({ authorityId: relationships.authorityId })
    .from(milestoneRelationships)
    .innerJoin(relationships, eq(relationships.id, milestoneRelationships.relationshipId))
    .where(eq(milestoneRelationships.milestoneId, milestone.id));
  const signedIn =
    milestone.recordedSide === "collective"
      ? assertCollectiveSide(access)
      : assertAuthoritySide(access, concerned.find((row) => access.authorities.some((a) => a.authorityId === row.authorityId))?.authorityId ?? "");
  const [current] = await db.select().from(milestones).where(eq(milestones.id, milestone.id)).for("update");
  if (!current) throw notFound("milestoneNotFound");
  if (current.version !== input.version) {
    const missed = await changesSinceVersion(db, "milestone", milestone.id, input.version);
    throw new DomainError("CONFLICT", "milestoneChangedMeanwhile", { details: { currentVersion: current.version, changes: missed } });
  }
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
