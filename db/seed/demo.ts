// Demo organisations, people and projects around Die (Drôme). Idempotent: fixed ids, insert-if-absent.
import { eq, inArray } from "drizzle-orm";
import { authorityName } from "@/server/domain/organisations";
import { DEMO_IDS, DEMO_PEOPLE, DEMO_TERRITORIES, demoPerson, type DemoPersonKey } from "@/server/domain/demo";
import type { Database } from "../index";
import { memberships, organisations, projectCommunes, projectParties, projects, territories, users } from "../schema";

type MembershipSeed = {
  person: DemoPersonKey;
  organisation: "commune" | "epci" | "collective" | "otherCollective" | "network";
  role: "member" | "admin" | "moderator";
  office?: (typeof memberships.$inferInsert)["office"];
  verified?: boolean;
};

const MEMBERSHIPS: MembershipSeed[] = [
  { person: "mayor", organisation: "commune", role: "admin", office: "maire", verified: true },
  { person: "councillor", organisation: "commune", role: "member", office: "conseiller_municipal", verified: false },
  { person: "epciOfficial", organisation: "epci", role: "admin", office: "vice_president", verified: true },
  { person: "collectiveAdmin", organisation: "collective", role: "admin" },
  { person: "collectiveMember", organisation: "collective", role: "member" },
  { person: "collectiveMember", organisation: "otherCollective", role: "admin" },
  { person: "moderator", organisation: "network", role: "moderator" },
];

export async function seedDemo(db: Database): Promise<{ people: number; projects: number }> {
  return db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(
        DEMO_PEOPLE.map((person) => ({
          name: person.name,
          email: person.email,
          emailVerified: new Date("2026-01-05T09:00:00Z"),
          isPlatformAdmin: person.key === "platformAdmin",
        })),
      )
      .onConflictDoNothing({ target: users.email });
    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, DEMO_PEOPLE.map((person) => person.email)));
    const userId = (key: DemoPersonKey) => {
      const found = people.find((person) => person.email === demoPerson(key).email);
      if (!found) throw new Error(`demo person ${key} missing`);
      return found.id;
    };

    const authorityTerritories = await tx
      .select()
      .from(territories)
      .where(inArray(territories.id, [DEMO_TERRITORIES.commune, DEMO_TERRITORIES.epci]));
    for (const territory of authorityTerritories) {
      await tx
        .insert(organisations)
        .values({ kind: "authority", name: authorityName(territory), territoryId: territory.id })
        .onConflictDoNothing({ target: organisations.territoryId });
    }
    const authorities = await tx
      .select({ id: organisations.id, territoryId: organisations.territoryId })
      .from(organisations)
      .where(inArray(organisations.territoryId, [DEMO_TERRITORIES.commune, DEMO_TERRITORIES.epci]));
    const authorityId = (territoryId: string) => {
      const found = authorities.find((authority) => authority.territoryId === territoryId);
      if (!found) throw new Error(`demo territory ${territoryId} missing: load the territories first`);
      return found.id;
    };

    await tx
      .insert(organisations)
      .values([
        { id: DEMO_IDS.collective, kind: "collective", name: "SCIC La Fabrique du Diois", legalForm: "scic" },
        { id: DEMO_IDS.otherCollective, kind: "collective", name: "Association Les Jardins partagés de Châtillon", legalForm: "association" },
        { id: DEMO_IDS.network, kind: "network", name: "Réseau coopératif Drôme-Ardèche" },
      ])
      .onConflictDoNothing();

    const organisationIds = {
      commune: authorityId(DEMO_TERRITORIES.commune),
      epci: authorityId(DEMO_TERRITORIES.epci),
      collective: DEMO_IDS.collective,
      otherCollective: DEMO_IDS.otherCollective,
      network: DEMO_IDS.network,
    };
    const platformAdmin = userId("platformAdmin");
    await tx
      .insert(memberships)
      .values(
        MEMBERSHIPS.map((membership) => ({
          organisationId: organisationIds[membership.organisation],
          userId: userId(membership.person),
          role: membership.role,
          office: membership.office ?? null,
          verifiedAt: membership.verified ? new Date("2026-01-06T10:00:00Z") : null,
          verifiedById: membership.verified ? platformAdmin : null,
        })),
      )
      .onConflictDoNothing();

    await tx
      .insert(projects)
      .values([
        {
          id: DEMO_IDS.project,
          title: "Tiers-lieu de l'ancienne gare de Die",
          summary:
            "Transformer l'ancienne halle marchandises en tiers-lieu : atelier partagé, café associatif et espace de travail pour les habitants du Diois.",
          leadCollectiveId: DEMO_IDS.collective,
          communeId: DEMO_TERRITORIES.commune,
          createdById: userId("collectiveAdmin"),
        },
        {
          id: DEMO_IDS.secondProject,
          title: "Jardins partagés et légumerie de Châtillon",
          summary: "Une légumerie collective pour fournir la cantine de l'école avec les légumes des jardins partagés.",
          leadCollectiveId: DEMO_IDS.otherCollective,
          communeId: DEMO_TERRITORIES.otherCommune,
          createdById: userId("collectiveMember"),
        },
      ])
      .onConflictDoNothing();
    await tx
      .insert(projectParties)
      .values([
        { projectId: DEMO_IDS.project, organisationId: DEMO_IDS.collective, role: "lead" },
        { projectId: DEMO_IDS.secondProject, organisationId: DEMO_IDS.otherCollective, role: "lead" },
      ])
      .onConflictDoNothing();

    await tx
      .insert(projectCommunes)
      .values([
        { projectId: DEMO_IDS.project, communeId: DEMO_TERRITORIES.commune },
        { projectId: DEMO_IDS.secondProject, communeId: DEMO_TERRITORIES.otherCommune },
      ])
      .onConflictDoNothing();

    const demoProjects = await tx.select({ id: projects.id }).from(projects).where(eq(projects.leadCollectiveId, DEMO_IDS.collective));
    return { people: people.length, projects: demoProjects.length };
  });
}
