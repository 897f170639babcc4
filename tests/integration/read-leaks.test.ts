// What one read refuses a caller, no other read tells them: for random projects, visibilities and
// moderation states, every read procedure's answer is searched for the secrets that project.get,
// comment.list and the overview withhold from that caller.
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { projects } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, type TestPerson } from "../support/factories";
import { buildWorld, CALLERS, personOf, type Api, type CallerKind, type World } from "../support/world";

type Scenario = {
  visibility: "parties" | "territory" | "public";
  comments: { author: "collectiveMember" | "partyOfficial"; state: "shown" | "hidden" | "deleted"; mention: boolean }[];
  milestones: { hidden: boolean }[];
};

const scenario: fc.Arbitrary<Scenario> = fc.record({
  visibility: fc.constantFrom("parties", "territory", "public"),
  comments: fc.array(
    fc.record({
      author: fc.constantFrom("collectiveMember", "partyOfficial"),
      state: fc.constantFrom("shown", "hidden", "deleted"),
      mention: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  milestones: fc.array(fc.record({ hidden: fc.boolean() }), { maxLength: 2 }),
});

/** Every read that takes a project, and the reads of one's own inbox and lists, as this caller. */
const READS: Record<string, (api: Api, world: World) => Promise<unknown>> = {
  "project.get": (api, world) => api.project.get({ projectId: world.project.id }),
  "project.overview": (api, world) => api.project.overview({ projectId: world.project.id }),
  "project.history": (api, world) => api.project.history({ projectId: world.project.id }),
  "project.listMine": (api) => api.project.listMine(),
  "comment.list": (api, world) => api.comment.list({ projectId: world.project.id }),
  "comment.mentionable": (api, world) => api.comment.mentionable({ projectId: world.project.id }),
  "invitation.list": (api, world) => api.invitation.list({ projectId: world.project.id }),
  "notification.list": (api) => api.notification.list(),
  "follow.list": (api) => api.follow.list(),
  "moderation.queue": (api) => api.moderation.queue(),
  "moderation.contested": (api) => api.moderation.contested(),
  "account.exportData": (api) => api.account.exportData(),
};

async function answerOf(call: Promise<unknown>): Promise<string> {
  try {
    return JSON.stringify(await call);
  } catch (error) {
    if (error instanceof TRPCError) return "";
    throw error;
  }
}

/** Builds the scenario on a fresh world; returns the secrets written, each once, by kind. */
async function plant(db: Database, world: World, plan: Scenario, run: number) {
  const asCollective = callerFor(db, world.people.collectiveMember);
  const asModerator = callerFor(db, world.people.holdingModerator);
  const contact = `Contact-secret-${run}`;
  const [file] = await db.select({ version: projects.version }).from(projects).where(eq(projects.id, world.project.id));
  await asCollective.project.update({
    projectId: world.project.id,
    version: file?.version ?? 1,
    changes: { contacts: [{ name: contact, role: "trésorière", email: `tresoriere-${run}@collectif.test` }] },
  });
  const comments: { body: string; author: CallerKind }[] = [];
  for (const [index, planned] of plan.comments.entries()) {
    const body = `Commentaire-secret-${run}-${index}`;
    comments.push({ body, author: planned.author });
    const asAuthor = callerFor(db, world.people[planned.author]);
    const mentioned = planned.author === "collectiveMember" ? world.people.partyOfficial : world.people.collectiveMember;
    const { commentId } = await asAuthor.comment.add({ projectId: world.project.id, body, mentionIds: planned.mention ? [mentioned.userId] : [] });
    if (planned.state === "hidden") await asModerator.moderation.hide({ kind: "comment", contentId: commentId, reason: "Propos déplacés." });
    if (planned.state === "deleted") await asAuthor.comment.delete({ commentId });
  }
  const milestones: string[] = [];
  for (const [index, planned] of plan.milestones.entries()) {
    const title = `Jalon-secret-${run}-${index}`;
    milestones.push(title);
    const { milestoneId } = await asCollective.milestone.create({
      projectId: world.project.id,
      as: "collective",
      relationshipIds: [world.relationshipId],
      kind: "joint_event",
      title,
      occursOn: "2026-04-02",
      status: "done",
      description: "",
      evidenceLinks: [],
      levers: [],
    });
    if (planned.hidden) await asModerator.moderation.hide({ kind: "milestone", contentId: milestoneId, reason: "Inexact." });
  }
  await db.update(projects).set({ visibility: plan.visibility }).where(eq(projects.id, world.project.id));
  return { contact, comments, milestones };
}

/**
 * The secrets the reference reads refuse this caller: what they do not return, it must not learn
 * elsewhere. One's own words are no secret to oneself (the author of a hidden comment is told).
 */
async function refusedTo(api: Api, world: World, caller: CallerKind, secrets: Awaited<ReturnType<typeof plant>>) {
  const file = await answerOf(api.project.get({ projectId: world.project.id }));
  const thread = await answerOf(api.comment.list({ projectId: world.project.id }));
  const overview = await answerOf(api.project.overview({ projectId: world.project.id }));
  return [
    ...(file.includes(secrets.contact) ? [] : [secrets.contact]),
    ...secrets.comments.filter(({ body, author }) => author !== caller && !thread.includes(body)).map(({ body }) => body),
    // The collective's member records the milestones.
    ...secrets.milestones.filter((title) => caller !== "collectiveMember" && !overview.includes(title)),
  ];
}

describe("no read tells a caller what the reference reads refuse them", () => {
  const database = useTestDatabase();

  it("holds for random projects, visibilities and moderation states, for every kind of caller", async () => {
    const db = database.db;
    let run = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async (plan) => {
        run += 1;
        const world = await buildWorld(db);
        const secrets = await plant(db, world, plan, run);
        for (const caller of CALLERS) {
          const person: TestPerson | null = personOf(world, caller);
          const api = callerFor(db, person);
          const refused = await refusedTo(api, world, caller, secrets);
          for (const [read, call] of Object.entries(READS)) {
            const answer = await answerOf(call(api, world));
            const told = refused.filter((secret) => answer.includes(secret));
            expect({ caller, read, told }).toEqual({ caller, read, told: [] as string[] });
          }
        }
      }),
      { numRuns: 10 },
    );
    // Each run builds a world and makes some 150 calls: minutes on a loaded two-core machine.
  }, 240_000);

  it("tells a reader of a public project nothing of its contacts, discussion or people's addresses through the history", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const secrets = await plant(
      db,
      world,
      { visibility: "public", comments: [{ author: "partyOfficial", state: "shown", mention: false }], milestones: [] },
      0,
    );
    const stranger: CallerKind = "otherCollectiveMember";
    const history = await callerFor(db, personOf(world, stranger)).project.history({ projectId: world.project.id });
    const text = JSON.stringify(history);
    expect(history.length).toBeGreaterThan(0);
    expect(text).not.toContain(secrets.contact);
    expect(text).not.toContain(secrets.comments[0]?.body);
    for (const person of Object.values(world.people)) expect(text).not.toContain(person.email);
    // The parties still read the whole of it.
    const asParty = JSON.stringify(await callerFor(db, world.people.collectiveMember).project.history({ projectId: world.project.id }));
    expect(asParty).toContain(secrets.contact);
    expect(asParty).toContain(secrets.comments[0]?.body);
  });
});
