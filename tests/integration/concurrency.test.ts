// What must hold when several people act at the same moment, on several connections.
import { TRPCError } from "@trpc/server";
import { and, count, eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { changeLog, memberships, organisations, projects, relationships, stageChanges } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makePerson } from "../support/factories";
import { testServerUrl } from "../support/test-database";

const onPostgres = testServerUrl() !== null;

describe("concurrency", () => {
  const database = useTestDatabase();

  it.runIf(onPostgres)(
    "ten officials join an authority with nobody in it at once; ten verifications at once make exactly one its admin (PostgreSQL only)",
    async () => {
      const db = database.db;
      const commune = await freeCommune(db, "42");
      // Its page exists but nobody speaks for it (everyone left): the race is on who comes first.
      await makeAuthority(db, commune.id);
      const people = await Promise.all(Array.from({ length: 10 }, () => makePerson(db)));
      const joined = await Promise.allSettled(
        people.map((person) => callerFor(db, person).organisation.joinAuthority({ territoryId: commune.id, office: "conseiller_municipal" })),
      );
      expect(joined.filter((result) => result.status === "rejected")).toEqual([]);
      const authorities = await db.select().from(organisations).where(eq(organisations.territoryId, commune.id));
      expect(authorities).toHaveLength(1);
      const authorityId = authorities[0]?.id ?? "";
      const adminsNow = async () =>
        (
          await db
            .select({ n: count() })
            .from(memberships)
            .where(and(eq(memberships.organisationId, authorityId), eq(memberships.role, "admin")))
        )[0]?.n;
      // Nobody's word counts before it is verified: joining first makes no one an admin.
      expect(await adminsNow()).toBe(0);

      const platformAdmin = await makePerson(db, { platformAdmin: true });
      const pending = await db.select({ id: memberships.id }).from(memberships).where(eq(memberships.organisationId, authorityId));
      const verified = await Promise.allSettled(
        pending.map((membership) => callerFor(db, platformAdmin).organisation.verifyMembership({ membershipId: membership.id })),
      );
      expect(verified.filter((result) => result.status === "rejected")).toEqual([]);
      expect(await adminsNow()).toBe(1);
    },
  );

  it.runIf(onPostgres)(
    "forty saves of one project file from the same version: one accepted, thirty-nine conflicts, nothing lost (PostgreSQL only)",
    async () => {
      const db = database.db;
      const writers = await Promise.all(Array.from({ length: 40 }, () => makePerson(db)));
      const collective = await makeCollective(db, { members: writers });
      const commune = await freeCommune(db, "42");
      const { id: projectId } = await callerFor(db, writers[0] ?? null).project.create({
        title: "Fichier disputé",
        summary: "",
        contactHolderId: collective.id,
        communeId: commune.id,
      });
      const results = await Promise.allSettled(
        writers.map((writer, index) => callerFor(db, writer).project.update({ projectId, version: 1, changes: { title: `Titre n° ${index}` } })),
      );
      const accepted = results.flatMap((result, index) => (result.status === "fulfilled" ? [index] : []));
      const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
      expect(accepted).toHaveLength(1);
      expect(refused.every((reason) => reason instanceof TRPCError && reason.code === "CONFLICT")).toBe(true);
      const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
      expect(project).toMatchObject({ title: `Titre n° ${accepted[0]}`, version: 2 });
      const updates = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, projectId), eq(changeLog.action, "update")));
      expect(updates.map((entry) => entry.changes[0]?.after)).toEqual([`Titre n° ${accepted[0]}`]);
    },
  );

  it.runIf(onPostgres)("twenty people saving the same file at once, each retrying on conflict: every save lands in the history (PostgreSQL only)", async () => {
    const db = database.db;
    const writers = await Promise.all(Array.from({ length: 20 }, () => makePerson(db)));
    const collective = await makeCollective(db, { members: writers });
    const commune = await freeCommune(db, "42");
    const { id: projectId } = await callerFor(db, writers[0] ?? null).project.create({
      title: "Fichier partagé",
      summary: "",
      contactHolderId: collective.id,
      communeId: commune.id,
    });
    let conflicts = 0;
    await Promise.all(
      writers.map(async (writer, index) => {
        const api = callerFor(db, writer);
        for (let attempt = 0; attempt < 100; attempt += 1) {
          const { version } = await api.project.get({ projectId });
          try {
            await api.project.update({ projectId, version, changes: { summary: `Paragraphe de ${index}` } });
            return;
          } catch (error) {
            if (!(error instanceof TRPCError) || error.code !== "CONFLICT") throw error;
            conflicts += 1;
          }
        }
        throw new Error(`writer ${index} never got through`);
      }),
    );
    const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(project?.version).toBe(21);
    const updates = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.entityId, projectId), eq(changeLog.action, "update")));
    expect(updates.map((entry) => entry.changes[0]?.after).sort()).toEqual(writers.map((_, index) => `Paragraphe de ${index}`).sort());
    // Each save starts from the one before it: the history is one unbroken chain.
    const chain = updates.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    for (let i = 1; i < chain.length; i += 1) expect(chain[i]?.changes[0]?.before).toBe(chain[i - 1]?.changes[0]?.after);
    expect(conflicts).toBeGreaterThan(0);
  });

  it.runIf(onPostgres)("thirty people answering one stage proposal at once: one decision stands, twenty-nine conflicts (PostgreSQL only)", async () => {
    const db = database.db;
    const officials = await Promise.all(Array.from({ length: 15 }, () => makePerson(db)));
    const members = await Promise.all(Array.from({ length: 15 }, () => makePerson(db)));
    const collective = await makeCollective(db, { members });
    const commune = await freeCommune(db, ["42", "73"]);
    await makeAuthority(
      db,
      commune.id,
      officials.map((person) => ({ person, role: "member" as const, verified: true })),
    );
    const asCollective = callerFor(db, members[0] ?? null);
    const { id: projectId } = await asCollective.project.create({
      title: "Proposition disputée",
      summary: "",
      contactHolderId: collective.id,
      communeId: commune.id,
    });
    const added = await asCollective.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
    const stageChangeId = added.proposalId ?? "";
    const results = await Promise.allSettled([
      ...officials.map((official, index) =>
        index % 2 === 0
          ? callerFor(db, official).stage.confirm({ stageChangeId, comment: "" })
          : callerFor(db, official).stage.decline({ stageChangeId, comment: "Pas encore." }),
      ),
      ...members.map((member) => callerFor(db, member).stage.withdraw({ stageChangeId, comment: "" })),
    ]);
    const accepted = results.filter((result) => result.status === "fulfilled");
    const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
    expect(accepted).toHaveLength(1);
    expect(refused.every((reason) => reason instanceof TRPCError && reason.code === "CONFLICT")).toBe(true);
    const decisions = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.entityId, stageChangeId), inArray(changeLog.action, ["confirm", "decline", "withdraw"])));
    expect(decisions).toHaveLength(1);
    const [relationship] = await db.select().from(relationships).where(eq(relationships.id, added.relationshipId));
    expect(relationship?.stage).toBe(decisions[0]?.action === "confirm" ? "observation" : null);
  });

  it.runIf(onPostgres)("twenty proposals on one relationship at once: one stays open, the others are told one is pending (PostgreSQL only)", async () => {
    const db = database.db;
    const official = await makePerson(db);
    const members = await Promise.all(Array.from({ length: 20 }, () => makePerson(db)));
    const collective = await makeCollective(db, { members });
    const commune = await freeCommune(db, ["42", "73"]);
    await makeAuthority(db, commune.id, [{ person: official, verified: true }]);
    const asCollective = callerFor(db, members[0] ?? null);
    const { id: projectId } = await asCollective.project.create({
      title: "Propositions en rafale",
      summary: "",
      contactHolderId: collective.id,
      communeId: commune.id,
    });
    const added = await asCollective.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
    await callerFor(db, official).stage.confirm({ stageChangeId: added.proposalId ?? "", comment: "" });
    const results = await Promise.allSettled(
      members.map((member, index) =>
        callerFor(db, member).stage.propose({
          relationshipId: added.relationshipId,
          as: "collective",
          toStage: index % 2 === 0 ? "collaboration" : "coportage",
          reason: `Proposition ${index}`,
        }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(results.every((result) => result.status === "fulfilled" || (result.reason instanceof TRPCError && result.reason.code === "CONFLICT"))).toBe(true);
    const pending = await db
      .select()
      .from(stageChanges)
      .where(and(eq(stageChanges.relationshipId, added.relationshipId), eq(stageChanges.status, "pending")));
    expect(pending).toHaveLength(1);
  });

  it.runIf(onPostgres)(
    "a thousand concurrent edits of one file, each from the version it read: every accepted one is in the history, every other got a conflict (PostgreSQL only)",
    async () => {
      const db = database.db;
      const writers = await Promise.all(Array.from({ length: 25 }, () => makePerson(db)));
      const collective = await makeCollective(db, { members: writers });
      const commune = await freeCommune(db, ["42", "73"]);
      const { id: projectId } = await callerFor(db, writers[0] ?? null).project.create({
        title: "Mille éditions",
        summary: "",
        contactHolderId: collective.id,
        communeId: commune.id,
      });
      const edits = Array.from({ length: 1_000 }, (_, index) => ({ writer: writers[index % writers.length] ?? null, title: `Édition n° ${index}` }));
      const results = await Promise.allSettled(
        edits.map(async ({ writer, title }) => {
          const api = callerFor(db, writer);
          const { version } = await api.project.get({ projectId });
          return api.project.update({ projectId, version, changes: { title } });
        }),
      );
      const accepted = edits.filter((_, index) => results[index]?.status === "fulfilled").map((edit) => edit.title);
      const refused = results.flatMap((result) => (result.status === "rejected" ? [result.reason] : []));
      expect(accepted.length + refused.length).toBe(1_000);
      expect(refused.filter((reason) => !(reason instanceof TRPCError && reason.code === "CONFLICT"))).toEqual([]);
      expect(accepted.length).toBeGreaterThan(0);
      const updates = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, projectId), eq(changeLog.action, "update")));
      expect(updates.map((entry) => entry.changes[0]?.after).sort()).toEqual([...accepted].sort());
      const chain = updates.sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
      for (let i = 1; i < chain.length; i += 1) expect(chain[i]?.changes[0]?.before).toBe(chain[i - 1]?.changes[0]?.after);
      const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
      expect(project).toMatchObject({ version: accepted.length + 1, title: chain.at(-1)?.changes[0]?.after });
    },
  );

  it.runIf(onPostgres)(
    "a thousand concurrent answers to one stage proposal, then a thousand proposals: one decision, one open proposal, every other a conflict (PostgreSQL only)",
    async () => {
      const db = database.db;
      const officials = await Promise.all(Array.from({ length: 10 }, () => makePerson(db)));
      const members = await Promise.all(Array.from({ length: 10 }, () => makePerson(db)));
      const collective = await makeCollective(db, { members });
      const commune = await freeCommune(db, ["42", "73"]);
      await makeAuthority(
        db,
        commune.id,
        officials.map((person) => ({ person, role: "member" as const, verified: true })),
      );
      const asCollective = callerFor(db, members[0] ?? null);
      const { id: projectId } = await asCollective.project.create({
        title: "Mille réponses",
        summary: "",
        contactHolderId: collective.id,
        communeId: commune.id,
      });
      const added = await asCollective.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
      const stageChangeId = added.proposalId ?? "";
      const answers = await Promise.allSettled(
        Array.from({ length: 1_000 }, (_, index) => {
          const official = officials[index % officials.length] ?? null;
          const member = members[index % members.length] ?? null;
          if (index % 3 === 0) return callerFor(db, official).stage.confirm({ stageChangeId, comment: "" });
          if (index % 3 === 1) return callerFor(db, official).stage.decline({ stageChangeId, comment: "Pas encore." });
          return callerFor(db, member).stage.withdraw({ stageChangeId, comment: "" });
        }),
      );
      expect(answers.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(answers.filter((result) => result.status === "rejected" && !(result.reason instanceof TRPCError && result.reason.code === "CONFLICT"))).toEqual(
        [],
      );
      const decisions = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.entityId, stageChangeId), inArray(changeLog.action, ["confirm", "decline", "withdraw"])));
      expect(decisions).toHaveLength(1);

      // Whatever the answer was, start from a confirmed stage, then everyone proposes at once.
      if (decisions[0]?.action !== "confirm") {
        await db.update(relationships).set({ stage: "observation" }).where(eq(relationships.id, added.relationshipId));
      }
      const proposals = await Promise.allSettled(
        Array.from({ length: 1_000 }, (_, index) =>
          callerFor(db, members[index % members.length] ?? null).stage.propose({
            relationshipId: added.relationshipId,
            as: "collective",
            toStage: index % 2 === 0 ? "collaboration" : "coportage",
            reason: `Proposition ${index}`,
          }),
        ),
      );
      expect(proposals.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(proposals.filter((result) => result.status === "rejected" && !(result.reason instanceof TRPCError && result.reason.code === "CONFLICT"))).toEqual(
        [],
      );
      const pending = await db
        .select()
        .from(stageChanges)
        .where(and(eq(stageChanges.relationshipId, added.relationshipId), eq(stageChanges.status, "pending")));
      expect(pending).toHaveLength(1);
      const logged = await db
        .select()
        .from(changeLog)
        .where(and(eq(changeLog.projectId, projectId), eq(changeLog.action, "propose")));
      expect(logged.map((entry) => entry.entityId)).toContain(pending[0]?.id);
    },
  );
  it.runIf(onPostgres)(
    "with every connection busy, a transaction still gets a connection of its own: no other caller's query runs inside it, none is refused (PostgreSQL only)",
    async () => {
      // The driver let BEGIN go out on a connection it had not set aside when BEGIN filled the
      // connection's pipeline: the transaction failed with UNSAFE_TRANSACTION and other callers' queries
      // ran inside it (fixed in patches/postgres+3.4.9.patch). The default pipeline of 100 met that
      // boundary in CI under the thousand edits above; a pipeline of two, every connection busy with a
      // query waiting behind it, puts each BEGIN there.
      // max_pipeline is a driver option its type declarations leave out.
      const options = { max: 3, max_pipeline: 2, fetch_types: false, onnotice: () => {} };
      const driver = postgres(testServerUrl() ?? "", options);
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const outsideQuery = () => driver`select set_config('maillage.outsider', 'here', true)`.execute();
      try {
        const seenInside: string[] = [];
        for (let round = 0; round < 5; round += 1) {
          const work: Promise<unknown>[] = [0, 1, 2].map(() => driver`select pg_sleep(0.05)`.execute());
          await pause(10);
          work.push(outsideQuery(), outsideQuery(), outsideQuery());
          await pause(5);
          for (let index = 0; index < 30; index += 1) {
            work.push(
              index % 3 === 0
                ? driver.begin(async (transaction) => {
                    await transaction`select pg_sleep(0.001)`;
                    const [seen] = await transaction<{ outsider: string }[]>`select coalesce(current_setting('maillage.outsider', true), '') as outsider`;
                    seenInside.push(seen?.outsider ?? "no answer");
                  })
                : outsideQuery(),
            );
          }
          const settled = await Promise.allSettled(work);
          expect(settled.flatMap((result) => (result.status === "rejected" ? [String(result.reason)] : []))).toEqual([]);
        }
        expect(seenInside).toEqual(Array.from({ length: 50 }, () => ""));
      } finally {
        await driver.end({ timeout: 5 });
      }
    },
  );
});
