// Builds the people and organisations a test needs, each in one line, with unique data.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { comments, memberships, organisations, projectCommunes, projectParties, projects, territories, users } from "@/db/schema";
import { createCaller } from "@/server/api/root";
import type { AuthorityOffice, LegalForm } from "@/server/domain/organisations";
import type { Locale } from "@/server/i18n/config";
import type { Actor } from "@/server/services/access";

export function callerFor(db: Database, actor: Actor | null, locale: Locale = "fr") {
  return createCaller({ db, actor, locale });
}

export type TestPerson = Actor & { email: string; name: string };

export async function makePerson(db: Database, options: { platformAdmin?: boolean; name?: string } = {}): Promise<TestPerson> {
  // 64 random bits: the matrix makes tens of thousands of people in one database, where 32 bits
  // collided about once in forty runs.
  const unique = randomUUID().replaceAll("-", "").slice(0, 16);
  const email = `personne-${unique}@exemple.test`;
  const name = options.name ?? `Personne ${unique}`;
  const [user] = await db
    .insert(users)
    .values({ email, name, isPlatformAdmin: options.platformAdmin ?? false })
    .returning({ id: users.id });
  if (!user) throw new Error("no user");
  return { userId: user.id, isPlatformAdmin: options.platformAdmin ?? false, email, name };
}

export async function makeCollective(db: Database, people: { admin?: TestPerson; members?: TestPerson[] } = {}, legalForm: LegalForm = "association") {
  const [collective] = await db
    .insert(organisations)
    .values({ kind: "collective", name: `Collectif ${randomUUID().slice(0, 6)}`, legalForm })
    .returning();
  if (!collective) throw new Error("no collective");
  if (people.admin) await db.insert(memberships).values({ organisationId: collective.id, userId: people.admin.userId, role: "admin" });
  for (const member of people.members ?? []) {
    await db.insert(memberships).values({ organisationId: collective.id, userId: member.userId, role: "member" });
  }
  return collective;
}

/** The next commune of the fixtures that has no authority yet: every test world gets its own. */
export async function freeCommune(db: Database, departements: string | string[] = "26", options: { inEpci?: boolean } = {}) {
  const [commune] = await db
    .select()
    .from(territories)
    .where(
      and(
        eq(territories.kind, "commune"),
        inArray(territories.departementCode, typeof departements === "string" ? [departements] : departements),
        sql`not exists (select 1 from organisation o where o.territory_id = ${territories.id})`,
        sql`not exists (select 1 from project p where p.commune_id = ${territories.id})`,
        options.inEpci ? sql`${territories.epciCode} is not null` : undefined,
      ),
    )
    .orderBy(territories.code)
    .limit(1);
  if (!commune) throw new Error("no free commune left in the fixtures");
  return commune;
}

export async function makeAuthority(
  db: Database,
  territoryId: string,
  people: { person: TestPerson; role?: "admin" | "member"; office?: AuthorityOffice; verified: boolean }[] = [],
) {
  const [authority] = await db
    .insert(organisations)
    .values({ kind: "authority", name: `Collectivité ${territoryId}`, territoryId })
    .returning();
  if (!authority) throw new Error("no authority");
  for (const { person, role, office, verified } of people) {
    await db.insert(memberships).values({
      organisationId: authority.id,
      userId: person.userId,
      role: role ?? "admin",
      office: office ?? "maire",
      verifiedAt: verified ? new Date() : null,
    });
  }
  return authority;
}

export async function makeProject(db: Database, contactHolderId: string, communeId: string, title = "Projet de test") {
  const [project] = await db.insert(projects).values({ title, contactHolderId, communeId }).returning();
  if (!project) throw new Error("no project");
  await db.insert(projectParties).values({ projectId: project.id, organisationId: contactHolderId, role: "holder" });
  await db.insert(projectCommunes).values({ projectId: project.id, communeId });
  return project;
}

export async function membershipOf(db: Database, userId: string, organisationId: string) {
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  return membership ?? null;
}

/** The authority of a territory, opened if nobody has yet; the people join it. */
export async function ensureAuthority(
  db: Database,
  territoryId: string,
  people: { person: TestPerson; role?: "admin" | "member"; office?: AuthorityOffice; verified: boolean }[] = [],
) {
  const [existing] = await db.select().from(organisations).where(eq(organisations.territoryId, territoryId));
  if (!existing) return makeAuthority(db, territoryId, people);
  for (const { person, role, office, verified } of people) {
    await db.insert(memberships).values({
      organisationId: existing.id,
      userId: person.userId,
      role: role ?? "member",
      office: office ?? "conseiller_communautaire",
      verifiedAt: verified ? new Date() : null,
    });
  }
  return existing;
}

export async function makeNetwork(db: Database, moderators: TestPerson[] = []) {
  const [network] = await db
    .insert(organisations)
    .values({ kind: "network", name: `Réseau ${randomUUID().slice(0, 6)}` })
    .returning();
  if (!network) throw new Error("no network");
  for (const moderator of moderators) {
    await db.insert(memberships).values({ organisationId: network.id, userId: moderator.userId, role: "moderator" });
  }
  return network;
}

/** A comment written straight into the database (no rate limit, no notification). */
export async function makeComment(db: Database, projectId: string, author: TestPerson, body: string) {
  const [comment] = await db.insert(comments).values({ projectId, authorId: author.userId, body }).returning({ id: comments.id });
  if (!comment) throw new Error("no comment");
  return comment.id;
}
