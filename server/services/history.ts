// The change log: one way to record who changed what, used by every mutation that keeps history.
import { and, desc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { changeLog, users, type FieldChange } from "@/db/schema";
import { assertCanReadProject, type Actor } from "./access";

export type ChangeEntry = {
  actorId: string | null;
  entity: string;
  entityId: string;
  projectId?: string | null;
  action: string;
  changes?: FieldChange[];
  version?: number | null;
};

export async function recordChange(db: DbOrTx, entry: ChangeEntry): Promise<void> {
  await db.insert(changeLog).values({
    actorId: entry.actorId,
    entity: entry.entity,
    entityId: entry.entityId,
    projectId: entry.projectId ?? null,
    action: entry.action,
    changes: entry.changes ?? [],
    version: entry.version ?? null,
  });
}

/** The fields whose values differ, with their values before and after. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): FieldChange[] {
  return Object.entries(after)
    .filter(([field, value]) => value !== undefined && JSON.stringify(before[field]) !== JSON.stringify(value))
    .map(([field, value]) => ({ field, before: before[field], after: value }));
}

const historyColumns = {
  id: changeLog.id,
  at: changeLog.at,
  entity: changeLog.entity,
  entityId: changeLog.entityId,
  action: changeLog.action,
  changes: changeLog.changes,
  version: changeLog.version,
  actorName: users.name,
  actorEmail: users.email,
};

/** A project's "Historique": every recorded change, newest first. */
export async function listProjectHistory(db: DbOrTx, actor: Actor | null, projectId: string) {
  await assertCanReadProject(db, actor, projectId);
  return db
    .select(historyColumns)
    .from(changeLog)
    .leftJoin(users, eq(users.id, changeLog.actorId))
    .where(eq(changeLog.projectId, projectId))
    .orderBy(desc(changeLog.at), desc(changeLog.id))
    .limit(500);
}

/** The changes a record went through after a given version: what a conflicting save missed. */
export async function changesSinceVersion(db: DbOrTx, entity: string, entityId: string, version: number) {
  return db
    .select(historyColumns)
    .from(changeLog)
    .leftJoin(users, eq(users.id, changeLog.actorId))
    .where(and(eq(changeLog.entity, entity), eq(changeLog.entityId, entityId), gt(changeLog.version, version)))
    .orderBy(changeLog.version);
}
