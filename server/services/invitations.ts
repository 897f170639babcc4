// Inviting people to a project by email: officials and agents to one of its authorities, or the
// collective's own people to its lead collective (collective-invitations.ts). Valid 14 days, used
// once, resendable and revocable; written, sent and accepted here for both kinds.
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { invitations, memberships, organisations, projectParties, projects, users } from "@/db/schema";
import type { AuthorityOffice } from "@/server/domain/organisations";
import { env } from "@/server/env";
import { DomainError, notFound } from "@/server/errors";
import { mailTranslator } from "@/server/i18n/messages";
import { assertCanInvite, loadProjectAccess, requireActor, type Actor } from "./access";
import { frequencyFor, unsubscribeHeaders, unsubscribeToken } from "./email-notifications";
import { recordChange } from "./history";
import { sendMail } from "./mail";
import { notify } from "./notifications";
import { LIMITS, enforceRateLimit } from "./rate-limits";
import { openSession } from "./sessions";
import type { TInvitationIdInput, TInviteOfficialInput } from "@/server/api/routers/invitation.schema";

export const INVITATION_DAYS = 14;

const hashOf = (token: string) => createHash("sha256").update(token).digest("hex");
const newToken = () => randomBytes(32).toString("base64url");
const expiry = () => new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);

/** Whom an invitation makes the person: a member of an authority with an office, or of the lead collective with a role. */
export type InvitationTarget = { authorityId: string; office: AuthorityOffice } | { collectiveId: string; collectiveRole: "admin" | "member" };

export type Invitee = { email: string; token: string; projectId: string; invitedById: string | null; target: InvitationTarget };

/** The words of an invitation email, read from the database and the messages; the caller sends them. */
async function invitationMail(db: DbOrTx, invitation: Invitee) {
  const organisationId = "authorityId" in invitation.target ? invitation.target.authorityId : invitation.target.collectiveId;
  const [context] = await db
    .select({ projectTitle: projects.title, inviterName: users.name, inviterEmail: users.email, organisationName: organisations.name })
    .from(projects)
    .innerJoin(organisations, eq(organisations.id, organisationId))
    .leftJoin(users, eq(users.id, invitation.invitedById ?? ""))
    .where(eq(projects.id, invitation.projectId));
  const [invitee] = await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  if (invitee && (await frequencyFor(db, invitee.id, "invitation")) === "never") return null;
  const unsubscribe = invitee ? unsubscribeToken(invitee.id, "invitation") : null;
  const t = mailTranslator();
  const values = {
    inviter: context?.inviterName ?? context?.inviterEmail ?? "Maillage",
    project: context?.projectTitle ?? "",
    collective: context?.organisationName ?? "",
    url: `${env.APP_URL}/invitation/${invitation.token}`,
    days: INVITATION_DAYS,
  };
  const text = "authorityId" in invitation.target ? t("invitation.text", values) : t("invitation.collectiveText", values);
  return {
    to: invitation.email,
    subject: "authorityId" in invitation.target ? t("invitation.subject", values) : t("invitation.collectiveSubject", values),
    text: unsubscribe ? `${text}\n\n—\n${t("unsubscribeLine", { url: `${env.APP_URL}/desabonnement?jeton=${unsubscribe}` })}` : text,
    headers: unsubscribe ? unsubscribeHeaders(unsubscribe) : undefined,
  };
}

/**
 * Emails the invitation. Someone who already has an account gets it only if they have not turned
 * invitation emails off, with the one-click unsubscribe every notification email carries.
 */
export async function sendInvitation(db: DbOrTx, invitation: Invitee) {
  const mail = await invitationMail(db, invitation);
  if (mail) await sendMail(db, mail);
}

/**
 * Writes one invitation, notifies an invitee who has an account and logs it; returns its link's
 * token. `mail`: "now" emails it here, "later" leaves that to the caller (an import emails once committed).
 */
export async function createInvitation(db: DbOrTx, invitation: Omit<Invitee, "token"> & { invitedById: string }, mail: "now" | "later") {
  const token = newToken();
  const target = invitation.target;
  const [row] = await db
    .insert(invitations)
    .values({
      tokenHash: hashOf(token),
      projectId: invitation.projectId,
      email: invitation.email,
      invitedById: invitation.invitedById,
      expiresAt: expiry(),
      ...("authorityId" in target
        ? { authorityId: target.authorityId, office: target.office }
        : { collectiveId: target.collectiveId, collectiveRole: target.collectiveRole }),
    })
    .returning({ id: invitations.id });
  if (!row) throw new Error("insert returned no row");
  if (mail === "now") await sendInvitation(db, { ...invitation, token });
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  await notify(db, {
    userIds: existing ? [existing.id] : [],
    kind: "invitation",
    projectId: invitation.projectId,
    actorId: invitation.invitedById,
    payload: {},
  });
  await recordChange(db, {
    actorId: invitation.invitedById,
    entity: "invitation",
    entityId: row.id,
    projectId: invitation.projectId,
    action: "invite",
    changes: [
      { field: "email", before: null, after: invitation.email },
      ...("collectiveId" in target ? [{ field: "collectiveRole", before: null, after: target.collectiveRole }] : []),
    ],
  });
  return { invitationId: row.id, token };
}

export async function inviteOfficial(db: Database, actor: Actor | null, input: TInviteOfficialInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const inviter = assertCanInvite(access);
  const [party] = await db
    .select({ id: projectParties.organisationId })
    .from(projectParties)
    .where(and(eq(projectParties.projectId, input.projectId), eq(projectParties.organisationId, input.authorityId), eq(projectParties.role, "authority")));
  if (!party) throw new DomainError("BAD_REQUEST", "inviteForPartyAuthority");
  await enforceRateLimit(db, LIMITS.invitationsPerPerson, inviter.userId, "tooManyInvitations");
  const email = input.email.trim().toLowerCase();
  const { invitationId } = await createInvitation(
    db,
    { email, projectId: input.projectId, invitedById: inviter.userId, target: { authorityId: input.authorityId, office: input.office } },
    "now",
  );
  return { invitationId };
}

export async function listInvitations(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await loadProjectAccess(db, actor, projectId);
  assertCanInvite(access);
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      office: invitations.office,
      collectiveRole: invitations.collectiveRole,
      organisationName: organisations.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      sentCount: invitations.sentCount,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, sql`coalesce(${invitations.authorityId}, ${invitations.collectiveId})`))
    .where(eq(invitations.projectId, projectId))
    .orderBy(desc(invitations.createdAt))
    .then((rows) =>
      rows.map((row) => ({
        ...row,
        state: (row.usedAt ? "used" : row.revokedAt ? "revoked" : row.expiresAt.getTime() < Date.now() ? "expired" : "pending") as
          "used" | "revoked" | "expired" | "pending",
      })),
    );
}

async function manageable(db: DbOrTx, actor: Actor | null, invitationId: string) {
  requireActor(actor);
  const [invitation] = await db.select().from(invitations).where(eq(invitations.id, invitationId));
  if (!invitation) throw notFound("invitationNotFound");
  const access = await loadProjectAccess(db, actor, invitation.projectId, "invitationNotFound");
  return { invitation, inviter: assertCanInvite(access) };
}

/** A new link, valid 14 days from now; the previous link stops working. */
export async function resendInvitation(db: Database, actor: Actor | null, input: TInvitationIdInput) {
  const { invitation, inviter } = await manageable(db, actor, input.invitationId);
  if (invitation.usedAt || invitation.revokedAt) throw new DomainError("CONFLICT", "invitationUsedOrRevoked");
  await enforceRateLimit(db, LIMITS.invitationsPerPerson, inviter.userId, "tooManyInvitations");
  const token = newToken();
  await db
    .update(invitations)
    .set({ tokenHash: hashOf(token), expiresAt: expiry(), sentCount: invitation.sentCount + 1 })
    .where(eq(invitations.id, invitation.id));
  await sendInvitation(db, { email: invitation.email, token, projectId: invitation.projectId, invitedById: inviter.userId, target: targetOf(invitation) });
  await recordChange(db, {
    actorId: inviter.userId,
    entity: "invitation",
    entityId: invitation.id,
    projectId: invitation.projectId,
    action: "resend",
    changes: [{ field: "sentCount", before: invitation.sentCount, after: invitation.sentCount + 1 }],
  });
  return { invitationId: invitation.id, sentCount: invitation.sentCount + 1 };
}

export async function revokeInvitation(db: DbOrTx, actor: Actor | null, input: TInvitationIdInput) {
  const { invitation, inviter } = await manageable(db, actor, input.invitationId);
  if (invitation.usedAt) throw new DomainError("CONFLICT", "invitationUsed");
  await db.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitation.id));
  await recordChange(db, { actorId: inviter.userId, entity: "invitation", entityId: invitation.id, projectId: invitation.projectId, action: "revoke" });
  return { invitationId: invitation.id, revoked: true };
}

function targetOf(invitation: typeof invitations.$inferSelect): InvitationTarget {
  if (invitation.collectiveId && invitation.collectiveRole) {
    return { collectiveId: invitation.collectiveId, collectiveRole: invitation.collectiveRole === "admin" ? "admin" : "member" };
  }
  if (invitation.authorityId && invitation.office) return { authorityId: invitation.authorityId, office: invitation.office as AuthorityOffice };
  throw new Error("an invitation names an authority or a collective (invitation_one_organisation)");
}

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** What the emailed link's page shows; looking at it changes nothing (mail scanners open links). */
export async function describeInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      invitation: invitations,
      projectTitle: projects.title,
      organisationName: organisations.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .innerJoin(organisations, eq(organisations.id, sql`coalesce(${invitations.authorityId}, ${invitations.collectiveId})`))
    .leftJoin(users, eq(users.id, invitations.invitedById))
    .where(eq(invitations.tokenHash, hashOf(token)));
  if (!row) return { state: "unknown" as const };
  const { invitation } = row;
  const state: InvitationState = invitation.revokedAt
    ? "revoked"
    : invitation.usedAt
      ? "used"
      : invitation.expiresAt.getTime() < Date.now()
        ? "expired"
        : "valid";
  return {
    state,
    projectTitle: row.projectTitle,
    organisationName: row.organisationName,
    inviterName: row.inviterName,
    email: invitation.email,
    target: targetOf(invitation),
  };
}

export type AcceptAnswer =
  | { status: 410; state: Exclude<InvitationState, "valid"> }
  /** The invited address has an account: its owner accepts once signed in as themselves. */
  | { status: 409; state: "sign_in_first"; email: string }
  /** `joinedCollective`: the person joined the project's collective (they act on it at once) rather than an authority (verified later). */
  | { status: 200; projectId: string; joinedCollective: boolean; session: { sessionToken: string; expires: Date } | null };

/**
 * The button's POST: uses the invitation once and makes the person an unverified member of the
 * authority with the stated office, or a member of the collective with the stated role (its
 * admin if it had no member yet). The link signs in only an address that has no account yet
 * (the account is made then); an existing account accepts while signed in as itself, so that a
 * forwarded or stolen link is never a way into someone's account.
 */
export async function acceptInvitation(db: Database, token: string, signedIn: Actor | null): Promise<AcceptAnswer> {
  const [pending] = await db
    .select({ email: invitations.email })
    .from(invitations)
    .where(and(eq(invitations.tokenHash, hashOf(token)), isUsable()));
  const signInFirst = { status: 409, state: "sign_in_first", email: pending?.email ?? "" } as const;
  if (pending) {
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, pending.email));
    if (owner && owner.id !== signedIn?.userId) return signInFirst;
  }
  return db
    .transaction(async (tx): Promise<AcceptAnswer> => {
      // Claimed in one statement: of two clicks at once, only one finds it unused.
      const [invitation] = await tx
        .update(invitations)
        .set({ usedAt: new Date() })
        .where(and(eq(invitations.tokenHash, hashOf(token)), isUsable()))
        .returning();
      if (!invitation) {
        const described = await describeInvitation(tx, token);
        return { status: 410, state: described.state === "valid" ? "used" : described.state };
      }
      const [created] = await tx.insert(users).values({ email: invitation.email, emailVerified: new Date() }).onConflictDoNothing().returning({ id: users.id });
      const [user] = created ? [created] : await tx.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
      if (!user) throw new Error("user upsert returned no row");
      // The account was made between the check above and now: its owner still signs in first.
      if (!created && user.id !== signedIn?.userId) throw SIGN_IN_FIRST;
      const target = targetOf(invitation);
      if ("authorityId" in target) {
        await tx
          .insert(memberships)
          .values({ organisationId: target.authorityId, userId: user.id, role: "member", office: target.office })
          .onConflictDoNothing();
      } else {
        // Locked: of two first acceptances at once, one finds the other's membership and stays a member.
        await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, target.collectiveId)).for("update");
        const [anyMember] = await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.organisationId, target.collectiveId)).limit(1);
        await tx
          .insert(memberships)
          .values({ organisationId: target.collectiveId, userId: user.id, role: anyMember ? target.collectiveRole : "admin" })
          .onConflictDoNothing();
      }
      await recordChange(tx, {
        actorId: user.id,
        entity: "invitation",
        entityId: invitation.id,
        projectId: invitation.projectId,
        action: "accept",
      });
      return {
        status: 200,
        projectId: invitation.projectId,
        joinedCollective: "collectiveId" in target,
        session: created ? await openSession(tx, user.id) : null,
      };
    })
    .catch((error: unknown) => {
      if (error === SIGN_IN_FIRST) return signInFirst;
      throw error;
    });
}

const SIGN_IN_FIRST = Symbol("sign in first");

/** Neither used, revoked nor expired. */
export function isUsable() {
  return sql`${invitations.usedAt} is null and ${invitations.revokedAt} is null and ${invitations.expiresAt} > now()`;
}
