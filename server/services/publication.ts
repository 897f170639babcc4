// Going public: the collective asks, a moderator of a holding network (or a platform admin
// when none holds it) decides.
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { projectParties, projects } from "@/db/schema";
import { DomainError } from "@/server/errors";
import { assertCanReviewPublic, assertCollectiveSide, loadProjectAccess, projectsModeratedBy, requireActor, type Actor } from "./access";
import { recordChange } from "./history";
import { notify, peopleOfSide } from "./notifications";
import type { TProjectIdInput, TReviewPublicInput } from "@/server/api/routers/project.schema";

/** Going public: the collective asks; a moderator of a holding network, or a platform admin when none, decides. */
export async function requestPublic(db: Database, actor: Actor | null, input: TProjectIdInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCollectiveSide(access);
  if (access.visibility === "public") throw new DomainError("CONFLICT", "alreadyPublic");
  await db.update(projects).set({ publicRequestedAt: new Date(), publicRequestedById: signedIn.userId }).where(eq(projects.id, input.projectId));
  await recordChange(db, { actorId: signedIn.userId, entity: "project", entityId: input.projectId, projectId: input.projectId, action: "request_public" });
  return { requested: true };
}

export async function reviewPublic(db: Database, actor: Actor | null, input: TReviewPublicInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const holdingNetworks = await db
    .select({ id: projectParties.organisationId })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.role, "network"), eq(projectParties.status, "active")));
  const reviewer = assertCanReviewPublic(access, holdingNetworks.length > 0);
  const [updated] = await db
    .update(projects)
    .set({ publicRequestedAt: null, publicRequestedById: null, ...(input.accept ? { visibility: "public" as const } : {}) })
    .where(and(eq(projects.id, input.projectId), isNotNull(projects.publicRequestedAt)))
    .returning({ id: projects.id });
  if (!updated) throw new DomainError("CONFLICT", "noPublicationRequest");
  await recordChange(db, {
    actorId: reviewer.userId,
    entity: "project",
    entityId: input.projectId,
    projectId: input.projectId,
    action: input.accept ? "accept_public" : "refuse_public",
    changes: [{ field: "reason", before: null, after: input.reason }],
  });
  await notify(db, {
    userIds: await peopleOfSide(db, input.projectId, "collective", ""),
    kind: "portfolio",
    projectId: input.projectId,
    actorId: reviewer.userId,
    payload: { event: input.accept ? "public_accepted" : "public_refused", network: "", reason: input.reason },
  });
  return { visibility: input.accept ? "public" : access.visibility };
}

/**
 * Requests to make a project public that the person may review: for the projects their networks
 * hold, and — for a platform admin — those no network holds.
 */
export async function listPublicRequests(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  return db
    .select({ projectId: projects.id, title: projects.title, requestedAt: projects.publicRequestedAt })
    .from(projects)
    .where(and(isNotNull(projects.publicRequestedAt), projectsModeratedBy(db, signedIn)))
    .orderBy(projects.publicRequestedAt);
}
