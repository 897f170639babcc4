// Collectives, authorities and networks: creating them, joining them, adding and verifying people.
import { and, asc, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, organisations, sessions, territories, users } from "@/db/schema";
import {
  authorityName,
  type AuthorityOffice,
  type LegalForm,
  type MembershipRole,
} from "@/server/domain/organisations";
import { env } from "@/server/env";
import { DomainError, notFound } from "@/server/errors";
import { mailTranslator } from "@/server/i18n/messages";
import {
  assertCanManageOrganisation,
  assertCanSeeOrganisation,
  canManageOrganisation,
  requireActor,
  requirePlatformAdmin,
  type Actor,
} from "./access";
import { recordChange } from "./history";
import { sendMail } from "./mail";
import { enforceRateLimit, LIMITS } from "./rate-limits";

export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

export async function createCollective(
  db: Database,
  actor: Actor | null,
  input: { name: string; legalForm: LegalForm },
) {
  const signedIn = requireActor(actor);
  return db.transaction(async (tx) => {
    const [collective] = await tx
      .insert(organisations)
      .values({ kind: "collective", name: input.name, legalForm: input.legalForm })
      .returning({ id: organisations.id, name: organisations.name });
    if (!collective) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ organisationId: collective.id, userId: signedIn.userId, role: "admin" });
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "organisation",
      entityId: collective.id,
      action: "created",
      changes: [
        { field: "name", before: null, after: input.name },
        { field: "legalForm", before: null, after: input.legalForm },
      ],
    });
    return collective;
  });
}

export async function getOrganisation(db: Database, actor: Actor | null, organisationId: string) {
  const signedIn = requireActor(actor);
  const membership = await assertCanSeeOrganisation(db, signedIn, organisationId);
  // Someone whose word for an authority waits to be verified sees that it waits, not its people.
  const awaitingVerification = !signedIn.isPlatformAdmin && membership?.kind === "authority" && !membership.verifiedAt;
  const [organisation] = await db
    .select({
      id: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      legalForm: organisations.legalForm,
      territoryId: organisations.territoryId,
      territoryName: territories.name,
      territoryKind: territories.kind,
    })
    .from(organisations)
    .leftJoin(territories, eq(territories.id, organisations.territoryId))
    .where(eq(organisations.id, organisationId));
  if (!organisation) throw notFound("Organisation introuvable.");
  const members = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      office: memberships.office,
      verifiedAt: memberships.verifiedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.organisationId, organisationId), awaitingVerification ? eq(memberships.userId, signedIn.userId) : undefined),
    )
    .orderBy(asc(users.name), asc(users.email));
  return { ...organisation, members, awaitingVerification, canManage: await canManageOrganisation(db, signedIn, organisationId) };
}

const ROLES_BY_KIND = {
  collective: ["member", "admin"],
  authority: ["member", "admin"],
  network: ["moderator", "admin"],
} as const satisfies Record<string, readonly MembershipRole[]>;

async function findOrCreateUser(tx: Tx, email: string, name?: string) {
  const normalised = email.trim().toLowerCase();
  await tx.insert(users).values({ email: normalised, name: name ?? null }).onConflictDoNothing();
  const [user] = await tx.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, normalised));
  if (!user) throw new Error("user upsert returned no row");
  return user;
}

async function tellNewMember(tx: Tx, email: string, inviterName: string, organisationName: string) {
  const t = mailTranslator();
  await sendMail(tx, {
    to: email,
    subject: t("addedToOrganisation.subject", { organisation: organisationName }),
    text: t("addedToOrganisation.text", {
      inviter: inviterName,
      organisation: organisationName,
      url: `${env.APP_URL}/connexion`,
    }),
  });
}

export async function addMember(
  db: Database,
  actor: Actor | null,
  input: { organisationId: string; email: string; role: MembershipRole; office?: AuthorityOffice },
) {
  const signedIn = requireActor(actor);
  await assertCanManageOrganisation(db, signedIn, input.organisationId);
  await enforceRateLimit(db, LIMITS.membersAddedPerPerson, signedIn.userId, "Vous avez ajouté beaucoup de personnes en peu de temps.");
  return db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!organisation) throw notFound("Organisation introuvable.");
    const allowedRoles: readonly MembershipRole[] = ROLES_BY_KIND[organisation.kind];
    if (!allowedRoles.includes(input.role)) {
      throw new DomainError("BAD_REQUEST", "Ce rôle n'existe pas pour ce type d'organisation.");
    }
    if (input.office && organisation.kind !== "authority") {
      throw new DomainError("BAD_REQUEST", "Seules les collectivités ont des fonctions d'élu·e ou d'agent·e.");
    }
    const user = await findOrCreateUser(tx, input.email);
    const [membership] = await tx
      .insert(memberships)
      .values({
        organisationId: organisation.id,
        userId: user.id,
        role: input.role,
        office: input.office ?? null,
        // Whoever may add people to an authority is who vouches for them.
        verifiedAt: organisation.kind === "authority" ? new Date() : null,
        verifiedById: organisation.kind === "authority" ? signedIn.userId : null,
      })
      .onConflictDoNothing()
      .returning({ id: memberships.id });
    if (!membership) throw new DomainError("CONFLICT", "Cette personne fait déjà partie de l'organisation.");
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "membership",
      entityId: membership.id,
      action: "added",
      changes: [
        { field: "organisationId", before: null, after: organisation.id },
        { field: "userId", before: null, after: user.id },
        { field: "role", before: null, after: input.role },
        ...(input.office ? [{ field: "office", before: null, after: input.office }] : []),
      ],
    });
    const [inviter] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, signedIn.userId));
    await tellNewMember(tx, user.email, inviter?.name ?? inviter?.email ?? "Maillage", organisation.name);
    return { membershipId: membership.id, userId: user.id };
  });
}

/**
 * The authority of a territory, its page opened if nobody has yet; null for an unknown territory.
 * The row comes back locked, so that two people joining at once are served one after the other.
 */
export async function openAuthority(tx: Tx, territoryId: string) {
  const [territory] = await tx.select().from(territories).where(eq(territories.id, territoryId));
  if (!territory) return null;
  await tx
    .insert(organisations)
    .values({ kind: "authority", name: authorityName(territory), territoryId: territory.id })
    .onConflictDoNothing({ target: organisations.territoryId });
  const [authority] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.territoryId, territory.id))
    .for("update");
  if (!authority) throw new Error("authority upsert returned no row");
  return authority;
}

/**
 * Speaking for an authority starts here: the first person opens its page; everyone joins as an
 * unverified member, who is no more than a signed-in stranger until someone vouches for them. The
 * first to be verified becomes the authority's admin (verifyMembership).
 */
export async function joinAuthority(
  db: Database,
  actor: Actor | null,
  input: { territoryId: string; office: AuthorityOffice },
) {
  const signedIn = requireActor(actor);
  return db.transaction(async (tx) => {
    const authority = await openAuthority(tx, input.territoryId);
    if (!authority) throw notFound("Territoire introuvable.");
    const [membership] = await tx
      .insert(memberships)
      .values({ organisationId: authority.id, userId: signedIn.userId, role: "member", office: input.office })
      .onConflictDoNothing()
      .returning({ id: memberships.id, role: memberships.role });
    if (!membership) throw new DomainError("CONFLICT", "Vous faites déjà partie de cette collectivité.");
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "membership",
      entityId: membership.id,
      action: "joined",
      changes: [
        { field: "organisationId", before: null, after: authority.id },
        { field: "role", before: null, after: membership.role },
        { field: "office", before: null, after: input.office },
      ],
    });
    return { organisationId: authority.id, name: authority.name, role: membership.role };
  });
}

export async function verifyMembership(db: Database, actor: Actor | null, input: { membershipId: string }) {
  const signedIn = requireActor(actor);
  const [target] = await db
    .select({ organisationId: memberships.organisationId, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.id, input.membershipId));
  if (!target) throw notFound("Membre introuvable.");
  // Checked against the membership's own organisation: an id from elsewhere is NOT_FOUND.
  await assertCanManageOrganisation(db, signedIn, target.organisationId, "Membre introuvable.");
  if (target.kind !== "authority") {
    throw new DomainError("BAD_REQUEST", "Seuls les membres d'une collectivité ont besoin d'être vérifiés.");
  }
  return db.transaction(async (tx) => {
    // The authority's row is locked so that two verifications at once cannot both find no admin.
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, target.organisationId)).for("update");
    const [verifiedAdmin] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organisationId, target.organisationId), eq(memberships.role, "admin"), isNotNull(memberships.verifiedAt)))
      .limit(1);
    const [updated] = await tx
      .update(memberships)
      .set({ verifiedAt: new Date(), verifiedById: signedIn.userId, ...(verifiedAdmin ? {} : { role: "admin" as const }) })
      .where(and(eq(memberships.id, input.membershipId), isNull(memberships.verifiedAt)))
      .returning({ id: memberships.id, verifiedAt: memberships.verifiedAt, role: memberships.role });
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "membership",
      entityId: input.membershipId,
      action: updated ? "verified" : "verification_repeated",
      changes: updated
        ? [
            { field: "verifiedAt", before: null, after: updated.verifiedAt },
            ...(verifiedAdmin ? [] : [{ field: "role", before: "member", after: "admin" }]),
          ]
        : [],
    });
    return { membershipId: input.membershipId, alreadyVerified: !updated, role: updated?.role ?? null };
  });
}

export async function listPendingVerifications(db: Database, actor: Actor | null) {
  requirePlatformAdmin(actor);
  return db
    .select({
      membershipId: memberships.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      name: users.name,
      email: users.email,
      role: memberships.role,
      office: memberships.office,
      requestedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(organisations.kind, "authority"), isNull(memberships.verifiedAt)))
    .orderBy(asc(memberships.createdAt));
}

export async function createNetwork(db: Database, actor: Actor | null, input: { name: string; adminEmail: string }) {
  const signedIn = requirePlatformAdmin(actor);
  await enforceRateLimit(db, LIMITS.membersAddedPerPerson, signedIn.userId, "Vous avez créé beaucoup de réseaux en peu de temps.");
  return db.transaction(async (tx) => {
    const [network] = await tx
      .insert(organisations)
      .values({ kind: "network", name: input.name })
      .returning({ id: organisations.id, name: organisations.name });
    if (!network) throw new Error("insert returned no row");
    const user = await findOrCreateUser(tx, input.adminEmail);
    await tx.insert(memberships).values({ organisationId: network.id, userId: user.id, role: "admin" });
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "organisation",
      entityId: network.id,
      action: "created",
      changes: [
        { field: "name", before: null, after: input.name },
        { field: "adminId", before: null, after: user.id },
      ],
    });
    const [creator] = await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, signedIn.userId));
    await tellNewMember(tx, user.email, creator?.name ?? creator?.email ?? "Maillage", network.name);
    return network;
  });
}

/** The support networks a collective may ask to accompany its project. */
export async function listNetworks(db: Database, actor: Actor | null) {
  requireActor(actor);
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.kind, "network"))
    .orderBy(asc(organisations.name));
}

async function membershipTarget(db: Database, actor: Actor | null, membershipId: string) {
  const signedIn = requireActor(actor);
  const [target] = await db
    .select({ membership: memberships, kind: organisations.kind })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.id, membershipId));
  if (!target) throw notFound("Membre introuvable.");
  await assertCanManageOrganisation(db, signedIn, target.membership.organisationId, "Membre introuvable.");
  return { signedIn, ...target };
}

export async function changeOffice(db: Database, actor: Actor | null, input: { membershipId: string; office: AuthorityOffice }) {
  const { signedIn, membership, kind } = await membershipTarget(db, actor, input.membershipId);
  if (kind !== "authority") throw new DomainError("BAD_REQUEST", "Seules les collectivités ont des fonctions d'élu·e ou d'agent·e.");
  await db.update(memberships).set({ office: input.office }).where(eq(memberships.id, membership.id));
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "membership",
    entityId: membership.id,
    action: "office_changed",
    changes: [{ field: "office", before: membership.office, after: input.office }],
  });
  return { membershipId: membership.id, office: input.office, changedBy: signedIn.userId };
}

/**
 * Removes someone from an organisation. Their sessions end too, so that a browser left signed in
 * somewhere holds nothing the organisation gave them.
 */
export async function removeMember(db: Database, actor: Actor | null, input: { membershipId: string }) {
  const { signedIn, membership } = await membershipTarget(db, actor, input.membershipId);
  return db.transaction(async (tx) => {
    if (membership.role === "admin") {
      const admins = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.organisationId, membership.organisationId), eq(memberships.role, "admin")))
        .for("update");
      if (admins.length <= 1) throw new DomainError("CONFLICT", "On ne retire pas le dernier administrateur : nommez-en un autre d'abord.");
    }
    await tx.delete(memberships).where(eq(memberships.id, membership.id));
    await tx.delete(sessions).where(eq(sessions.userId, membership.userId));
    await recordChange(tx, {
      actorId: signedIn.userId,
      entity: "membership",
      entityId: membership.id,
      action: "removed",
      changes: [
        { field: "organisationId", before: membership.organisationId, after: null },
        { field: "userId", before: membership.userId, after: null },
        { field: "role", before: membership.role, after: null },
      ],
    });
    return { membershipId: membership.id, removed: true };
  });
}
