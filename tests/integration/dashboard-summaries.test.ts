// The facts the dashboard reads from stage_move and relationship_summary are kept by database
// triggers (migration 0015). Whatever is written, they must say what a recomputation from the
// answers, milestones and stage changes says.
import fc from "fast-check";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { selectRows, type Database } from "@/db";
import { barometerAnswerSets, milestoneLevers, milestoneRelationships, milestones, relationships, stageChanges, stageMoves } from "@/db/schema";
import { INDICATOR_IDS, LEVER_IDS, STAGES, widestGap, type AnswerSet, type LeverId, type Score, type Side, type Stage } from "@/server/domain/gradient";
import { refreshAgedReadings } from "@/server/services/portfolio-dashboard";
import { useTestDatabase } from "../support/db";
import { freeCommune, makeAuthority, makeCollective, makePerson, makeProject } from "../support/factories";

const DAY = 86_400_000;

async function freshRelationship(db: Database) {
  const collective = await makeCollective(db);
  const project = await makeProject(db, collective.id, (await freeCommune(db, "26")).id);
  const authority = await makeAuthority(db, (await freeCommune(db, "07")).id);
  const [relationship] = await db.insert(relationships).values({ projectId: project.id, authorityId: authority.id }).returning();
  if (!relationship) throw new Error("no relationship");
  return { projectId: project.id, relationshipId: relationship.id };
}

type Summary = { widest_stage: string | null; widest_gap: number | null; from: number; until: number };

async function summaryOf(db: Database, relationshipId: string): Promise<Summary | undefined> {
  const [row] = await selectRows<Summary>(
    db,
    sql`select widest_stage, widest_gap,
          case when reading_from = '-infinity' then ${-Infinity}::float8 else extract(epoch from reading_from) * 1000 end as "from",
          case when reading_until = 'infinity' then ${Infinity}::float8 else extract(epoch from reading_until) * 1000 end as until
        from relationship_summary where relationship_id = ${relationshipId}`,
  );
  return row && { ...row, from: Number(row.from), until: Number(row.until) };
}

const answerSet = fc.record({
  side: fc.constantFrom<Side>("collective", "authority"),
  respondent: fc.integer({ min: 0, max: 3 }),
  // Up to 500 days ago, to the millisecond: some answers are older than the twelve-month window.
  ageMs: fc.integer({ min: 0, max: 500 * DAY }),
  answers: fc.dictionary(fc.constantFrom(...INDICATOR_IDS), fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<Score>, {
    minKeys: 0,
    maxKeys: INDICATOR_IDS.length,
    noNullPrototype: true,
  }),
});

describe("the dashboard's summaries", () => {
  const database = useTestDatabase();

  it("hold, for every instant they claim, the widest gap the domain computes from the answers", async () => {
    const { db } = database;
    const people = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(() => makePerson(db)));
    await fc.assert(
      fc.asyncProperty(
        fc.array(answerSet, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        async (drawn, where, settled) => {
          const { projectId, relationshipId } = await freshRelationship(db);
          const written = Date.now();
          const rows = drawn.map((set) => ({
            relationshipId,
            side: set.side,
            respondentId: people[set.respondent + (set.side === "authority" ? 4 : 0)]!.userId,
            answeredAt: new Date(written - set.ageMs),
            answers: set.answers,
          }));
          await db.insert(barometerAnswerSets).values(rows);
          // The sides worked together: the past facts leave the means, in SQL as in the domain.
          if (settled) {
            const [milestone] = await db
              .insert(milestones)
              .values({ projectId, kind: "agreement_signed", title: "Convention", occursOn: "2026-01-10", status: "done", recordedSide: "collective" })
              .returning({ id: milestones.id });
            await db.insert(milestoneRelationships).values({ milestoneId: milestone?.id ?? "", relationshipId, confirmation: "confirmed" });
          }
          const summary = await summaryOf(db, relationshipId);
          expect(summary).toBeDefined();
          const sides = (side: Side): AnswerSet[] => rows.filter((row) => row.side === side);
          const now = Date.now();
          // Now lies within the instants the row claims, and so does any instant drawn between its bounds.
          expect(summary!.from).toBeLessThanOrEqual(now);
          expect(summary!.until).toBeGreaterThanOrEqual(now);
          const last = Math.min(summary!.until, now + 600 * DAY);
          for (const instant of [now, Math.floor(now + where * (last - now))]) {
            const expected = widestGap(sides("collective"), sides("authority"), new Date(instant), settled);
            expect({ stage: summary!.widest_gap ? summary!.widest_stage : null, gap: summary!.widest_gap || null }).toEqual({
              stage: expected?.stage ?? null,
              gap: expected?.gap ?? null,
            });
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keep each confirmed move's neighbours and levers as a full recomputation does, through edits, hiding, links and deletions", async () => {
    const { db } = database;
    const { projectId, relationshipId } = await freshRelationship(db);
    const snapshot = () =>
      selectRows<Record<string, unknown>>(
        db,
        sql`select stage_change_id, from_stage, to_stage, decided_at, previous_at, next_at, levers from stage_move
            where relationship_id = ${relationshipId} order by decided_at, stage_change_id`,
      );
    const recomputed = async () => {
      await db.execute(sql`select refresh_stage_moves(array[${relationshipId}::uuid])`);
      return snapshot();
    };
    const day = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * DAY).toISOString().slice(0, 10);
    const milestoneIds: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({ op: fc.constant("milestone" as const), on: fc.integer({ min: 0, max: 200 }), levers: fc.subarray([...LEVER_IDS], { maxLength: 3 }) }),
            fc.record({ op: fc.constant("move" as const), on: fc.integer({ min: 0, max: 200 }), to: fc.constantFrom(...STAGES) }),
            fc.record({
              op: fc.constantFrom("hide" as const, "cancel" as const, "unlink" as const, "delete" as const, "reschedule" as const),
              pick: fc.nat(),
              on: fc.integer({ min: 0, max: 200 }),
            }),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        async (operations) => {
          for (const operation of operations) {
            if (operation.op === "milestone") {
              const [milestone] = await db
                .insert(milestones)
                .values({ projectId, kind: "first_meeting", title: "Rencontre", occursOn: day(operation.on), status: "done", recordedSide: "collective" })
                .returning();
              milestoneIds.push(milestone!.id);
              await db.insert(milestoneRelationships).values({ milestoneId: milestone!.id, relationshipId });
              if (operation.levers.length > 0)
                await db.insert(milestoneLevers).values(operation.levers.map((leverId) => ({ milestoneId: milestone!.id, leverId })));
            } else if (operation.op === "move") {
              const [current] = await db.select({ stage: relationships.stage }).from(relationships).where(eq(relationships.id, relationshipId));
              const decidedAt = new Date(`${day(operation.on)}T15:00:00Z`);
              await db.insert(stageChanges).values({
                relationshipId,
                fromStage: current?.stage ?? null,
                toStage: operation.to,
                proposedSide: "collective",
                proposedAt: decidedAt,
                status: "confirmed",
                decidedAt,
              });
              await db.update(relationships).set({ stage: operation.to }).where(eq(relationships.id, relationshipId));
            } else if (milestoneIds.length > 0) {
              const id = milestoneIds[operation.pick % milestoneIds.length]!;
              if (operation.op === "hide") await db.update(milestones).set({ hiddenAt: new Date() }).where(eq(milestones.id, id));
              if (operation.op === "cancel") await db.update(milestones).set({ status: "cancelled" }).where(eq(milestones.id, id));
              if (operation.op === "reschedule")
                await db
                  .update(milestones)
                  .set({ occursOn: day(operation.on) })
                  .where(eq(milestones.id, id));
              if (operation.op === "unlink") await db.delete(milestoneRelationships).where(eq(milestoneRelationships.milestoneId, id));
              if (operation.op === "delete") await db.delete(milestones).where(eq(milestones.id, id));
            }
          }
          const kept = await snapshot();
          expect(kept).toEqual(await recomputed());
        },
      ),
      { numRuns: 25 },
    );
  });

  it("give a step forward the levers of the milestones since the previous confirmed change, up to its day", async () => {
    const { db } = database;
    const { projectId, relationshipId } = await freshRelationship(db);
    const confirm = async (fromStage: Stage | null, toStage: Stage, day: string) => {
      const decidedAt = new Date(`${day}T15:00:00Z`);
      await db
        .insert(stageChanges)
        .values({ relationshipId, fromStage, toStage, proposedSide: "collective", proposedAt: decidedAt, status: "confirmed", decidedAt });
    };
    const milestoneOn = async (day: string, levers: LeverId[]) => {
      const [milestone] = await db
        .insert(milestones)
        .values({ projectId, kind: "first_meeting", title: "Rencontre", occursOn: day, status: "done", recordedSide: "collective" })
        .returning();
      await db.insert(milestoneRelationships).values({ milestoneId: milestone!.id, relationshipId });
      await db.insert(milestoneLevers).values(levers.map((leverId) => ({ milestoneId: milestone!.id, leverId })));
      return milestone!.id;
    };
    await milestoneOn("2026-01-05", ["jobs"]);
    await confirm(null, "defiance", "2026-01-10");
    const later = await milestoneOn("2026-02-01", ["long-time", "expertise"]);
    await milestoneOn("2026-02-20", ["coordination"]);
    await confirm("defiance", "observation", "2026-02-20");
    await milestoneOn("2026-03-01", ["land-tools"]);
    const levers = () =>
      db
        .select({ to_stage: stageMoves.toStage, levers: stageMoves.levers })
        .from(stageMoves)
        .where(eq(stageMoves.relationshipId, relationshipId))
        .orderBy(stageMoves.decidedAt);
    // The start counts no lever; the step forward, the milestones after 10 January up to 20 February.
    expect(await levers()).toEqual([
      { to_stage: "defiance", levers: [] },
      { to_stage: "observation", levers: ["coordination", "expertise", "long-time"] },
    ]);
    await db.update(milestones).set({ hiddenAt: new Date() }).where(eq(milestones.id, later));
    expect((await levers())[1]).toEqual({ to_stage: "observation", levers: ["coordination"] });
  });

  it("go with their relationship, and a relationship with neither answers nor stage changes has none", async () => {
    const { db } = database;
    const { relationshipId } = await freshRelationship(db);
    expect(await summaryOf(db, relationshipId)).toBeUndefined();
    const person = await makePerson(db);
    await db.insert(barometerAnswerSets).values({ relationshipId, side: "collective", respondentId: person.userId, answers: { trust: 4 } });
    expect(await summaryOf(db, relationshipId)).toMatchObject({ widest_gap: null, until: expect.any(Number) });
    await db.delete(relationships).where(eq(relationships.id, relationshipId));
    expect(await summaryOf(db, relationshipId)).toBeUndefined();
  });
});

describe("the nightly refresh of aged readings", () => {
  const database = useTestDatabase();

  it("takes again the readings that no longer hold, and only those", async () => {
    const { db } = database;
    const [aged, current] = [await freshRelationship(db), await freshRelationship(db)];
    const [collective, authority] = [await makePerson(db), await makePerson(db)];
    for (const { relationshipId } of [aged, current]) {
      await db.insert(barometerAnswerSets).values([
        { relationshipId, side: "collective", respondentId: collective.userId, answeredAt: new Date(Date.now() - 100 * DAY), answers: { trust: 5, skills: 5 } },
        { relationshipId, side: "authority", respondentId: authority.userId, answeredAt: new Date(Date.now() - 10 * DAY), answers: { trust: 2, skills: 3 } },
      ]);
    }
    const expected = await summaryOf(db, aged.relationshipId);
    expect(expected).toMatchObject({ widest_stage: "coportage", widest_gap: 2.5 });
    // As the row would look had its oldest answer turned twelve months old since it was taken.
    await db.execute(
      sql`update relationship_summary set reading_until = now() - interval '1 hour', widest_gap = 0.5 where relationship_id = ${aged.relationshipId}`,
    );
    await db.execute(sql`update relationship_summary set widest_gap = 0.25 where relationship_id = ${current.relationshipId}`);
    expect(await refreshAgedReadings(db)).toBe(1);
    expect(await summaryOf(db, aged.relationshipId)).toEqual(expected);
    expect(await summaryOf(db, current.relationshipId)).toMatchObject({ widest_gap: 0.25 });
  });
});
