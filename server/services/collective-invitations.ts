// Inviting the collective's own people to a project's lead collective: by its members or a holding
// network's moderators from the project page, or by a network's import (`courriel_collectif`),
// whose invitations are written in its transaction and emailed once it has committed.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db";
import { invitations, memberships, users } from "@/db/schema";
import { groupedBy } from "@/server/domain/group-by";
import { DomainError } from "@/server/errors";
import { assertCanInviteToCollective, loadProjectAccess, type Actor } from "./access";
import { createInvitation, isUsable, sendInvitation, type Invitee } from "./invitations";
import { LIMITS, enforceRateLimit } from "./rate-limits";
import type { TInviteToCollectiveInput } from "@/server/api/routers/invitation.schema";

/** The addresses among `emails` that already belong to a member of the collective, or have an invitation to it that was not revoked. */
async function alreadyInvitedToCollective(db: DbOrTx, collectiveId: string, emails: string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const [members, invited] = await Promise.all([
    db
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, collectiveId), inArray(users.email, emails))),
    db
      .select({ email: invitations.email })
      .from(invitations)
      .where(and(eq(invitations.collectiveId, collectiveId), inArray(invitations.email, emails), isNull(invitations.revokedAt))),
  ]);
  return new Set([...members, ...invited].map((row) => row.email));
}

/** Inviting someone to the project's lead collective: its members (as members), a holding network's moderators (as admin or member). */
export async function inviteToCollective(db: Database, actor: Actor | null, input: TInviteToCollectiveInput) {
  const access = await loadProjectAccess(db, actor, input.projectId);
  const inviter = assertCanInviteToCollective(access, input.role);
  const email = input.email.trim().toLowerCase();
  const [member] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, access.contactHolderId), eq(users.email, email)));
  if (member) throw new DomainError("CONFLICT", "alreadyCollectiveMember", { values: { email } });
  const [pending] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(and(eq(invitations.collectiveId, access.contactHolderId), eq(invitations.email, email), isUsable()));
  if (pending) throw new DomainError("CONFLICT", "collectiveInvitationPending", { values: { email } });
  await enforceRateLimit(db, LIMITS.invitationsPerPerson, inviter.userId, "tooManyInvitations");
  const { invitationId } = await createInvitation(
    db,
    { email, projectId: input.projectId, invitedById: inviter.userId, target: { collectiveId: access.contactHolderId, collectiveRole: input.role } },
    "now",
  );
  return { invitationId };
}

export type PendingInvitationMail = Invitee;

/**
 * An import's `courriel_collectif` addresses: one invitation (as member; the first to accept
 * becomes the collective's admin) for each address the collective neither has nor was sent
 * already — a re-import invites nobody twice. Inside the import's transaction; the returned mails
 * go out once it has committed (sendInvitationMails).
 */
export async function inviteCollectivesOfImport(
  tx: DbOrTx,
  moderatorId: string,
  wanted: { projectId: string; collectiveId: string; email: string }[],
): Promise<PendingInvitationMail[]> {
  const byCollective = groupedBy(wanted, (item) => item.collectiveId);
  const mails: PendingInvitationMail[] = [];
  for (const [collectiveId, items] of byCollective) {
    const known = await alreadyInvitedToCollective(
      tx,
      collectiveId,
      items.map((item) => item.email),
    );
    for (const item of items) {
      if (known.has(item.email)) continue;
      known.add(item.email);
      const invitation = {
        email: item.email,
        projectId: item.projectId,
        invitedById: moderatorId,
        target: { collectiveId, collectiveRole: "member" as const },
      };
      const { token } = await createInvitation(tx, invitation, "later");
      mails.push({ ...invitation, token });
    }
  }
  return mails;
}

/** Emails invitations written by a transaction that has committed. */
export async function sendInvitationMails(db: DbOrTx, pending: PendingInvitationMail[]) {
  for (const invitation of pending) await sendInvitation(db, invitation);
}
