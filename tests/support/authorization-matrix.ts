// The authorization matrix's harness: every procedure of the app router has an entry stating, as
// literal outcomes, what each kind of caller gets — the queries' entries in
// tests/integration/authorization-matrix-queries.test.ts, the mutations' in -mutations.test.ts, each
// file on its own database so that two workers share the matrix. Allowed calls have their effect
// asserted; denied calls leave the database unchanged. Route handlers are listed here.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { env } from "@/server/env";
import { changeLog, notifications, users } from "@/db/schema";
import { appRouter } from "@/server/api/root";
import { startDemoSession } from "@/server/services/demo";
import { answerCouncilPackRequest } from "@/server/http/council-pack-file";
import { answerExportRequest, answerImportRequest } from "@/server/http/portfolio-files";
import { databaseFingerprint } from "./fingerprint";
import { callerFor, makePerson, type TestPerson } from "./factories";
import { buildWorld, CALLERS, personOf, type Api, type CallerKind, type World } from "./world";

export type Outcome = "ok" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND";

export type Entry = {
  expected: Record<CallerKind, Outcome>;
  /** Sets up what the call needs beyond the shared world; its result is passed to `call`. */
  prepare?: (db: Database, world: World) => Promise<Record<string, string>>;
  call: (api: Api, world: World, caller: CallerKind, prepared: Record<string, string>) => Promise<unknown>;
  /** What an allowed call did, checked against the database or the answer. */
  effect: (args: { db: Database; world: World; caller: CallerKind; result: unknown; prepared: Record<string, string> }) => Promise<void> | void;
  /** Why this mutation, alone, leaves no audit row (the call's log must then stay as it was). */
  unaudited?: string;
};

export const everyone = (outcome: Outcome, overrides: Partial<Record<CallerKind, Outcome>> = {}) =>
  Object.fromEntries(CALLERS.map((caller) => [caller, overrides[caller] ?? outcome])) as Record<CallerKind, Outcome>;

/**
 * Who reads the project: the parties, the territory's verified officials, admins. An unverified
 * member of a party authority is not one of them: until verified, a signed-in stranger.
 */
export const READERS: CallerKind[] = ["collectiveMember", "coHolderMember", "partyOfficial", "territoryOfficial", "holdingModerator", "platformAdmin"];

/** Readers may read; among them `allowed` act, the other readers are refused; non-readers see nothing. */
export function projectAction(allowed: CallerKind[]): Record<CallerKind, Outcome> {
  return Object.fromEntries(
    CALLERS.map((caller) => [
      caller,
      caller === "anonymous" ? "UNAUTHORIZED" : allowed.includes(caller) ? "ok" : READERS.includes(caller) ? "FORBIDDEN" : "NOT_FOUND",
    ]),
  ) as Record<CallerKind, Outcome>;
}

export const readProject = (anonymous: Outcome) => ({ ...projectAction(READERS), anonymous });

/** Route handlers outside tRPC, by their folder under app/. */
const ROUTE_HANDLERS: Record<string, { access: string; check?: () => Promise<void> }> = {
  "api/trpc/[trpc]": { access: "every procedure, through the matrix's entries" },
  "api/auth/[...nextauth]": { access: "Auth.js: sign-in, callback, session and sign-out for anyone" },
  "api/demo/connexion": { access: "demo mode only: 404 without it; anyone may pick a demo person with it" },
  "api/invitation/[token]": { access: "whoever holds a valid invitation link, from a page of this site (tests/integration/invitations.test.ts)" },
  "api/desabonnement": { access: "whoever holds a signed unsubscribe token; RFC 8058 one-click (tests/integration/email-notifications.test.ts)" },
  "api/calendrier/[token]": { access: "whoever holds an active token: 404 for an unknown or revoked one (tests/integration/calendar.test.ts)" },
  "api/reseaux/[id]/import": { access: "the network's moderators and admins, platform admins, from a page of this site: FILE_HANDLERS below" },
  "api/reseaux/[id]/export/[format]": { access: "the network's moderators and admins, platform admins: FILE_HANDLERS below" },
  "api/reseaux/modele-import": { access: "anyone: the same static template for all" },
  "api/banc/[vue]": { access: "404 unless BENCH_ROUTES=true; then the session's own projects only (tests/integration/bench-floor.test.ts)" },
  "api/territoire/[id]/dossier-conseil": { access: "the authority's verified members, platform admins: FILE_HANDLERS below" },
  "api/sante": { access: "anyone: whether this instance and its database answer, and the migration count; nothing about any record" },
  "observatoire/donnees/[fichier]": {
    access: "anyone: the observatory's published figures, no private project named or countable (tests/integration/observatory.test.ts)",
  },
};

/** The portfolio's file handlers, per caller, as HTTP statuses; the same rule as portfolio.dashboard. */
const FILE_HANDLERS: Record<string, (db: Database, world: World, person: TestPerson | null) => Promise<Response>> = {
  "api/reseaux/[id]/import (dry run)": (db, world, person) => {
    const form = new FormData();
    form.set("fichier", new Blob(["identifiant;titre\r\nM-1;Projet de la matrice"]), "portefeuille.csv");
    form.set("mode", "apercu");
    const request = new Request(`http://127.0.0.1:3100/api/reseaux/${world.holdingNetwork.id}/import`, {
      method: "POST",
      body: form,
      headers: { origin: env.APP_URL, host: "127.0.0.1:3100" },
    });
    return answerImportRequest(db, person, world.holdingNetwork.id, request);
  },
  "api/reseaux/[id]/export/[format]": (db, world, person) => answerExportRequest(db, person, { networkId: world.holdingNetwork.id }, "csv"),
  "api/territoire/[id]/dossier-conseil": (db, world, person) => answerCouncilPackRequest(db, person, world.authority.id, "fr"),
};
/** The council pack: the commune's verified member and platform admins; its unverified member is told why. */
const HANDLER_STATUS: Record<string, Record<CallerKind, number>> = {
  "api/territoire/[id]/dossier-conseil": Object.fromEntries(
    CALLERS.map((caller) => [
      caller,
      caller === "anonymous" ? 401 : caller === "partyOfficial" || caller === "platformAdmin" ? 200 : caller === "unverifiedPartyOfficial" ? 403 : 404,
    ]),
  ) as Record<CallerKind, number>,
};
const FILE_STATUS = Object.fromEntries(
  CALLERS.map((caller) => [caller, caller === "anonymous" ? 401 : caller === "holdingModerator" || caller === "platformAdmin" ? 200 : 404]),
) as Record<CallerKind, number>;

function listRouteHandlers(directory: string, base = directory): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const full = path.join(directory, entry);
    if (statSync(full).isDirectory()) return listRouteHandlers(full, base);
    // route.bench.ts: the benchmark's routes, compiled only by a benchmark build, covered all the same.
    return /^route(\.bench)?\.(ts|tsx)$/.test(entry) ? [path.relative(base, directory).split(path.sep).join("/")] : [];
  });
}

/**
 * Where an unverified member of a party authority is told FORBIDDEN ("your role must be verified")
 * rather than NOT_FOUND: acts on the authority they asked to join, which they know exists. On
 * everything else — every project read and write — they are a signed-in stranger.
 */
const UNVERIFIED_KNOWS_OWN_AUTHORITY = [
  "project.listForTerritory",
  "territory.councilPack",
  "organisation.verifyMembership",
  "organisation.refuseMembership",
  "organisation.remindVerifiers",
  "organisation.changeOffice",
  "organisation.removeMember",
];

/** Where the other collective is the one asked (to co-hold the project): its admin answers, unlike a stranger. */
const OTHER_COLLECTIVE_ASKED = ["holder.answer"];

/** The callers with the most rights in their own world, short of platform admin. */
const FOREIGN_CALLERS = ["collectiveMember", "partyOfficial", "holdingModerator"] as const;

/** Procedures that take no id of a project, organisation or network: nothing foreign to pass. */
const TAKES_NO_FOREIGN_ID = [
  "territory.search",
  "territory.get",
  "account.get",
  "account.updateProfile",
  "account.setName",
  "account.skipName",
  "account.emailPreferences",
  "account.setEmailPreference",
  "account.exportData",
  "account.delete",
  "audit.search",
  "organisation.createCollective",
  "organisation.joinAuthority",
  "organisation.listNetworks",
  "organisation.pendingVerifications",
  "organisation.createNetwork",
  "project.publicRequests",
  "project.listMine",
  // Searched by text: public projects are anyone's to find.
  "project.listPublic",
  "party.networkRequests",
  "holder.invitations",
  // A territory's code, not a record of anyone's: the figures are everyone's.
  "observatory.page",
  "moderation.queue",
  "moderation.contested",
  "portfolio.myNetworks",
  "calendar.feed",
  "calendar.renew",
  "calendar.revoke",
  "follow.list",
  "desk.awaiting",
  "notification.list",
  "notification.unreadCount",
  // Called here without ids ("mark all"); with someone else's ids, see the test below.
  "notification.markRead",
];

async function auditRowsBy(db: Database, person: TestPerson | null) {
  if (!person) return 0;
  const rows = await db.select({ id: changeLog.id }).from(changeLog).where(eq(changeLog.actorId, person.userId));
  return rows.length;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** The same world with every id replaced by one that exists nowhere (the same replacement each time). */
function withRandomIds<T>(value: T, replacements = new Map<string, string>()): T {
  return JSON.parse(
    JSON.stringify(value).replace(UUID, (id) => {
      const known = replacements.get(id) ?? crypto.randomUUID();
      replacements.set(id, known);
      return known;
    }),
  ) as T;
}

async function messageOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof TRPCError ? `${error.code}: ${error.message}` : String(error);
  }
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

/**
 * The matrix for the app router's procedures of one kind: `entries` must name every one of them,
 * each called as every kind of caller, then with another project's ids. The queries' part also
 * covers the route handlers; the mutations' part, notification.markRead with someone else's
 * notifications and the demo sign-in route.
 */
export function describeAuthorizationMatrix(kind: "query" | "mutation", entries: Record<string, Entry>, database: { readonly db: Database }) {
  const procedures = Object.entries(entries);

  it(`has an entry for every ${kind} of the app router, and none for a procedure that is gone`, () => {
    const definitions = appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>;
    const ofKind = Object.keys(definitions).filter((procedure) => definitions[procedure]?._def.type === kind);
    expect(Object.keys(entries).sort()).toEqual(ofKind.sort());
  });

  if (kind === "query") {
    it("has an entry for every route handler under app/", () => {
      const handlers = listRouteHandlers(path.join(process.cwd(), "app")).sort();
      expect(Object.keys(ROUTE_HANDLERS).sort()).toEqual(handlers);
    });
  }

  it("gives an unverified member of a party authority what a signed-in stranger gets, but on their own authority", () => {
    // The stranger is the other collective's admin, but where their collective is the one asked.
    const differing = procedures
      .filter(([, entry]) => entry.expected.unverifiedPartyOfficial !== entry.expected.otherCollectiveMember)
      .map(([procedure]) => procedure);
    expect(differing.sort()).toEqual([...UNVERIFIED_KNOWS_OWN_AUTHORITY, ...OTHER_COLLECTIVE_ASKED].filter((procedure) => procedure in entries).sort());
  });

  for (const [procedure, entry] of procedures) {
    expect(Object.values(entry.expected)).toContain("ok");
    describe(procedure, () => {
      for (const caller of CALLERS) {
        const expected = entry.expected[caller];
        it(`${caller} → ${expected}`, async () => {
          const db = database.db;
          const world = await buildWorld(db);
          const prepared = (await entry.prepare?.(db, world)) ?? {};
          const api = callerFor(db, personOf(world, caller));
          const before = expected === "ok" ? null : await databaseFingerprint(db);
          const auditedBefore = await auditRowsBy(db, personOf(world, caller));
          const { outcome, result } = await outcomeOf(entry.call(api, world, caller, prepared));
          expect(outcome).toBe(expected);
          if (expected === "ok") {
            await entry.effect({ db, world, caller, result, prepared });
            // Every mutation leaves its audit row, written by the caller, in the same transaction;
            // one that says why it does not leaves the log as it was.
            const audited = await auditRowsBy(db, personOf(world, caller));
            if (kind === "mutation" && entry.unaudited) expect(audited).toBe(auditedBefore);
            else if (kind === "mutation") expect(audited).toBeGreaterThan(auditedBefore);
          } else expect(await databaseFingerprint(db)).toEqual(before);
        });
      }
    });
  }

  for (const [handler, call] of kind === "query" ? Object.entries(FILE_HANDLERS) : []) {
    describe(handler, () => {
      const statuses = HANDLER_STATUS[handler] ?? FILE_STATUS;
      for (const caller of CALLERS) {
        it(`${caller} → ${statuses[caller]}`, async () => {
          const db = database.db;
          const world = await buildWorld(db);
          const before = await databaseFingerprint(db);
          const answer = await call(db, world, personOf(world, caller));
          expect(answer.status).toBe(statuses[caller]);
          if (answer.status === 200) expect((await answer.text()).length).toBeGreaterThan(0);
          // A dry run and an export write nothing, whoever asks.
          expect(await databaseFingerprint(db)).toEqual(before);
        });
      }
    });
  }

  // The same calls, by people with rights in their own project, with the ids of another one.
  describe("with an id from another project, organisation or network", () => {
    for (const [procedure, entry] of procedures) {
      if (TAKES_NO_FOREIGN_ID.includes(procedure)) continue;
      it(`${procedure} → NOT_FOUND, nothing changed`, async () => {
        const db = database.db;
        const own = await buildWorld(db);
        const elsewhere = await buildWorld(db);
        const prepared = (await entry.prepare?.(db, elsewhere)) ?? {};
        const before = await databaseFingerprint(db);
        const replacements = new Map<string, string>();
        const nowhere = withRandomIds(elsewhere, replacements);
        const preparedNowhere = withRandomIds(prepared, replacements);
        for (const caller of FOREIGN_CALLERS) {
          const api = callerFor(db, own.people[caller]);
          const { outcome } = await outcomeOf(entry.call(api, elsewhere, caller, prepared));
          expect({ caller, outcome }).toEqual({ caller, outcome: "NOT_FOUND" });
          // Whether the id exists in a project one cannot read or nowhere, the answer is the same.
          const foreign = await messageOf(entry.call(api, elsewhere, caller, prepared));
          expect({ caller, answer: await messageOf(entry.call(api, nowhere, caller, preparedNowhere)) }).toEqual({ caller, answer: foreign });
        }
        expect(await databaseFingerprint(db)).toEqual(before);
      });
    }
  });

  if (kind === "query") return;

  it("notification.markRead with someone else's notification ids → NOT_FOUND, nothing changed", async () => {
    const db = database.db;
    const own = await buildWorld(db);
    const elsewhere = await buildWorld(db);
    const theirs = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, elsewhere.people.partyOfficial.userId));
    expect(theirs.length).toBeGreaterThan(0);
    const before = await databaseFingerprint(db);
    const { outcome } = await outcomeOf(callerFor(db, own.people.partyOfficial).notification.markRead({ ids: theirs.map((row) => row.id) }));
    expect(outcome).toBe("NOT_FOUND");
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  describe("api/demo/connexion", () => {
    it("answers 404 without demo mode, whoever asks", async () => {
      const db = database.db;
      const before = await databaseFingerprint(db);
      const answer = await startDemoSession(db, { demoMode: false, email: "elise.morel@demo.maillage.test" });
      expect(answer).toBeNull();
      expect(await databaseFingerprint(db)).toEqual(before);
    });

    it("opens a session for a demo person in demo mode, and for nobody else", async () => {
      const db = database.db;
      const person = await makePerson(db);
      const refused = await startDemoSession(db, { demoMode: true, email: person.email });
      expect(refused).toBeNull();
      await db.insert(users).values({ email: "camille.roux@demo.maillage.test", name: "Camille Roux" }).onConflictDoNothing();
      const answer = await startDemoSession(db, { demoMode: true, email: "camille.roux@demo.maillage.test" });
      expect(answer).not.toBeNull();
      if (!answer) return;
      const [session] = await db.query.sessions.findMany({
        where: (sessions, { eq: equals }) => equals(sessions.sessionToken, answer.sessionToken),
      });
      expect(session?.expires.getTime()).toBeGreaterThan(Date.now());
      const [owner] = await db
        .select()
        .from(users)
        .where(and(eq(users.id, session?.userId ?? "")));
      expect(owner?.email).toBe("camille.roux@demo.maillage.test");
    });
  });
}
