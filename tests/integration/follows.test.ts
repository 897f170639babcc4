// « Suivis »: each person's own followed projects, with what others changed since the last visit.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeLog, follows, projects } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, type TestPerson } from "../support/factories";
import { buildWorld } from "../support/world";

describe("followed projects", () => {
  const database = useTestDatabase();

  it("are each person's own, with the changes made by others since the last visit", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const elsewhere = await buildWorld(db);
    const { collectiveMember, territoryOfficial } = world.people;
    const listOf = (person: TestPerson) => callerFor(db, person).follow.list();
    await callerFor(db, collectiveMember).follow.set({ projectId: world.project.id, follow: true });
    await callerFor(db, territoryOfficial).follow.set({ projectId: world.project.id, follow: true });
    await callerFor(db, elsewhere.people.collectiveMember).follow.set({ projectId: elsewhere.project.id, follow: true });
    await db.update(follows).set({ lastVisitedAt: new Date("2020-01-01") });

    const [mine, theirs, other] = await Promise.all([listOf(collectiveMember), listOf(territoryOfficial), listOf(elsewhere.people.collectiveMember)]);
    expect(mine.map((row) => row.projectId)).toEqual([world.project.id]);
    expect(theirs.map((row) => row.projectId)).toEqual([world.project.id]);
    expect(other.map((row) => row.projectId)).toEqual([elsewhere.project.id]);
    // The collective created the project: new for the official, not for the collective itself.
    expect(theirs[0]?.newKinds).toContain("project:create");
    expect(mine[0]?.newKinds).not.toContain("project:create");
    expect(theirs[0]?.newChanges).toBeGreaterThan(mine[0]?.newChanges ?? 0);
  });

  it("start what is new from the last visit, which the audit log does not record", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const { territoryOfficial } = world.people;
    const api = callerFor(db, territoryOfficial);
    await api.follow.set({ projectId: world.project.id, follow: true });
    await db.update(follows).set({ lastVisitedAt: new Date("2020-01-01") });
    expect((await api.follow.list())[0]?.newChanges).toBeGreaterThan(0);
    const logged = await db.$count(changeLog);

    expect(await api.follow.markVisited({ projectId: world.project.id })).toEqual({ following: true });
    expect((await api.follow.list())[0]?.newChanges).toBe(0);
    expect(await db.$count(changeLog)).toBe(logged);
  });

  it("leave the list once the project can no longer be read, except for a platform admin", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const { collectiveMember, territoryOfficial, platformAdmin } = world.people;
    for (const person of [collectiveMember, territoryOfficial, platformAdmin]) {
      await callerFor(db, person).follow.set({ projectId: world.project.id, follow: true });
    }
    // The file is now kept for its parties: the intercommunality's official reads it no more.
    await db.update(projects).set({ visibility: "parties" }).where(eq(projects.id, world.project.id));

    const followedBy = async (person: TestPerson) => (await callerFor(db, person).follow.list()).map((row) => row.projectId);
    expect(await followedBy(territoryOfficial)).toEqual([]);
    expect(await followedBy(collectiveMember)).toEqual([world.project.id]);
    expect(await followedBy(platformAdmin)).toEqual([world.project.id]);
  });
});
