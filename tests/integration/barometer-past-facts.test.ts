// « Il n'y a pas eu de lien dès le début » is a fact of the past: a side answers it once, and once
// the sides have worked together it leaves the Défiance mean — on the project page and in the
// dashboard's summaries alike.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { barometerAnswerSets, relationshipSummaries } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor } from "../support/factories";
import { buildWorld } from "../support/world";

describe("the barometer's past facts", () => {
  const database = useTestDatabase();

  it("are answered once per side, then leave the Défiance mean after a confirmed milestone of working together", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    const asCoHolder = callerFor(db, world.people.coHolderMember);
    const asMayor = callerFor(db, world.people.partyOfficial);
    await asCollective.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: { noEarlyLink: 5, holdersDistrust: 1 } });
    // Another person of the same side, later, cannot change what the side said of its past.
    await asCoHolder.barometer.answer({ relationshipId: world.relationshipId, as: "collective", answers: { noEarlyLink: 1, holdersDistrust: 1 } });
    const sets = await db.select().from(barometerAnswerSets).where(eq(barometerAnswerSets.relationshipId, world.relationshipId));
    expect(sets.map((set) => set.answers.noEarlyLink)).toEqual([5, 5]);
    await asMayor.barometer.answer({ relationshipId: world.relationshipId, as: "authority", answers: { noEarlyLink: 2, holdersDistrust: 2 } });

    const reading = async () => (await asCollective.project.overview({ projectId: world.project.id })).relationships[0]?.barometer;
    expect(await reading()).toMatchObject({
      pastFactsSettled: false,
      pastFacts: { collective: { noEarlyLink: { score: 5 } }, authority: { noEarlyLink: { score: 2 } } },
      collective: { stages: { defiance: 3 } },
      authority: { stages: { defiance: 2 } },
    });
    const summary = async () => (await db.select().from(relationshipSummaries).where(eq(relationshipSummaries.relationshipId, world.relationshipId)))[0];
    expect(await summary()).toMatchObject({ widestStage: "defiance", widestGap: 1 });

    // A first seed action, recorded by the collective and confirmed by the commune: they have worked together.
    const { milestoneId } = await asCollective.milestone.create({
      projectId: world.project.id,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "first_seed_action",
      title: "Premier chantier partagé",
      occursOn: "2026-06-01",
      status: "done",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    expect((await reading())?.pastFactsSettled).toBe(false);
    await asMayor.milestone.confirm({ milestoneId, relationshipId: world.relationshipId, comment: "" });
    const settled = await reading();
    expect(settled).toMatchObject({
      pastFactsSettled: true,
      collective: { indicators: { noEarlyLink: 5 }, stages: { defiance: 1 } },
      authority: { indicators: { noEarlyLink: 2 }, stages: { defiance: 2 } },
    });
    // The summaries the dashboard reads follow, refreshed by the confirmation itself.
    expect(await summary()).toMatchObject({ widestStage: "defiance", widestGap: 1 });
    await asMayor.barometer.answer({ relationshipId: world.relationshipId, as: "authority", answers: { noEarlyLink: 5, holdersDistrust: 1 } });
    expect((await summary())?.widestGap).toBe(0);
  });
});
