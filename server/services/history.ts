// The change log: one way to record who changed what, used by every mutation that keeps history.
import { and, desc, eq, gt, gte, ilike, inArray, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { changeValueKind, type ChangeAction, type ChangeEntity } from "@/server/domain/change-log";
import { escapeLike } from "@/server/domain/search-text";
import { changeLog, comments, memberships, milestones, organisations, projects, territories, users, type FieldChange } from "@/db/schema";
import { assertCanReadProject, historyReadingFor, isProjectParty, PRIVATE_PROJECT_FIELDS, requirePlatformAdmin, type Actor } from "./access";
import { containsSearch } from "./search-sql";
import type { TAuditSearchInput } from "@/server/api/routers/audit.schema";

export type ChangeEntry = {
  actorId: string | null;
  entity: ChangeEntity;
  entityId: string;
  projectId?: string | null;
  action: ChangeAction;
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

/**
 * A project's "Historique": every recorded change the reader may know of, newest first. Each
 * entry obeys the rules of the record it describes (historyReadingFor): what project.get,
 * comment.list and the overview refuse a reader, their history does not tell them either.
 */
export async function listProjectHistory(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await assertCanReadProject(db, actor, projectId);
  const [rows, goneComments, hiddenMilestones] = await Promise.all([
    db
      .select(historyColumns)
      .from(changeLog)
      .leftJoin(users, eq(users.id, changeLog.actorId))
      .where(eq(changeLog.projectId, projectId))
      .orderBy(desc(changeLog.at), desc(changeLog.id))
      .limit(500),
    db
      .select({ id: comments.id, hidden: sql<boolean>`${comments.hiddenAt} is not null`, deleted: sql<boolean>`${comments.deletedAt} is not null` })
      .from(comments)
      .where(and(eq(comments.projectId, projectId), or(isNotNull(comments.hiddenAt), isNotNull(comments.deletedAt)))),
    db
      .select({ id: milestones.id })
      .from(milestones)
      .where(and(eq(milestones.projectId, projectId), isNotNull(milestones.hiddenAt))),
  ]);
  const hidden = new Set([...goneComments.filter((row) => row.hidden), ...hiddenMilestones].map((row) => row.id));
  const deleted = new Set(goneComments.filter((row) => row.deleted).map((row) => row.id));
  // People's addresses are for the parties, who work together; other readers get names only.
  const seesAddresses = isProjectParty(access) || access.isPlatformAdmin;
  const readable = rows.flatMap(({ actorEmail, ...entry }) => {
    const reading = historyReadingFor(access, {
      entity: entry.entity,
      action: entry.action,
      contentHidden: hidden.has(entry.entityId),
      commentDeleted: entry.entity === "comment" && deleted.has(entry.entityId),
    });
    if (reading === "none") return [];
    const changes =
      reading === "withoutText"
        ? []
        : reading === "publicFields"
          ? entry.changes.filter((change) => !PRIVATE_PROJECT_FIELDS.includes(change.field))
          : entry.changes;
    if (reading === "publicFields" && entry.changes.length > 0 && changes.length === 0) return [];
    return [{ ...entry, changes, actorEmail: seesAddresses ? actorEmail : null }];
  });
  return withReferenceNames(db, readable);
}

/**
 * Names for the ids a page of entries refers to in its changes (organisations, people, communes),
 * in one query per kind: the history says « Collectif porteur : La Fabrique », never an id. Each
 * entry carries the names of its own references only.
 */
async function withReferenceNames<T extends { entity: string; changes: FieldChange[] }>(db: DbOrTx, entries: T[]) {
  const wanted = { organisation: new Set<string>(), person: new Set<string>(), commune: new Set<string>() };
  const referencesOf = (entry: T) =>
    entry.changes.flatMap((change) => {
      const kind = changeValueKind(entry.entity, change.field);
      const group: keyof typeof wanted | null =
        kind === "organisation" ? "organisation" : kind === "person" ? "person" : kind === "commune" || kind === "communes" ? "commune" : null;
      if (!group) return [];
      return [change.before, change.after].flat().flatMap((value) => (typeof value === "string" && value !== "" ? [{ group, id: value }] : []));
    });
  for (const entry of entries) for (const { group, id } of referencesOf(entry)) wanted[group].add(id);
  const uuids = (ids: Set<string>) => [...ids].filter(isUuid);
  const [organisationNames, personNames, communeNames] = await Promise.all([
    uuids(wanted.organisation).length > 0
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(inArray(organisations.id, uuids(wanted.organisation)))
      : [],
    wanted.person.size > 0
      ? db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(inArray(users.id, [...wanted.person]))
      : [],
    wanted.commune.size > 0
      ? db
          .select({ id: territories.id, name: territories.name })
          .from(territories)
          .where(inArray(territories.id, [...wanted.commune]))
      : [],
  ]);
  const names = new Map([...organisationNames, ...personNames, ...communeNames].map((row) => [row.id, row.name ?? ""]));
  return entries.map((entry) => ({
    ...entry,
    /** id → name of what the changes refer to; an id absent here names something deleted since. */
    labels: Object.fromEntries(referencesOf(entry).flatMap(({ id }) => (names.has(id) ? [[id, names.get(id) ?? ""]] : []))) as Record<string, string>,
  }));
}

/** The changes a record went through after a given version: what a conflicting save missed. */
export async function changesSinceVersion(db: DbOrTx, entity: ChangeEntity, entityId: string, version: number) {
  return db
    .select(historyColumns)
    .from(changeLog)
    .leftJoin(users, eq(users.id, changeLog.actorId))
    .where(and(eq(changeLog.entity, entity), eq(changeLog.entityId, entityId), gt(changeLog.version, version)))
    .orderBy(changeLog.version);
}

export const AUDIT_PAGE_SIZE = 50;

/** The platform admins' view of the audit log: every entry, filtered, newest first, 50 at a time. */
export async function searchAuditLog(db: DbOrTx, actor: Actor | null, input: TAuditSearchInput) {
  requirePlatformAdmin(actor);
  const filters: (SQL | undefined)[] = [
    input.person ? or(ilike(users.email, `%${escapeLike(input.person)}%`), containsSearch(sql`${users.name}`, input.person)) : undefined,
    input.subject ? actedUpon(input.subject) : undefined,
    input.project ? containsSearch(sql`${projects.title}`, input.project) : undefined,
    input.entity ? eq(changeLog.entity, input.entity) : undefined,
    input.recordId
      ? isUuid(input.recordId)
        ? or(eq(changeLog.entityId, input.recordId), eq(changeLog.projectId, input.recordId))
        : eq(changeLog.entityId, input.recordId)
      : undefined,
    input.from ? gte(changeLog.at, new Date(`${input.from}T00:00:00Z`)) : undefined,
    input.to ? lt(changeLog.at, new Date(new Date(`${input.to}T00:00:00Z`).getTime() + 86_400_000)) : undefined,
    input.before ? lt(changeLog.id, input.before) : undefined,
  ];
  const rows = await db
    .select({ ...historyColumns, projectId: changeLog.projectId, projectTitle: projects.title })
    .from(changeLog)
    .leftJoin(users, eq(users.id, changeLog.actorId))
    .leftJoin(projects, eq(projects.id, changeLog.projectId))
    .where(and(...filters))
    .orderBy(desc(changeLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { entries: await withReferenceNames(db, page), nextBefore: rows.length > AUDIT_PAGE_SIZE ? (page.at(-1)?.id ?? null) : null };
}

/**
 * Entries about a person rather than by them: their account, their memberships, or a change that
 * names them (userId, adminId), whoever made it.
 */
function actedUpon(search: string): SQL {
  const pattern = `%${escapeLike(search)}%`;
  const people = sql`select ${users.id} from ${users} where ${users.email} ilike ${pattern} or ${containsSearch(sql`${users.name}`, search)}`;
  return sql`(
    (${changeLog.entity} = 'user' and ${changeLog.entityId} in (${people}))
    or (${changeLog.entity} = 'membership' and ${changeLog.entityId} in (select ${memberships.id}::text from ${memberships} where ${memberships.userId} in (${people})))
    or exists (select 1 from jsonb_array_elements(${changeLog.changes}) as change
      where change->>'field' in ('userId', 'adminId') and (change->>'before' in (${people}) or change->>'after' in (${people})))
  )`;
}

function isUuid(text: string) {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
