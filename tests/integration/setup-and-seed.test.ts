// Migrations and the demo seed can run again and again: the second run changes nothing.
import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, organisations, projects, relationships, users } from "@/db/schema";
import { migrate } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import { DEMO_IDS, DEMO_PEOPLE, demoPerson } from "@/server/domain/demo";
import { DEMO_PROJECTS } from "@/db/seed/demo-gradient";
import { databaseFingerprint } from "../support/fingerprint";
import { useTestDatabase } from "../support/db";
import { callerFor } from "../support/factories";

describe("setup", () => {
  const database = useTestDatabase();

  it("migrates an up-to-date database without changing it", async () => {
    const tables = sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    const before = JSON.stringify(await database.db.execute(tables));
    const connection = { driver: database.driver, db: database.db } as Parameters<typeof migrate>[0];
    await migrate(connection);
    expect(JSON.stringify(await database.db.execute(tables))).toBe(before);
  });

  it("seeds the demo cast once, however often it runs", async () => {
    const db = database.db;
    await seedDemo(db);
    const first = await databaseFingerprint(db);
    await seedDemo(db);
    expect(await databaseFingerprint(db)).toEqual(first);

    const [people] = await db
      .select({ n: count() })
      .from(users)
      .where(sql`${users.email} like '%@demo.maillage.test'`);
    expect(people?.n).toBe(DEMO_PEOPLE.length);
    const [demoProjects] = await db.select({ n: count() }).from(projects);
    expect(demoProjects?.n).toBe(DEMO_PROJECTS.length);
    const [authorities] = await db.select({ n: count() }).from(organisations).where(eq(organisations.kind, "authority"));
    expect(authorities?.n).toBe(8);
    const [unverified] = await db
      .select({ n: count() })
      .from(memberships)
      .where(sql`${memberships.verifiedAt} is null and ${memberships.office} is not null`);
    expect(unverified?.n).toBe(1);
  });

  it("gives the mayor of Die the demo project of her commune in her territory view", async () => {
    const db = database.db;
    await seedDemo(db);
    const [mayor] = await db
      .select()
      .from(users)
      .where(eq(users.email, demoPerson("mayor").email));
    const api = callerFor(db, { userId: mayor?.id ?? "", isPlatformAdmin: false });
    const account = await api.account.get();
    const commune = account.memberships.find((membership) => membership.organisationName === "Commune de Die");
    expect(commune).toMatchObject({ office: "maire", verified: true });
    const view = await api.project.listForTerritory({ authorityId: commune?.organisationId ?? "" });
    expect(view.projects.map((project) => project.id)).toContain(DEMO_IDS.project);
  });

  it("shows trust in motion: every stage reached, a step backwards, open proposals, both sides answering", async () => {
    const db = database.db;
    await seedDemo(db);
    const [admin] = await db
      .select()
      .from(users)
      .where(eq(users.email, demoPerson("platformAdmin").email));
    const api = callerFor(db, { userId: admin?.id ?? "", isPlatformAdmin: true });
    const overviews = await Promise.all((await db.select({ id: projects.id }).from(projects)).map(({ id }) => api.project.overview({ projectId: id })));
    const relationships = overviews.flatMap((overview) => overview.relationships);
    expect(new Set(relationships.map((relationship) => relationship.stage))).toEqual(new Set(["defiance", "observation", "collaboration", "coportage"]));
    const rank = ["defiance", "observation", "collaboration", "coportage"];
    const backwards = relationships.flatMap((relationship) =>
      relationship.changes.filter(
        (change) => change.fromStage && rank.indexOf(change.toStage) < rank.indexOf(change.fromStage) && change.status === "confirmed",
      ),
    );
    expect(backwards.length).toBeGreaterThanOrEqual(1);
    expect(relationships.filter((relationship) => relationship.pending).length).toBeGreaterThanOrEqual(2);
    expect(overviews.flatMap((overview) => overview.milestones).length).toBeGreaterThanOrEqual(30);
    const answered = relationships.filter((relationship) => relationship.barometer?.collective.respondents && relationship.barometer.authority.respondents);
    expect(answered.length).toBeGreaterThanOrEqual(8);
  });

  it("gives the intercommunality its territory at a glance: counts per stage, filters, latest activity first", async () => {
    const db = database.db;
    await seedDemo(db);
    const [official] = await db
      .select()
      .from(users)
      .where(eq(users.email, demoPerson("epciOfficial").email));
    const api = callerFor(db, { userId: official?.id ?? "", isPlatformAdmin: false });
    const diois = (await api.account.get()).memberships.find((membership) => membership.organisationName === "CC du Diois");
    const authorityId = diois?.organisationId ?? "";
    const all = await api.project.listForTerritory({ authorityId });
    // « Sans stade confirmé » counts only relationships with the CC; the projects it has none with are apart.
    expect(all.counts).toEqual({ defiance: 0, observation: 3, collaboration: 2, coportage: 0, none: 0, notParty: 6 });
    const unrelated = await api.project.listForTerritory({ authorityId, stage: "notParty" });
    expect(unrelated.total).toBe(6);
    expect(unrelated.projects.flatMap((project) => project.relationships.map((relationship) => relationship.authorityName))).not.toContain("CC du Diois");
    // Once the CC is asked into one of them, that one waits « sans stade confirmé ».
    await db.insert(relationships).values({ projectId: unrelated.projects[0]?.id ?? "", authorityId });
    expect((await api.project.listForTerritory({ authorityId })).counts).toMatchObject({ none: 1, notParty: 5 });
    expect((await api.project.listForTerritory({ authorityId, stage: "none" })).projects.map((project) => project.id)).toEqual([unrelated.projects[0]?.id]);
    // A card names every commune a project acts in.
    const multiCommune = all.projects.find((project) => project.communes.length > 1);
    expect(multiCommune?.communes).toEqual([...(multiCommune?.communes ?? [])].sort((a, b) => a.localeCompare(b)));
    expect(all.projects).toHaveLength(11);
    const times = all.projects.map((project) => project.updatedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const collaborating = await api.project.listForTerritory({ authorityId, stage: "collaboration" });
    expect(collaborating.projects.map((project) => project.title).sort()).toEqual(["Cantine bio intercommunale", "Tiers-lieu de l'ancienne gare de Die"]);
    // A project counts for a legal form when any of its holding structures has it: the PTCE, co-held by a SCIC, is one.
    expect((await api.project.listForTerritory({ authorityId, legalForm: "scic" })).projects).toHaveLength(5);
    const inRomeyer = await api.project.listForTerritory({ authorityId, communeId: "commune-26282" });
    expect(inRomeyer.projects.map((project) => project.title).sort()).toEqual(["Habitat partagé des Trois Becs", "Scierie mobile du Vercors Sud"]);
    expect((await api.project.listForTerritory({ authorityId, sector: "sante" })).projects.map((project) => project.title)).toEqual([
      "Maison de santé de Marignac",
    ]);
    expect(all.communes.map((commune) => commune.name)).toContain("Romeyer");
  });
});
