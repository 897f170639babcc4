// The bare route the HTTP benchmark compares the app with: off in normal running, and when on, a
// person reads only what the app would show them, the same answer as the procedures.
import { describe, expect, it } from "vitest";
import { answerFloorRequest } from "@/scripts/bench/floor";
import { openSession } from "@/server/services/sessions";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makePerson, makeProject } from "../support/factories";

describe("benchmark floor route", () => {
  const database = useTestDatabase();

  it("answers 404 unless enabled, 401 without a session, and only the person's own projects", async () => {
    const db = database.db;
    const holder = await makePerson(db);
    const stranger = await makePerson(db);
    const commune = await freeCommune(db);
    const mine = await makeProject(db, (await makeCollective(db, { members: [holder] })).id, commune.id, "Fournil partagé");
    const theirs = await makeProject(db, (await makeCollective(db, { members: [stranger] })).id, commune.id, "Garage solidaire");
    const { sessionToken } = await openSession(db, holder.userId);
    const asHolder = (path: string) => new Request(`http://127.0.0.1/api/banc/${path}`, { headers: { cookie: `authjs.session-token=${sessionToken}` } });

    expect((await answerFloorRequest(db, asHolder("mes-projets"), "mes-projets", false)).status).toBe(404);
    expect((await answerFloorRequest(db, new Request("http://127.0.0.1/api/banc/mes-projets"), "mes-projets", true)).status).toBe(401);

    const list = await answerFloorRequest(db, asHolder("mes-projets"), "mes-projets", true);
    const procedure = await callerFor(db, holder).project.listMine();
    const rows = (await list.json()) as { id: string; title: string; updatedAt: number }[];
    expect(rows.map((row) => [row.id, row.title, row.updatedAt])).toEqual(procedure.map((row) => [row.id, row.title, row.updatedAt.getTime()]));
    expect(rows.map((row) => row.id)).toEqual([mine.id]);

    const page = await answerFloorRequest(db, asHolder(`projet?id=${mine.id}`), "projet", true);
    expect(page.status).toBe(200);
    expect(((await page.json()) as { file: { title: string; can: { edit: boolean } } }).file).toMatchObject({ title: "Fournil partagé", can: { edit: true } });
    expect((await answerFloorRequest(db, asHolder(`projet?id=${theirs.id}`), "projet", true)).status).toBe(404);
  });
});
