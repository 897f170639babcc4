// A project's holders pause it or archive it, and take it up again: it stays readable by all who
// read it, and leaves the lists of stalled projects while it is not under way.
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { projects } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { TSetProjectStatusInput } from "@/server/api/routers/project.schema";
import { assertCanEditProject, type Actor } from "./access";
import { recordChange } from "./history";

export async function setProjectStatus(db: Database, actor: Actor | null, input: TSetProjectStatusInput) {
  const { actor: signedIn } = await assertCanEditProject(db, actor, input.projectId);
  const [current] = await db
    .select({ status: projects.status, version: projects.version })
    .from(projects)
    .where(eq(projects.id, input.projectId))
    .for("update");
  if (!current) throw notFound("projectNotFound");
  if (current.status === input.status) return { status: current.status, version: current.version };
  const version = current.version + 1;
  await db.update(projects).set({ status: input.status, version, updatedAt: new Date() }).where(eq(projects.id, input.projectId));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project",
    entityId: input.projectId,
    projectId: input.projectId,
    action: "update",
    changes: [{ field: "projectStatus", before: current.status, after: input.status }],
    version,
  });
  return { status: input.status, version };
}
