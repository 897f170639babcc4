// A project's holding structures: the collectives — and public bodies, as a commune holding a
// share of a SCIC — that carry it together. Any holder's admin invites another structure, whose
// admin accepts or declines; a holder's admin withdraws it, never the last; one of them is the
// structure to contact.
import { and, asc, eq, inArray, ne, sql, type SQL } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Database, DbOrTx } from "@/db";
import { memberships, organisations, projectParties, projects, users } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import type { TAnswerHolderInvitationInput, THolderInput, TInviteHolderInput, TSearchCollectivesInput } from "@/server/api/routers/holder.schema";
import {
  assertCanManageHolders,
  assertCanManageOrganisation,
  assertHolderAdmin,
  loadProjectAccess,
  membershipCounts,
  requireActor,
  type Actor,
} from "./access";
import { openAuthority } from "./authorities";
import { recordChange } from "./history";
import { containsSearch } from "./search-sql";
import { notify, peopleOfSide } from "./notifications";

/**
 * One of a project's active holding structures meets `condition`, as SQL: the lists' and the
 * portfolio's filters and searches by collective read every holder, not the contact alone.
 */
export function anyHolderWhere(projectId: SQL | AnyPgColumn, condition: (holder: { name: SQL; legalForm: SQL }) => SQL): SQL {
  return sql`exists (select 1 from ${projectParties} holder_party join ${organisations} holder on holder.id = holder_party.organisation_id
    where holder_party.project_id = ${projectId} and holder_party.role = 'holder' and holder_party.status = 'active'
      and ${condition({ name: sql`holder.name`, legalForm: sql`holder.legal_form` })})`;
}

/**
 * The names of a project's active holding structures but its contact, oldest first, as JSON (which
 * both drivers read back as an array; postgres.js, without fetched types, would hand a text[] back as text).
 */
export function coHolderNamesOf(projectId: SQL | AnyPgColumn, contactHolderId: SQL | AnyPgColumn): SQL<string[]> {
  return sql<
    string[]
  >`to_json(array(select holder.name from ${projectParties} holder_party join ${organisations} holder on holder.id = holder_party.organisation_id
    where holder_party.project_id = ${projectId} and holder_party.role = 'holder' and holder_party.status = 'active'
      and holder_party.organisation_id <> ${contactHolderId}
    order by holder_party.created_at, holder.name))`;
}

/** The verified admins of a structure: who answers for it. */
export async function adminsOf(db: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "admin"), membershipCounts(organisations.kind, memberships.verifiedAt)));
  return rows.map((row) => row.userId);
}

export async function projectTitles(db: DbOrTx, projectIds: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ id: projects.id, title: projects.title }).from(projects).where(inArray(projects.id, projectIds));
  return new Map(rows.map((row) => [row.id, row.title]));
}

/** A holder's admin invites a collective, or a public body by its territory, to co-hold the project. */
export async function inviteHolder(db: Database, actor: Actor | null, input: TInviteHolderInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const inviter = assertCanManageHolders(access);
  const structure =
    "territoryId" in input.structure
      ? await openAuthority(db, input.structure.territoryId)
      : ((
          await db
            .select({ id: organisations.id, name: organisations.name })
            .from(organisations)
            .where(and(eq(organisations.id, input.structure.collectiveId), eq(organisations.kind, "collective")))
        )[0] ?? null);
  if (!structure) throw new DomainError("BAD_REQUEST", "chooseStructureFromList");
  const [party] = await db
    .select({ role: projectParties.role })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, structure.id)));
  if (party) throw new DomainError("CONFLICT", party.role === "holder" ? "alreadyHolder" : "alreadyParty", { values: { name: structure.name } });
  await db.insert(projectParties).values({
    projectId: input.projectId,
    organisationId: structure.id,
    role: "holder",
    status: "invited",
    invitedById: inviter.userId,
  });
  await recordChange(db, {
    actorId: inviter.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${structure.id}`,
    projectId: input.projectId,
    action: "invite",
    changes: [{ field: "holder", before: null, after: structure.id }],
  });
  // The project may not be theirs to read yet: the notice leads to their structure's page.
  await notify(db, {
    userIds: await adminsOf(db, structure.id),
    kind: "co_holding",
    projectId: null,
    actorId: inviter.userId,
    payload: {
      event: "invited",
      title: (await projectTitles(db, [input.projectId])).get(input.projectId) ?? "",
      organisation: structure.name,
      organisationId: structure.id,
    },
  });
  return { organisationId: structure.id, status: "invited" as const };
}

/** The invited structure's admin accepts (it becomes a holder) or declines. */
export async function answerHolderInvitation(db: Database, actor: Actor | null, input: TAnswerHolderInvitationInput) {
  const signedIn = requireActor(actor);
  await assertCanManageOrganisation(db, signedIn, input.organisationId, "coHoldingInvitationNotFound");
  const where = and(
    eq(projectParties.projectId, input.projectId),
    eq(projectParties.organisationId, input.organisationId),
    eq(projectParties.role, "holder"),
    eq(projectParties.status, "invited"),
  );
  const answered = input.accept
    ? await db.update(projectParties).set({ status: "active" }).where(where).returning()
    : await db.delete(projectParties).where(where).returning();
  if (answered.length === 0) throw notFound("coHoldingInvitationNotFound");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${input.organisationId}`,
    projectId: input.projectId,
    action: input.accept ? "accept" : "decline",
    changes: [{ field: "holder", before: null, after: input.organisationId }],
  });
  const [structure] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId));
  await notify(db, {
    userIds: await peopleOfSide(db, input.projectId, "collective", ""),
    kind: "co_holding",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { event: input.accept ? "accepted" : "declined", organisation: structure?.name ?? "" },
  });
  return { accepted: input.accept };
}

/**
 * A holder's admin withdraws their structure from holding the project — never the last one; the
 * contact passes to the holder that joined first among those left.
 */
export async function leaveHolding(db: Database, actor: Actor | null, input: THolderInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertHolderAdmin(access, input.organisationId);
  // Locked: two holders leaving at once, the second sees the first gone.
  const [project] = await db.select({ contactHolderId: projects.contactHolderId }).from(projects).where(eq(projects.id, input.projectId)).for("update");
  if (!project) throw notFound("projectNotFound");
  const [successor] = await db
    .select({ organisationId: projectParties.organisationId })
    .from(projectParties)
    .where(
      and(
        eq(projectParties.projectId, input.projectId),
        eq(projectParties.role, "holder"),
        eq(projectParties.status, "active"),
        ne(projectParties.organisationId, input.organisationId),
      ),
    )
    .orderBy(asc(projectParties.createdAt), asc(projectParties.organisationId))
    .limit(1);
  if (!successor) throw new DomainError("CONFLICT", "lastHolderStays");
  const recipients = await peopleOfSide(db, input.projectId, "collective", "");
  await db
    .delete(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, input.organisationId), eq(projectParties.role, "holder")));
  const changes: { field: string; before: string | null; after: string | null }[] = [{ field: "holder", before: input.organisationId, after: null }];
  if (project.contactHolderId === input.organisationId) {
    await db.update(projects).set({ contactHolderId: successor.organisationId }).where(eq(projects.id, input.projectId));
    changes.push({ field: "contactHolderId", before: input.organisationId, after: successor.organisationId });
  }
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${input.organisationId}`,
    projectId: input.projectId,
    action: "remove",
    changes,
  });
  const [structure] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId));
  await notify(db, {
    userIds: recipients,
    kind: "co_holding",
    projectId: input.projectId,
    actorId: signedIn.userId,
    payload: { event: "left", organisation: structure?.name ?? "" },
  });
  return { left: true, contactHolderId: project.contactHolderId === input.organisationId ? successor.organisationId : project.contactHolderId };
}

/** A holder's admin withdraws an invitation to co-hold that is still unanswered. */
export async function withdrawHolderInvitation(db: Database, actor: Actor | null, input: THolderInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCanManageHolders(access);
  const withdrawn = await db
    .delete(projectParties)
    .where(
      and(
        eq(projectParties.projectId, input.projectId),
        eq(projectParties.organisationId, input.organisationId),
        eq(projectParties.role, "holder"),
        eq(projectParties.status, "invited"),
      ),
    )
    .returning();
  if (withdrawn.length === 0) throw notFound("coHoldingInvitationNotFound");
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project_party",
    entityId: `${input.projectId}:${input.organisationId}`,
    projectId: input.projectId,
    action: "withdraw",
    changes: [{ field: "holder", before: input.organisationId, after: null }],
  });
  return { withdrawn: true };
}

/** A holder's admin names which active holder people should contact. */
export async function setContactHolder(db: Database, actor: Actor | null, input: THolderInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const signedIn = assertCanManageHolders(access);
  const [holder] = await db
    .select({ organisationId: projectParties.organisationId })
    .from(projectParties)
    .where(
      and(
        eq(projectParties.projectId, input.projectId),
        eq(projectParties.organisationId, input.organisationId),
        eq(projectParties.role, "holder"),
        eq(projectParties.status, "active"),
      ),
    );
  if (!holder) throw new DomainError("BAD_REQUEST", "contactMustHold");
  const [before] = await db.select({ contactHolderId: projects.contactHolderId }).from(projects).where(eq(projects.id, input.projectId)).for("update");
  if (!before) throw notFound("projectNotFound");
  if (before.contactHolderId === input.organisationId) return { contactHolderId: input.organisationId };
  await db.update(projects).set({ contactHolderId: input.organisationId }).where(eq(projects.id, input.projectId));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "project",
    entityId: input.projectId,
    projectId: input.projectId,
    action: "set",
    changes: [{ field: "contactHolderId", before: before.contactHolderId, after: input.organisationId }],
  });
  return { contactHolderId: input.organisationId };
}

/** Collectives by name, for a holder's admin choosing whom to invite: at most ten, those already parties left out. */
export async function searchCollectives(db: DbOrTx, actor: Actor | null, input: TSearchCollectivesInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  assertCanManageHolders(access);
  const party = alias(projectParties, "already_party");
  return db
    .select({ id: organisations.id, name: organisations.name, legalForm: organisations.legalForm })
    .from(organisations)
    .leftJoin(party, and(eq(party.organisationId, organisations.id), eq(party.projectId, input.projectId)))
    .where(and(eq(organisations.kind, "collective"), containsSearch(sql`${organisations.name}`, input.query), sql`${party.projectId} is null`))
    .orderBy(asc(organisations.name))
    .limit(10);
}

/** The invitations to co-hold a project that wait for a structure the person answers for. */
export async function listHolderInvitations(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  const structure = alias(organisations, "invited_structure");
  const inviter = alias(users, "holder_inviter");
  const rows = await db
    .select({
      projectId: projects.id,
      projectTitle: projects.title,
      projectSummary: projects.summary,
      organisationId: structure.id,
      organisationName: structure.name,
      invitedBy: inviter.name,
      since: projectParties.createdAt,
    })
    .from(projectParties)
    .innerJoin(projects, eq(projects.id, projectParties.projectId))
    .innerJoin(structure, eq(structure.id, projectParties.organisationId))
    .innerJoin(memberships, and(eq(memberships.organisationId, structure.id), eq(memberships.userId, signedIn.userId), eq(memberships.role, "admin")))
    .leftJoin(inviter, eq(inviter.id, projectParties.invitedById))
    .where(and(eq(projectParties.role, "holder"), eq(projectParties.status, "invited"), membershipCounts(structure.kind, memberships.verifiedAt)))
    .orderBy(asc(projectParties.createdAt));
  return rows;
}
