// Collectives, authorities and networks: creating them and reading one; who speaks for them is in memberships.ts.
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { invitations, memberships, organisations, territories, users } from "@/db/schema";
import { env } from "@/server/env";
import { notFound } from "@/server/errors";
import { mailTranslator } from "@/server/i18n/messages";
import { assertCanSeeOrganisation, canManageOrganisation, canVerifyClaims, requireActor, requirePlatformAdmin, type Actor } from "./access";
import { recordChange } from "./history";
import { sendMail } from "./mail";
import { enforceRateLimit, LIMITS } from "./rate-limits";
import type { TCreateCollectiveInput, TCreateNetworkInput } from "@/server/api/routers/organisation.schema";

export async function createCollective(db: Database, actor: Actor | null, input: TCreateCollectiveInput) {
  const signedIn = requireActor(actor);
  const [collective] = await db
    .insert(organisations)
    .values({ kind: "collective", name: input.name, legalForm: input.legalForm })
    .returning({ id: organisations.id, name: organisations.name });
  if (!collective) throw new Error("insert returned no row");
  await db.insert(memberships).values({ organisationId: collective.id, userId: signedIn.userId, role: "admin" });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "organisation",
    entityId: collective.id,
    action: "create",
    changes: [
      { field: "name", before: null, after: input.name },
      { field: "legalForm", before: null, after: input.legalForm },
    ],
  });
  return collective;
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
  if (!organisation) throw notFound("organisationNotFound");
  const members = await db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      office: memberships.office,
      verifiedAt: memberships.verifiedAt,
      /** When they joined or asked to: what a verifier judges a claim by, with who invited them. */
      requestedAt: memberships.createdAt,
      invitedBy: sql<string | null>`(select coalesce(inviter.name, inviter.email) from ${invitations} i join ${users} inviter on inviter.id = i.invited_by_id
        where i.authority_id = ${memberships.organisationId} and i.email = ${users.email} and i.used_at is not null order by i.used_at desc limit 1)`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), awaitingVerification ? eq(memberships.userId, signedIn.userId) : undefined))
    .orderBy(asc(users.name), asc(users.email));
  return {
    ...organisation,
    members,
    awaitingVerification,
    /** The reader's own claim still waiting, which they may remind the verifiers of. */
    pendingClaimId: awaitingVerification ? (membership?.id ?? null) : null,
    canManage: await canManageOrganisation(db, signedIn, organisationId),
    /** Verifying the authority's claims: its verified admins, the platform's admins only where it has none. */
    canVerifyClaims: organisation.kind === "authority" && (await canVerifyClaims(db, signedIn, organisationId)),
  };
}

export async function findOrCreateUser(db: Database, email: string, name?: string) {
  const normalised = email.trim().toLowerCase();
  await db
    .insert(users)
    .values({ email: normalised, name: name ?? null })
    .onConflictDoNothing();
  const [user] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(users.email, normalised));
  if (!user) throw new Error("user upsert returned no row");
  return user;
}

export async function tellNewMember(db: Database, email: string, inviterName: string, organisationName: string) {
  const t = mailTranslator();
  await sendMail(db, {
    to: email,
    subject: t("addedToOrganisation.subject", { organisation: organisationName }),
    text: t("addedToOrganisation.text", {
      inviter: inviterName,
      organisation: organisationName,
      url: `${env.APP_URL}/connexion`,
    }),
  });
}

export async function createNetwork(db: Database, actor: Actor | null, input: TCreateNetworkInput) {
  const signedIn = requirePlatformAdmin(actor);
  await enforceRateLimit(db, LIMITS.membersAddedPerPerson, signedIn.userId, "tooManyNetworks");
  const [network] = await db.insert(organisations).values({ kind: "network", name: input.name }).returning({ id: organisations.id, name: organisations.name });
  if (!network) throw new Error("insert returned no row");
  const user = await findOrCreateUser(db, input.adminEmail);
  await db.insert(memberships).values({ organisationId: network.id, userId: user.id, role: "admin" });
  await recordChange(db, {
    actorId: signedIn.userId,
    entity: "organisation",
    entityId: network.id,
    action: "create",
    changes: [
      { field: "name", before: null, after: input.name },
      { field: "adminId", before: null, after: user.id },
    ],
  });
  const [creator] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, signedIn.userId));
  await tellNewMember(db, user.email, creator?.name ?? creator?.email ?? "Maillage", network.name);
  return network;
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
