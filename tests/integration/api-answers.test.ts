// What tRPC answers over HTTP, as a browser receives it: an internal error says nothing of the SQL
// behind it, a batch has a ceiling, no answer is cached, and an impossible date is refused.
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db";
import { answerTrpcRequest } from "@/server/api/handler";
import { MAX_TRPC_BATCH } from "@/server/domain/api-limits";
import { answerImportRequest } from "@/server/http/portfolio-files";
import type { Locale } from "@/server/i18n/config";
import type { Actor } from "@/server/services/access";
import { useTestDatabase } from "../support/db";
import { expectNoInternals } from "../support/internals";
import { buildWorld } from "../support/world";

const ORIGIN = "http://localhost:3000";

function query(path: string, inputs: unknown[]) {
  const batch = Object.fromEntries(inputs.map((input, index) => [index, { json: input }]));
  return new Request(`${ORIGIN}/api/trpc/${path}?batch=1&input=${encodeURIComponent(JSON.stringify(batch))}`);
}

function mutation(path: string, input: unknown) {
  return new Request(`${ORIGIN}/api/trpc/${path}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: ORIGIN, host: "localhost:3000" },
    body: JSON.stringify({ 0: { json: input } }),
  });
}

const answer = (db: Database, actor: Actor | null, request: Request) => answerTrpcRequest(request, async () => ({ db, actor, locale: "fr" }));

describe("tRPC answers over HTTP", () => {
  const database = useTestDatabase();
  afterEach(() => vi.restoreAllMocks());

  it("answer an internal error with a French message and a reference that is in the server log, never the SQL", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const logged: unknown[][] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args));
    const ROLLBACK = new Error("rollback");
    let response: Response | null = null;
    // The discussion's table goes missing inside a transaction rolled back afterwards: the driver
    // fails with the statement and its parameters, as any unforeseen database error would.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`alter table comment rename to comment_gone`);
        response = await answer(tx as unknown as Database, world.people.collectiveMember, query("comment.list", [{ projectId: world.project.id }]));
        throw ROLLBACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
    if (!response) throw new Error("no answer");
    const received: Response = response;
    expect(received.status).toBe(500);
    const text = await received.text();
    expectNoInternals(text);
    expect(text).not.toContain(world.project.id);
    const [body] = JSON.parse(text) as { error: { json: { message: string; data: { reference: string; stack?: string } } } }[];
    const { message, data } = body?.error.json ?? { message: "", data: { reference: "" } };
    expect(message).toMatch(/^Une erreur inattendue est survenue/);
    expect(message).toContain(data.reference);
    expect(data.stack).toBeUndefined();
    // The log has the reference and the driver's own words, for whoever looks into it.
    const line = logged.find((args) => String(args[0]).includes(data.reference));
    expect(line).toBeDefined();
    expect(String((line?.[1] as Error | undefined)?.message ?? line?.[1])).toMatch(/comment/);
  });

  it("refuse a batch of more than MAX_TRPC_BATCH calls before running any", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const calls = Array.from({ length: MAX_TRPC_BATCH + 1 }, () => "account.get").join(",");
    const refused = await answer(
      db,
      world.people.collectiveMember,
      query(
        calls,
        Array.from({ length: MAX_TRPC_BATCH + 1 }, () => undefined),
      ),
    );
    expect(refused.status).toBe(400);
    const accepted = await answer(db, world.people.collectiveMember, query(Array.from({ length: MAX_TRPC_BATCH }, () => "account.get").join(","), []));
    expect(accepted.status).toBe(200);
  });

  it("mark every answer private and not to be stored", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const read = await answer(db, world.people.collectiveMember, query("project.get", [{ projectId: world.project.id }]));
    expect(read.status).toBe(200);
    expect(read.headers.get("cache-control")).toBe("private, no-store");
    const refused = await answer(db, null, query("account.get", [undefined]));
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("private, no-store");
  });

  it("refuse a milestone in year 0, in French, by the field, before the database sees it", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const refused = await answer(
      db,
      world.people.collectiveMember,
      mutation("milestone.create", {
        projectId: world.project.id,
        as: "collective",
        relationshipIds: [world.relationshipId],
        kind: "first_meeting",
        title: "Rencontre",
        occursOn: "0000-01-01",
        status: "done",
        description: "",
        evidenceLinks: [],
        levers: [],
      }),
    );
    expect(refused.status).toBe(400);
    const [body] = (await refused.json()) as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } }[];
    expect(body?.error.json.data.fieldErrors.occursOn).toEqual(["Choisissez une date entre 1900 et 2100."]);
  });

  it("say a refusal in the reader's language: French by default, English to an English reader", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const missing = { projectId: "00000000-0000-4000-8000-000000000000" };
    const messageOf = async (locale: Locale) => {
      const refused = await answerTrpcRequest(query("project.get", [missing]), async () => ({ db, actor: world.people.collectiveMember, locale }));
      const [body] = (await refused.json()) as { error: { json: { message: string; data: { code: string } } } }[];
      expect(body?.error.json.data.code).toBe("NOT_FOUND");
      return body?.error.json.message;
    };
    expect(await messageOf("fr")).toBe("Projet introuvable.");
    expect(await messageOf("en")).toBe("Project not found.");
    // Route handlers read the same cookie.
    const crossSite = (cookie: string) =>
      answerImportRequest(
        db,
        world.people.holdingModerator,
        world.holdingNetwork.id,
        new Request(`${ORIGIN}/api/reseaux/x/import`, { method: "POST", headers: { origin: "https://ailleurs.example", cookie } }),
      );
    expect(((await (await crossSite("NEXT_LOCALE=en")).json()) as { error: string }).error).toBe("Request refused: it does not come from a Maillage page.");
    expect(((await (await crossSite("")).json()) as { error: string }).error).toBe("Requête refusée : elle ne vient pas d'une page de Maillage.");
  });

  it("say what is wrong plainly, naming the field, in the reader's language — never zod's defaults", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const refusalOf = async (locale: Locale, input: unknown) => {
      const refused = await answerTrpcRequest(mutation("organisation.createCollective", input), async () => ({
        db,
        actor: world.people.collectiveMember,
        locale,
      }));
      expect(refused.status).toBe(400);
      const [body] = (await refused.json()) as { error: { json: { message: string; data: { fieldErrors: Record<string, string[]> } } } }[];
      return { message: body?.error.json.message, fields: body?.error.json.data.fieldErrors };
    };
    expect(await refusalOf("fr", { name: "", legalForm: "scic" })).toEqual({
      message: "Indiquez le nom du collectif.",
      fields: { name: ["Indiquez le nom du collectif."] },
    });
    expect((await refusalOf("fr", { name: "A", legalForm: "scic" })).fields).toEqual({ name: ["Le nom du collectif : au moins 2 caractères."] });
    expect((await refusalOf("fr", { name: "Les Amis", legalForm: "sarl" })).fields).toEqual({ legalForm: ["Choisissez la forme juridique dans la liste."] });
    expect((await refusalOf("fr", { legalForm: "scic" })).fields).toEqual({ name: ["Indiquez le nom du collectif."] });
    expect(await refusalOf("en", { name: "A", legalForm: "sarl" })).toEqual({
      message: "The collective's name: at least 2 characters. Choose the legal form from the list.",
      fields: { name: ["The collective's name: at least 2 characters."], legalForm: ["Choose the legal form from the list."] },
    });
    // A schema's own words are kept as they are.
    const refused = await answerTrpcRequest(
      mutation("milestone.create", {
        projectId: world.project.id,
        as: "collective",
        relationshipIds: [],
        kind: "first_meeting",
        title: "Rencontre",
        occursOn: "2026-01-01",
        status: "done",
      }),
      async () => ({ db, actor: world.people.collectiveMember, locale: "fr" }),
    );
    const [body] = (await refused.json()) as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } }[];
    expect(body?.error.json.data.fieldErrors).toEqual({ relationshipIds: ["Choisissez au moins une relation."] });
  });
});
