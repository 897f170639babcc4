// Inviting officials and agents to a project by email: valid 14 days, used once, resendable and revocable.
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

/**
 * Emails the invitation. Someone who already has an account gets it only if they have not turned
 * invitation emails off, with the one-click unsubscribe every notification email carries.
 */
async function sendInvitation(db: DbOrTx, invitation: { email: string; token: string; projectId: string; invitedById: string | null }) {
  const [context] = await db
    .select({ projectTitle: projects.title, inviterName: users.name, inviterEmail: users.email })
    .from(projects)
    .leftJoin(users, eq(users.id, invitation.invitedById ?? ""))
    .where(eq(projects.id, invitation.projectId));
  const [invitee] = await db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  if (invitee && (await frequencyFor(db, invitee.id, "invitation")) === "never") return;
  const unsubscribe = invitee ? unsubscribeToken(invitee.id, "invitation") : null;
  const t = mailTranslator();
  const text = t("invitation.text", {
    inviter: context?.inviterName ?? context?.inviterEmail ?? "Maillage",
    project: context?.projectTitle ?? "",
    url: `${env.APP_URL}/invitation/${invitation.token}`,
    days: INVITATION_DAYS,
  });
  await sendMail(db, {
    to: invitation.email,
    subject: t("invitation.subject", { project: context?.projectTitle ?? "" }),
    text: unsubscribe ? `${text}\n\n—\n${t("unsubscribeLine", { url: `${env.APP_URL}/desabonnement?jeton=${unsubscribe}` })}` : text,
    headers: unsubscribe ? unsubscribeHeaders(unsubscribe) : undefined,
  });
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
  const token = newToken();
  const [invitation] = await db
    .insert(invitations)
    .values({
      tokenHash: hashOf(token),
      projectId: input.projectId,
      authorityId: input.authorityId,
      email,
      office: input.office,
      invitedById: inviter.userId,
      expiresAt: expiry(),
    })
    .returning({ id: invitations.id });
  if (!invitation) throw new Error("insert returned no row");
  await sendInvitation(db, { email, token, projectId: input.projectId, invitedById: inviter.userId });
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  await notify(db, { userIds: existing ? [existing.id] : [], kind: "invitation", projectId: input.projectId, actorId: inviter.userId, payload: {} });
  await recordChange(db, {
    actorId: inviter.userId,
    entity: "invitation",
    entityId: invitation.id,
    projectId: input.projectId,
    action: "invite",
    changes: [{ field: "email", before: null, after: email }],
  });
  return { invitationId: invitation.id };
}

export async function listInvitations(db: DbOrTx, actor: Actor | null, projectId: string) {
  const access = await loadProjectAccess(db, actor, projectId);
  assertCanInvite(access);
  return db
    .select({
      id: invitations.id,
      email: invitations.email,
      office: invitations.office,
      authorityName: organisations.name,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      revokedAt: invitations.revokedAt,
      sentCount: invitations.sentCount,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.authorityId))
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
  await sendInvitation(db, { email: invitation.email, token, projectId: invitation.projectId, invitedById: inviter.userId });
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

export type InvitationState = "valid" | "expired" | "used" | "revoked" | "unknown";

/** What the emailed link's page shows; looking at it changes nothing (mail scanners open links). */
export async function describeInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      invitation: invitations,
      projectTitle: projects.title,
      authorityName: organisations.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(projects, eq(projects.id, invitations.projectId))
    .innerJoin(organisations, eq(organisations.id, invitations.authorityId))
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
    authorityName: row.authorityName,
    inviterName: row.inviterName,
    email: invitation.email,
    office: invitation.office as AuthorityOffice,
  };
}

export type AcceptAnswer =
  | { status: 410; state: Exclude<InvitationState, "valid"> }
  /** The invited address has an account: its owner accepts once signed in as themselves. */
  | { status: 409; state: "sign_in_first"; email: string }
  | { status: 200; projectId: string; session: { sessionToken: string; expires: Date } | null };

/**
 * The button's POST: uses the invitation once and makes the person an unverified member of the
 * authority with the stated office. The link signs in only an address that has no account yet
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
      await tx
        .insert(memberships)
        .values({ organisationId: invitation.authorityId, userId: user.id, role: "member", office: invitation.office as AuthorityOffice })
        .onConflictDoNothing();
      await recordChange(tx, {
        actorId: user.id,
        entity: "invitation",
        entityId: invitation.id,
        projectId: invitation.projectId,
        action: "accept",
      });
      return { status: 200, projectId: invitation.projectId, session: created ? await openSession(tx, user.id) : null };
    })
    .catch((error: unknown) => {
      if (error === SIGN_IN_FIRST) return signInFirst;
      throw error;
    });
}

const SIGN_IN_FIRST = Symbol("sign in first");

function isUsable() {
  return sql`${invitations.usedAt} is null and ${invitations.revokedAt} is null and ${invitations.expiresAt} > now()`;
}
