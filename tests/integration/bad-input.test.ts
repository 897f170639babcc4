// Bad input, property-based: for every mutation, 1,000 generated inputs — valid ones, valid ones
// with one field made hostile (wrong type, huge, NUL byte, lone surrogate, null…), extra keys, and
// plain junk. None may end in an internal error; every refusal is a validation error naming the
// field, in French; and valid inputs succeed, so that turning every failure into a validation
// error would not pass. Each call runs in a transaction rolled back afterwards: one world serves
// all of them. Run on one database only (PGlite), to keep CI short.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { z, ZodError, type ZodType } from "zod";
import type { Database } from "@/db";
import { memberships, notifications } from "@/db/schema";
import { appRouter, createCaller } from "@/server/api/root";
import { DomainError } from "@/server/errors";
import { useTestDatabase } from "../support/db";
import { databaseFingerprint } from "../support/fingerprint";
import { expectNoInternals } from "../support/internals";
import { callerFor, makePerson } from "../support/factories";
import { buildWorld, pendingHandover, pendingInvitation, pendingProposal, type CallerKind, type World } from "../support/world";
import { validArbitrary } from "../support/zod-arbitrary";

const RUNS_PER_MUTATION = 1_000;

type Input = Record<string, unknown>;
type Fixture = { world: World; ids: Record<string, string>; notificationIds: string[] };

/** The comment or the milestone of the fixture, whichever the generated input names. */
const contentOf = (input: Input, { world, ids }: Fixture) => (input.kind === "comment" ? ids.commentId : world.milestoneId);

/**
 * For each mutation: who calls it, and how a generated valid input is pinned to this world (ids of
 * existing records, the current version, a stage other than the current one…).
 */
const MUTATIONS: Record<
  string,
  {
    caller: CallerKind;
    pin?: (input: Input, fixture: Fixture) => Input;
    /** Run inside the rolled-back transaction, before the call: what this one call needs. */
    before?: (tx: Database, fixture: Fixture) => Promise<unknown>;
  }
> = {
  "account.updateProfile": { caller: "collectiveMember" },
  "account.setName": { caller: "collectiveMember" },
  "account.setEmailPreference": { caller: "collectiveMember" },
  "account.delete": { caller: "platformAdmin", pin: (input, { world }) => ({ ...input, confirmEmail: world.people.platformAdmin.email }) },
  "barometer.answer": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, relationshipId: world.relationshipId, as: "collective" }) },
  "comment.add": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({
      ...input,
      projectId: world.project.id,
      mentionIds: (input.mentionIds as unknown[] | undefined)?.length ? [world.people.partyOfficial.userId] : [],
    }),
  },
  "comment.edit": { caller: "collectiveMember", pin: (input, { ids }) => ({ ...input, commentId: ids.commentId, version: 1 }) },
  "comment.delete": { caller: "collectiveMember", pin: (input, { ids }) => ({ ...input, commentId: ids.commentId }) },
  "follow.set": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, projectId: world.project.id }) },
  "follow.markVisited": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, projectId: world.project.id }) },
  "invitation.send": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, projectId: world.project.id, authorityId: world.authority.id }) },
  "invitation.sendToCollective": { caller: "holdingModerator", pin: (input, { world }) => ({ ...input, projectId: world.project.id }) },
  "portfolio.answerHandover": { caller: "collectiveMember", pin: (input, { ids }) => ({ ...input, handoverId: ids.handoverId }) },
  "invitation.resend": { caller: "collectiveMember", pin: (input, { ids }) => ({ ...input, invitationId: ids.invitationId }) },
  "invitation.revoke": { caller: "collectiveMember", pin: (input, { ids }) => ({ ...input, invitationId: ids.invitationId }) },
  "notification.markRead": {
    caller: "partyOfficial",
    pin: (input, { notificationIds }) => ({ ...input, ids: input.ids === undefined ? undefined : notificationIds.slice(0, (input.ids as unknown[]).length) }),
  },
  "milestone.create": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, as: "collective", relationshipIds: [world.relationshipId] }),
  },
  "milestone.update": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, milestoneId: world.milestoneId, version: 1 }) },
  "milestone.withdraw": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, milestoneId: world.milestoneId, version: 1 }) },
  "milestone.confirm": {
    caller: "partyOfficial",
    pin: (input, { world }) => ({ ...input, milestoneId: world.milestoneId, relationshipId: world.relationshipId }),
  },
  "milestone.contest": {
    caller: "partyOfficial",
    pin: (input, { world }) => ({ ...input, milestoneId: world.milestoneId, relationshipId: world.relationshipId }),
  },
  "party.addAuthority": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, territoryId: world.openCommune.id }),
  },
  "party.endRelationship": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, relationshipId: world.relationshipId, as: "authority" }) },
  "project.setStatus": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, projectId: world.project.id }) },
  "party.requestNetwork": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, networkId: world.otherNetwork.id }),
  },
  "party.decideNetwork": {
    caller: "otherModerator",
    before: (tx, { world }) =>
      callerFor(tx, world.people.collectiveMember).party.requestNetwork({ projectId: world.project.id, networkId: world.otherNetwork.id }),
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, networkId: world.otherNetwork.id }),
  },
  "holder.invite": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({
      ...input,
      projectId: world.project.id,
      structure:
        input.structure && "territoryId" in (input.structure as Input) ? { territoryId: world.openCommune.id } : { collectiveId: world.otherCollective.id },
    }),
  },
  "holder.answer": {
    caller: "otherCollectiveMember",
    before: (tx, { world }) =>
      callerFor(tx, world.people.collectiveMember).holder.invite({ projectId: world.project.id, structure: { collectiveId: world.otherCollective.id } }),
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, organisationId: world.otherCollective.id }),
  },
  "holder.leave": { caller: "coHolderMember", pin: (input, { world }) => ({ ...input, projectId: world.project.id, organisationId: world.coHolder.id }) },
  "holder.withdrawInvitation": {
    caller: "collectiveMember",
    before: (tx, { world }) =>
      callerFor(tx, world.people.collectiveMember).holder.invite({ projectId: world.project.id, structure: { collectiveId: world.otherCollective.id } }),
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, organisationId: world.otherCollective.id }),
  },
  "holder.setContact": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, organisationId: world.coHolder.id }),
  },
  "stage.propose": {
    caller: "partyOfficial",
    // One proposal at a time: the one waiting in this world is withdrawn first.
    before: (tx, { world, ids }) => callerFor(tx, world.people.collectiveMember).stage.withdraw({ stageChangeId: ids.stageChangeId ?? "", comment: "" }),
    pin: (input, { world }) => ({
      ...input,
      relationshipId: world.relationshipId,
      as: "authority",
      toStage: input.toStage === "observation" ? "collaboration" : input.toStage,
      milestoneIds: input.milestoneIds === undefined ? undefined : (input.milestoneIds as unknown[]).length > 0 ? [world.milestoneId] : [],
    }),
  },
  "stage.confirm": { caller: "partyOfficial", pin: (input, { ids }) => ({ ...input, stageChangeId: ids.stageChangeId }) },
  "stage.decline": { caller: "partyOfficial", pin: (input, { ids }) => ({ ...input, stageChangeId: ids.stageChangeId }) },
  "stage.withdraw": { caller: "collectiveMember", pin: (input, { ids }) => ({ ...input, stageChangeId: ids.stageChangeId }) },
  "stage.addMediationNote": { caller: "holdingModerator", pin: (input, { ids }) => ({ ...input, stageChangeId: ids.stageChangeId }) },
  "moderation.report": { caller: "collectiveMember", pin: (input, fixture) => ({ ...input, contentId: contentOf(input, fixture) }) },
  "moderation.hide": { caller: "holdingModerator", pin: (input, fixture) => ({ ...input, contentId: contentOf(input, fixture) }) },
  "moderation.restore": {
    caller: "holdingModerator",
    before: (tx, { world }) =>
      callerFor(tx, world.people.holdingModerator).moderation.hide({ kind: "milestone", contentId: world.milestoneId, reason: "Propos déplacés." }),
    pin: (input, { world }) => ({ ...input, kind: "milestone", contentId: world.milestoneId }),
  },
  "moderation.dismiss": { caller: "holdingModerator", pin: (input, { ids }) => ({ ...input, reportId: ids.reportId }) },
  "moderation.addMilestoneNote": {
    caller: "holdingModerator",
    before: (tx, { world }) =>
      callerFor(tx, world.people.partyOfficial).milestone.contest({
        milestoneId: world.milestoneId,
        relationshipId: world.relationshipId,
        comment: "Pas de rencontre ce jour-là.",
      }),
    pin: (input, { world }) => ({ ...input, milestoneId: world.milestoneId, relationshipId: world.relationshipId }),
  },
  "portfolio.invite": { caller: "platformAdmin", pin: (input, { world }) => ({ ...input, networkId: world.otherNetwork.id, projectId: world.project.id }) },
  "portfolio.answerInvitation": {
    caller: "collectiveMember",
    before: (tx, { world }) => callerFor(tx, world.people.platformAdmin).portfolio.invite({ networkId: world.otherNetwork.id, projectId: world.project.id }),
    pin: (input, { world }) => ({ ...input, projectId: world.project.id, networkId: world.otherNetwork.id }),
  },
  "portfolio.leave": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, projectId: world.project.id, networkId: world.holdingNetwork.id }) },
  "portfolio.setStuckAfter": { caller: "holdingModerator", pin: (input, { world }) => ({ ...input, networkId: world.holdingNetwork.id }) },
  "organisation.createCollective": { caller: "collectiveMember" },
  "organisation.addMember": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({ ...input, organisationId: world.collective.id, role: input.role === "moderator" ? "member" : input.role, office: undefined }),
  },
  "organisation.joinAuthority": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, territoryId: world.openCommune.id }) },
  "organisation.verifyMembership": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, membershipId: world.pendingMembership.id }) },
  "organisation.remindVerifiers": { caller: "unverifiedPartyOfficial", pin: (input, { world }) => ({ ...input, membershipId: world.pendingMembership.id }) },
  "organisation.refuseMembership": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, membershipId: world.pendingMembership.id }) },
  "organisation.changeOffice": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, membershipId: world.pendingMembership.id }) },
  "organisation.removeMember": { caller: "partyOfficial", pin: (input, { world }) => ({ ...input, membershipId: world.pendingMembership.id }) },
  "organisation.createNetwork": { caller: "platformAdmin" },
  "project.create": {
    caller: "collectiveMember",
    pin: (input, { world }) => ({ ...input, contactHolderId: world.collective.id, communeId: world.commune.id }),
  },
  "project.update": {
    caller: "collectiveMember",
    pin: (input, { world }) => {
      const changes = { ...(input.changes as Input) };
      if (changes.communeIds !== undefined) changes.communeIds = [world.commune.id];
      // Making a file public goes through a request: the form offers only the other two.
      return { ...input, projectId: world.project.id, version: 1, changes };
    },
  },
  "project.requestPublic": { caller: "collectiveMember", pin: (input, { world }) => ({ ...input, projectId: world.project.id }) },
  "project.reviewPublic": {
    caller: "holdingModerator",
    before: (tx, { world }) => callerFor(tx, world.people.collectiveMember).project.requestPublic({ projectId: world.project.id }),
    pin: (input, { world }) => ({ ...input, projectId: world.project.id }),
  },
};

// ── Hostile values ────────────────────────────────────────────────────────────────────────────
const hostileText = fc.oneof(
  fc.constant(""),
  fc.constant("   "),
  fc.string().map((text) => `${text}\u0000${text}`),
  fc.constant("\uD800"),
  fc.constant("a\uDC00b"),
  fc.constant("é".repeat(100_000)),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constant("<script>alert(1)</script>"),
  fc.constant("javascript:alert(1)"),
  fc.constant("'; drop table project; --"),
  fc.constant("\u202Eevil"),
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  hostileText,
  fc.anything({ maxDepth: 2 }),
  fc.constantFrom(null, undefined, true, 0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, Number.MIN_SAFE_INTEGER),
  fc.bigInt(),
  fc.date(),
  fc.array(hostileText, { maxLength: 300 }),
  fc.dictionary(fc.string(), hostileText, { maxKeys: 3 }),
);
const FORBIDDEN_KEYS = ["stage", "role", "organisationId", "isAdmin", "isPlatformAdmin", "userId", "status", "version"];

/** The paths of a value's fields, objects and arrays included: where one can be spoiled. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => [[...prefix, index], ...pathsOf(item, [...prefix, index])]);
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...pathsOf(item, [...prefix, key])]);
  }
  return [];
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as Input) }) as Record<string | number, unknown>;
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}

type Case = { kind: "valid" | "spoiled" | "extraKey" | "junk"; input: unknown };

function casesFor(schema: ZodType, pin: (input: Input) => Input): fc.Arbitrary<Case> {
  const valid = validArbitrary(schema).map((input) => pin(input as Input));
  return fc.oneof(
    { weight: 2, arbitrary: valid.map((input): Case => ({ kind: "valid", input })) },
    {
      weight: 10,
      arbitrary: fc.tuple(valid, fc.nat(), hostile).map(([input, index, value]): Case => {
        const paths = pathsOf(input);
        const path = paths.length > 0 ? paths[index % paths.length] : [];
        return { kind: "spoiled", input: path && path.length > 0 ? replaceAt(input, path, value) : value };
      }),
    },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.constantFrom(...FORBIDDEN_KEYS), fc.anything({ maxDepth: 1 }), fc.boolean()).map(([input, key, value, nested]): Case => {
        const target =
          nested && input.changes && typeof input.changes === "object"
            ? { ...input, changes: { ...(input.changes as Input), [key]: value } }
            : { ...input, [key]: value };
        return { kind: "extraKey", input: target };
      }),
    },
    { weight: 2, arbitrary: fc.oneof(fc.anything({ maxDepth: 3 }), hostile).map((input): Case => ({ kind: "junk", input })) },
  );
}

const ROLLBACK = Symbol("rollback");
type Outcome = { ok: true } | { ok: false; error: unknown };

/** Calls the procedure inside a transaction that is always rolled back, and returns what it answered. */
async function callAndRollBack(
  db: Database,
  caller: { userId: string; isPlatformAdmin: boolean },
  procedure: string,
  input: unknown,
  before?: (tx: Database) => Promise<unknown>,
): Promise<Outcome> {
  let outcome = { ok: true } as Outcome;
  try {
    await db.transaction(async (tx) => {
      await before?.(tx as Database);
      const api = createCaller({ db: tx, actor: caller, locale: "fr" }) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
      const [router, name] = procedure.split(".") as [string, string];
      try {
        await api[router]?.[name]?.(input);
      } catch (error) {
        outcome = { ok: false, error };
      }
      throw ROLLBACK;
    });
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return outcome;
}

const ENGLISH = /^(Invalid|Expected|Too (big|small)|Unrecognized|Required)/;
/** zod's own French, which names neither the field nor what to do: « Trop petit : chaîne de caractères doit avoir >=2 caractères ». */
const ZOD_FRENCH = /^(Trop (petit|grand)|Entrée invalide|Option invalide|Clé non reconnue|Format invalide)|doit (avoir|être) [<>]=/;

function assertValidationError(error: unknown, input: unknown) {
  expect(error).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect(trpcError.code).toBe("BAD_REQUEST");
  expect(trpcError.cause).toBeInstanceOf(ZodError);
  const { formErrors, fieldErrors } = z.flattenError(trpcError.cause as ZodError);
  const named = Object.keys(fieldErrors);
  const messages = [...formErrors, ...Object.values(fieldErrors).flat()] as string[];
  expect(messages.length).toBeGreaterThan(0);
  for (const message of messages) {
    expect(message).not.toMatch(ENGLISH);
    expect(message).not.toMatch(ZOD_FRENCH);
  }
  if (input && typeof input === "object" && !Array.isArray(input) && !(input instanceof Date)) {
    // An object: the error names one of its fields, or the key that has no business there.
    const keys = Object.keys(input);
    const namesAField = named.some((field) => keys.includes(field));
    const namesAnUnknownKey = formErrors.some((message) => keys.some((key) => message.includes(key)));
    const namesAMissingField = named.length > 0;
    expect(namesAField || namesAnUnknownKey || namesAMissingField).toBe(true);
  }
}

describe.skipIf(process.env.TEST_DATABASE_URL)("bad input, property-based", () => {
  const database = useTestDatabase();
  let fixture: Fixture;

  beforeAll(async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const { stageChangeId } = await pendingProposal(db, world);
    const { invitationId } = await pendingInvitation(db, world);
    const { handoverId } = await pendingHandover(db, world);
    const { commentId } = await callerFor(db, world.people.collectiveMember).comment.add({ projectId: world.project.id, body: "Premier jet", mentionIds: [] });
    // Every organisation keeps an administrator when the platform admin deletes their account.
    await db.insert(memberships).values({ organisationId: world.collective.id, userId: (await makePerson(db)).userId, role: "admin" });
    const { reportId } = await callerFor(db, world.people.partyOfficial).moderation.report({ kind: "comment", contentId: commentId, reason: "Hors sujet." });
    const notificationIds = (
      await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, world.people.partyOfficial.userId))
    ).map((row) => row.id);
    fixture = { world, ids: { stageChangeId, invitationId, commentId, reportId, handoverId }, notificationIds };
  });

  it("covers every mutation that takes an input", () => {
    const definitions = appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: unknown[] } }>;
    const withInput = Object.entries(definitions)
      .filter(([, procedure]) => procedure._def.type === "mutation" && procedure._def.inputs.length > 0)
      .map(([name]) => name)
      .sort();
    expect(Object.keys(MUTATIONS).sort()).toEqual(withInput);
  });

  for (const [procedure, { caller, pin, before }] of Object.entries(MUTATIONS)) {
    it(`${procedure}: ${RUNS_PER_MUTATION} generated inputs, no internal error, refusals name the field`, async () => {
      const db = database.db;
      const definitions = appRouter._def.procedures as unknown as Record<string, { _def: { inputs: ZodType[] } }>;
      const schema = definitions[procedure]?._def.inputs[0];
      if (!schema) throw new Error(`no input schema for ${procedure}`);
      const person = fixture.world.people[caller as Exclude<CallerKind, "anonymous">];
      const untouched = await databaseFingerprint(db);
      const counts = { valid: 0, spoiled: 0, extraKey: 0, junk: 0, succeeded: 0, refusedByRule: 0 };
      await fc.assert(
        fc.asyncProperty(
          casesFor(schema, (input) => (pin ? pin(input, fixture) : input)),
          async ({ kind, input }) => {
            counts[kind]++;
            const outcome = await callAndRollBack(db, person, procedure, input, before && ((tx) => before(tx, fixture)));
            const accepted = schema.safeParse(input).success;
            if (!accepted) {
              expect(outcome.ok).toBe(false);
              if (!outcome.ok) assertValidationError(outcome.error, input);
              return;
            }
            if (kind === "valid") {
              // A valid input pinned to this world goes through.
              if (!outcome.ok) throw new Error(`valid input refused: ${String((outcome.error as Error).message)}\n${JSON.stringify(input).slice(0, 500)}`);
              counts.succeeded++;
              return;
            }
            // Valid by the schema once spoiled (a random id, another string): a rule of the app may
            // refuse it, in its own words — never an internal error, never a validation error.
            if (!outcome.ok) {
              expect(outcome.error).toBeInstanceOf(TRPCError);
              expect((outcome.error as TRPCError).cause).toBeInstanceOf(DomainError);
              expectNoInternals((outcome.error as TRPCError).message);
              counts.refusedByRule++;
            } else counts.succeeded++;
          },
        ),
        { numRuns: RUNS_PER_MUTATION },
      );
      expect(counts.valid).toBeGreaterThan(0);
      expect(counts.valid + counts.spoiled + counts.extraKey + counts.junk).toBe(RUNS_PER_MUTATION);
      // Nothing of the thousand calls remained: each was rolled back.
      expect(await databaseFingerprint(db)).toEqual(untouched);
    });
  }
});
