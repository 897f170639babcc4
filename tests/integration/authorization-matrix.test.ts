// The authorization matrix: every procedure of the app router and every route handler has an
// entry stating, as literal outcomes, what each kind of caller gets. Allowed calls have their
// effect asserted; denied calls leave the database unchanged.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { changeLog, memberships, organisations, projects, users } from "@/db/schema";
import { appRouter } from "@/server/api/root";
import { startDemoSession } from "@/server/services/demo";
import { databaseFingerprint } from "../support/fingerprint";
import { useTestDatabase } from "../support/db";
import {
  callerFor,
  freeCommune,
  makeAuthority,
  makeCollective,
  makePerson,
  membershipOf,
  type TestPerson,
} from "../support/factories";

const CALLERS = [
  "anonymous",
  "collectiveMember",
  "otherCollectiveMember",
  "territoryOfficial",
  "unrelatedOfficial",
  "unverifiedOfficial",
  "platformAdmin",
] as const;
type CallerKind = (typeof CALLERS)[number];
type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";

type World = Awaited<ReturnType<typeof buildWorld>>;
type Api = ReturnType<typeof callerFor>;

/** A project led by a collective in a commune with its own authority, and people around it. */
async function buildWorld(db: Database) {
  const people = {
    collectiveMember: await makePerson(db),
    otherCollectiveMember: await makePerson(db),
    territoryOfficial: await makePerson(db),
    unrelatedOfficial: await makePerson(db),
    unverifiedOfficial: await makePerson(db),
    platformAdmin: await makePerson(db, { platformAdmin: true }),
  };
  const collective = await makeCollective(db, { admin: people.collectiveMember }, "scic");
  const otherCollective = await makeCollective(db, { admin: people.otherCollectiveMember });
  const commune = await freeCommune(db, "26");
  const authority = await makeAuthority(db, commune.id, [
    { person: people.territoryOfficial, verified: true },
    { person: people.unverifiedOfficial, role: "member", office: "conseiller_municipal", verified: false },
  ]);
  const unrelatedCommune = await freeCommune(db, "42");
  await makeAuthority(db, unrelatedCommune.id, [{ person: people.unrelatedOfficial, verified: true }]);
  const created = await callerFor(db, people.collectiveMember).project.create({
    title: "Tiers-lieu de la matrice",
    summary: "",
    leadCollectiveId: collective.id,
    communeId: commune.id,
  });
  const [project] = await db.select().from(projects).where(eq(projects.id, created.id));
  if (!project) throw new Error("no project");
  const pendingMembership = await membershipOf(db, people.unverifiedOfficial.userId, authority.id);
  if (!pendingMembership) throw new Error("no pending membership");
  // A commune with no authority yet, for opening one.
  const openCommune = await freeCommune(db, "07");
  return { people, collective, otherCollective, commune, authority, project, pendingMembership, openCommune };
}

function personOf(world: World, caller: CallerKind): TestPerson | null {
  return caller === "anonymous" ? null : world.people[caller];
}

type Entry = {
  expected: Record<CallerKind, Outcome>;
  call: (api: Api, world: World) => Promise<unknown>;
  /** What an allowed call did, checked against the database or the answer. */
  effect: (args: { db: Database; world: World; caller: CallerKind; result: unknown }) => Promise<void> | void;
};

const everyone = (outcome: Outcome, overrides: Partial<Record<CallerKind, Outcome>> = {}) =>
  Object.fromEntries(CALLERS.map((caller) => [caller, overrides[caller] ?? outcome])) as Record<CallerKind, Outcome>;

const PROCEDURES: Record<string, Entry> = {
  "territory.search": {
    expected: everyone("ok"),
    call: (api, world) => api.territory.search({ query: world.commune.code }),
    effect: ({ world, result }) => {
      expect(result).toEqual(expect.arrayContaining([expect.objectContaining({ id: world.commune.id })]));
    },
  },
  "territory.get": {
    expected: everyone("ok"),
    call: (api, world) => api.territory.get({ territoryId: world.commune.id }),
    effect: ({ world, result }) => expect(result).toMatchObject({ id: world.commune.id, name: world.commune.name }),
  },
  "account.get": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.get(),
    effect: ({ world, caller, result }) => expect(result).toMatchObject({ email: personOf(world, caller)?.email }),
  },
  "account.updateProfile": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.account.updateProfile({ name: "Nom changé" }),
    effect: async ({ db, world, caller }) => {
      const [user] = await db.select().from(users).where(eq(users.id, personOf(world, caller)?.userId ?? ""));
      expect(user?.name).toBe("Nom changé");
    },
  },
  "organisation.get": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "ok",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "NOT_FOUND",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "NOT_FOUND",
      platformAdmin: "ok",
    },
    call: (api, world) => api.organisation.get({ organisationId: world.collective.id }),
    effect: ({ world, result }) =>
      expect(result).toMatchObject({
        name: world.collective.name,
        members: [expect.objectContaining({ email: world.people.collectiveMember.email })],
      }),
  },
  "organisation.createCollective": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.organisation.createCollective({ name: "Nouvelle SCOP", legalForm: "scop" }),
    effect: async ({ db, world, caller, result }) => {
      const { id } = result as { id: string };
      const membership = await membershipOf(db, personOf(world, caller)?.userId ?? "", id);
      expect(membership?.role).toBe("admin");
    },
  },
  "organisation.addMember": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "ok",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "NOT_FOUND",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "NOT_FOUND",
      platformAdmin: "ok",
    },
    call: (api, world) =>
      api.organisation.addMember({ organisationId: world.collective.id, email: "nouveau.membre@exemple.test", role: "member" }),
    effect: async ({ db, world, result }) => {
      const { userId } = result as { userId: string };
      expect((await membershipOf(db, userId, world.collective.id))?.role).toBe("member");
    },
  },
  "organisation.joinAuthority": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api, world) => api.organisation.joinAuthority({ territoryId: world.openCommune.id, office: "adjoint" }),
    effect: async ({ db, world, caller }) => {
      const [authority] = await db.select().from(organisations).where(eq(organisations.territoryId, world.openCommune.id));
      const membership = await membershipOf(db, personOf(world, caller)?.userId ?? "", authority?.id ?? "");
      expect(membership).toMatchObject({ role: "admin", office: "adjoint", verifiedAt: null });
    },
  },
  "organisation.verifyMembership": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "NOT_FOUND",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "ok",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    },
    call: (api, world) => api.organisation.verifyMembership({ membershipId: world.pendingMembership.id }),
    effect: async ({ db, world, caller }) => {
      const [membership] = await db.select().from(memberships).where(eq(memberships.id, world.pendingMembership.id));
      expect(membership?.verifiedAt).toBeInstanceOf(Date);
      expect(membership?.verifiedById).toBe(personOf(world, caller)?.userId);
    },
  },
  "organisation.pendingVerifications": {
    expected: everyone("FORBIDDEN", { anonymous: "UNAUTHORIZED", platformAdmin: "ok" }),
    call: (api) => api.organisation.pendingVerifications(),
    effect: ({ world, result }) =>
      expect(result).toEqual(
        expect.arrayContaining([expect.objectContaining({ membershipId: world.pendingMembership.id })]),
      ),
  },
  "organisation.createNetwork": {
    expected: everyone("FORBIDDEN", { anonymous: "UNAUTHORIZED", platformAdmin: "ok" }),
    call: (api) => api.organisation.createNetwork({ name: "Réseau de test", adminEmail: "moderatrice@exemple.test" }),
    effect: async ({ db, result }) => {
      const { id } = result as { id: string };
      const rows = await db
        .select({ role: memberships.role, email: users.email })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.organisationId, id));
      expect(rows).toEqual([{ role: "admin", email: "moderatrice@exemple.test" }]);
    },
  },
  "project.create": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "ok",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "NOT_FOUND",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "NOT_FOUND",
      platformAdmin: "NOT_FOUND",
    },
    call: (api, world) =>
      api.project.create({
        title: "Épicerie coopérative",
        summary: "Une épicerie tenue par ses habitants.",
        leadCollectiveId: world.collective.id,
        communeId: world.commune.id,
      }),
    effect: async ({ db, world, result }) => {
      const { id } = result as { id: string };
      const project = await callerFor(db, world.people.collectiveMember).project.get({ projectId: id });
      expect(project).toMatchObject({ title: "Épicerie coopérative", communeId: world.commune.id });
      expect(project.parties).toEqual([expect.objectContaining({ organisationId: world.collective.id, role: "lead" })]);
    },
  },
  "project.get": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "ok",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "ok",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "NOT_FOUND",
      platformAdmin: "ok",
    },
    call: (api, world) => api.project.get({ projectId: world.project.id }),
    effect: ({ caller, result }) =>
      expect(result).toMatchObject({ title: "Tiers-lieu de la matrice", canEdit: caller === "collectiveMember" }),
  },
  "project.update": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "ok",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "FORBIDDEN",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "NOT_FOUND",
      platformAdmin: "FORBIDDEN",
    },
    call: (api, world) =>
      api.project.update({ projectId: world.project.id, version: 1, changes: { title: "Tiers-lieu renommé", jobsPotential: 4 } }),
    effect: async ({ db, world, caller }) => {
      const [project] = await db.select().from(projects).where(eq(projects.id, world.project.id));
      expect(project).toMatchObject({ title: "Tiers-lieu renommé", jobsPotential: 4, version: 2 });
      const [entry] = await db.select().from(changeLog).where(and(eq(changeLog.entityId, world.project.id), eq(changeLog.version, 2)));
      expect(entry).toMatchObject({ actorId: personOf(world, caller)?.userId, action: "update" });
    },
  },
  "project.history": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "ok",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "ok",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "NOT_FOUND",
      platformAdmin: "ok",
    },
    call: (api, world) => api.project.history({ projectId: world.project.id }),
    effect: ({ world, result }) =>
      expect(result).toEqual([
        expect.objectContaining({ action: "create", entityId: world.project.id, actorEmail: world.people.collectiveMember.email }),
      ]),
  },
  "project.listMine": {
    expected: everyone("ok", { anonymous: "UNAUTHORIZED" }),
    call: (api) => api.project.listMine(),
    effect: ({ world, caller, result }) => {
      const ids = (result as { id: string }[]).map((project) => project.id);
      if (caller === "collectiveMember") expect(ids).toContain(world.project.id);
      else expect(ids).not.toContain(world.project.id);
    },
  },
  "project.listForTerritory": {
    expected: {
      anonymous: "UNAUTHORIZED",
      collectiveMember: "NOT_FOUND",
      otherCollectiveMember: "NOT_FOUND",
      territoryOfficial: "ok",
      unrelatedOfficial: "NOT_FOUND",
      unverifiedOfficial: "FORBIDDEN",
      platformAdmin: "ok",
    },
    call: (api, world) => api.project.listForTerritory({ authorityId: world.authority.id }),
    effect: ({ world, result }) => {
      const { projects } = result as { projects: { id: string }[] };
      expect(projects.map((project) => project.id)).toEqual([world.project.id]);
    },
  },
};

/** Route handlers outside tRPC, by their folder under app/. */
const ROUTE_HANDLERS: Record<string, { access: string; check?: () => Promise<void> }> = {
  "api/trpc/[trpc]": { access: "every procedure, through the matrix above" },
  "api/auth/[...nextauth]": { access: "Auth.js: sign-in, callback, session and sign-out for anyone" },
  "api/demo/connexion": { access: "demo mode only: 404 without it; anyone may pick a demo person with it" },
};

function listRouteHandlers(directory: string, base = directory): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return listRouteHandlers(full, base);
    return /^route\.(ts|tsx)$/.test(entry) ? [path.relative(base, directory).split(path.sep).join("/")] : [];
  });
}

async function outcomeOf(promise: Promise<unknown>): Promise<{ outcome: Outcome; result: unknown }> {
  try {
    return { outcome: "ok", result: await promise };
  } catch (error) {
    if (error instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(error.code)) {
      return { outcome: error.code as Outcome, result: error };
    }
    throw error;
  }
}

describe("authorization matrix", () => {
  const database = useTestDatabase();

  it("has an entry for every procedure of the app router, and none for a procedure that is gone", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(PROCEDURES).sort()).toEqual(procedures);
  });

  it("has an entry for every route handler under app/", () => {
    const handlers = listRouteHandlers(path.join(process.cwd(), "app")).sort();
    expect(Object.keys(ROUTE_HANDLERS).sort()).toEqual(handlers);
  });

  for (const [procedure, entry] of Object.entries(PROCEDURES)) {
    expect(Object.values(entry.expected)).toContain("ok");
    describe(procedure, () => {
      for (const caller of CALLERS) {
        const expected = entry.expected[caller];
        it(`${caller} → ${expected}`, async () => {
          const db = database.db;
          const world = await buildWorld(db);
          const api = callerFor(db, personOf(world, caller));
          const before = expected === "ok" ? null : await databaseFingerprint(db);
          const { outcome, result } = await outcomeOf(entry.call(api, world));
          expect(outcome).toBe(expected);
          if (expected === "ok") await entry.effect({ db, world, caller, result });
          else expect(await databaseFingerprint(db)).toEqual(before);
        });
      }
    });
  }

  describe("api/demo/connexion", () => {
    it("answers 404 without demo mode, whoever asks", async () => {
      const db = database.db;
      const before = await databaseFingerprint(db);
      const answer = await startDemoSession(db, { demoMode: false, email: "elise.morel@demo.maillage.test" });
      expect(answer).toEqual({ status: 404 });
      expect(await databaseFingerprint(db)).toEqual(before);
    });

    it("opens a session for a demo person in demo mode, and for nobody else", async () => {
      const db = database.db;
      const person = await makePerson(db);
      const refused = await startDemoSession(db, { demoMode: true, email: person.email });
      expect(refused).toEqual({ status: 404 });
      await db.insert(users).values({ email: "camille.roux@demo.maillage.test", name: "Camille Roux" }).onConflictDoNothing();
      const answer = await startDemoSession(db, { demoMode: true, email: "camille.roux@demo.maillage.test" });
      expect(answer.status).toBe(200);
      if (answer.status !== 200) return;
      const [session] = await db.query.sessions.findMany({
        where: (sessions, { eq: equals }) => equals(sessions.sessionToken, answer.sessionToken),
      });
      expect(session?.expires.getTime()).toBeGreaterThan(Date.now());
      const [owner] = await db.select().from(users).where(and(eq(users.id, session?.userId ?? "")));
      expect(owner?.email).toBe("camille.roux@demo.maillage.test");
    });
  });
});
