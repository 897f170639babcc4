// The change log keeps what happened: rows can be added, never rewritten or removed.
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER } from "@/db/migrate";
import { changeLog } from "@/db/schema";
import { CHANGE_ACTIONS, RENAMED_ACTIONS } from "@/server/domain/change-log";
import { recordChange } from "@/server/services/history";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makePerson } from "../support/factories";

describe("the change log", () => {
  const database = useTestDatabase();

  it("refuses to rewrite or delete an entry, even for the database's superuser", async () => {
    const db = database.db;
    const person = await makePerson(db);
    await recordChange(db, {
      actorId: person.userId,
      entity: "project",
      entityId: "p-1",
      action: "update",
      changes: [{ field: "title", before: "A", after: "B" }],
    });
    const [entry] = await db.select().from(changeLog).where(eq(changeLog.entityId, "p-1"));
    await expect(
      db
        .update(changeLog)
        .set({ action: "delete" })
        .where(eq(changeLog.id, entry?.id ?? 0)),
    ).rejects.toThrow();
    await expect(db.delete(changeLog).where(eq(changeLog.id, entry?.id ?? 0))).rejects.toThrow();
    const [after] = await db.select().from(changeLog).where(eq(changeLog.entityId, "p-1"));
    expect(after).toEqual(entry);
  });

  it("lets the erasure of personal values through, inside its own transaction only", async () => {
    const db = database.db;
    const person = await makePerson(db);
    await recordChange(db, {
      actorId: person.userId,
      entity: "comment",
      entityId: "c-1",
      action: "create",
      changes: [{ field: "body", before: null, after: "Mon numéro : 06 00 00 00 00" }],
    });
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('maillage.erasure', 'on', true)`);
      await tx
        .update(changeLog)
        .set({ changes: [{ field: "body", before: null, after: "[effacé]" }] })
        .where(eq(changeLog.entityId, "c-1"));
    });
    const [erased] = await db.select().from(changeLog).where(eq(changeLog.entityId, "c-1"));
    expect(erased?.changes).toEqual([{ field: "body", before: null, after: "[effacé]" }]);
    await expect(db.update(changeLog).set({ action: "update" }).where(eq(changeLog.entityId, "c-1"))).rejects.toThrow();
  });

  it("lets erasure blank values only: who acted, on what and when cannot be rewritten", async () => {
    const db = database.db;
    const person = await makePerson(db);
    await recordChange(db, { actorId: person.userId, entity: "comment", entityId: "c-2", action: "create", changes: [] });
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('maillage.erasure', 'on', true)`);
        await tx.update(changeLog).set({ action: "delete", actorId: null }).where(eq(changeLog.entityId, "c-2"));
      }),
    ).rejects.toThrow();
    const [entry] = await db.select().from(changeLog).where(eq(changeLog.entityId, "c-2"));
    expect(entry).toMatchObject({ action: "create", actorId: person.userId });
  });

  it("answers what happened to a person and to a project: acted upon, by a project's name, with names for ids", async () => {
    const db = database.db;
    const admin = await makePerson(db, { platformAdmin: true });
    const mayor = await makePerson(db, { name: "Élise Journal" });
    const councillor = await makePerson(db, { name: "Lucas Journalier" });
    const collective = await makeCollective(db, { admin: mayor });
    const commune = await freeCommune(db);
    const { id: projectId } = await callerFor(db, mayor).project.create({
      title: "Épicerie du journal",
      summary: "",
      contactHolderId: collective.id,
      communeId: commune.id,
    });
    // The mayor adds the councillor to the collective: an entry by her, about him.
    await callerFor(db, mayor).organisation.addMember({ organisationId: collective.id, email: councillor.email, role: "member" });
    const api = callerFor(db, admin);

    const aboutHim = await api.audit.search({ subject: "journalier" });
    expect(aboutHim.entries).toEqual([expect.objectContaining({ entity: "membership", action: "add", actorName: "Élise Journal" })]);
    // The change names him and the collective by their names, not their ids.
    expect(aboutHim.entries[0]?.labels).toEqual({ [councillor.userId]: "Lucas Journalier", [collective.id]: collective.name });
    expect((await api.audit.search({ person: "journalier" })).entries).toEqual([]);

    const project = await api.audit.search({ project: "épicerie du JOURNAL" });
    expect(project.entries).toEqual([expect.objectContaining({ entity: "project", action: "create", projectId })]);
    expect(project.entries[0]?.labels).toEqual({ [commune.id]: commune.name });
  });

  it("lets platform admins search it by person, kind of record, record and day, 50 entries a page", async () => {
    const db = database.db;
    const admin = await makePerson(db, { platformAdmin: true });
    const someone = await makePerson(db, { name: "Joséphine Audit" });
    const other = await makePerson(db);
    for (let index = 0; index < 55; index++) {
      await recordChange(db, { actorId: someone.userId, entity: "comment", entityId: `c-${index}`, action: "create" });
    }
    await recordChange(db, { actorId: other.userId, entity: "milestone", entityId: "m-1", action: "update" });
    const api = callerFor(db, admin);

    const first = await api.audit.search({ person: "joséphine" });
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]?.entityId).toBe("c-54");
    const second = await api.audit.search({ person: "joséphine", before: first.nextBefore ?? 0 });
    expect(second.entries.map((entry) => entry.entityId)).toEqual(["c-4", "c-3", "c-2", "c-1", "c-0"]);
    expect(second.nextBefore).toBeNull();

    expect((await api.audit.search({ entity: "milestone", recordId: "m-1" })).entries).toEqual([
      expect.objectContaining({ actorEmail: other.email, action: "update" }),
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await api.audit.search({ recordId: "m-1", from: today, to: today })).entries).toHaveLength(1);
    expect((await api.audit.search({ recordId: "m-1", to: "2020-01-01" })).entries).toEqual([]);
    await expect(callerFor(db, someone).audit.search({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("renames older rows' past-tense actions to the base form the code writes, and stays append-only", async () => {
    const db = database.db;
    const person = await makePerson(db);
    const older = Object.keys(RENAMED_ACTIONS);
    // Rows as the code wrote them before migration 0017.
    await db
      .insert(changeLog)
      .values(older.map((action) => ({ actorId: person.userId, entity: "user" as const, entityId: `old-${action}`, action: action as never })));
    const migration = readFileSync(path.join(MIGRATIONS_FOLDER, "0017_change_log_base_tense.sql"), "utf8");
    for (const statement of migration.split("--> statement-breakpoint")) await db.execute(sql.raw(statement));

    const rows = await db
      .select({ entityId: changeLog.entityId, action: changeLog.action })
      .from(changeLog)
      .where(
        inArray(
          changeLog.entityId,
          older.map((action) => `old-${action}`),
        ),
      );
    expect(Object.fromEntries(rows.map((row) => [row.entityId.slice(4), row.action]))).toEqual(RENAMED_ACTIONS);
    for (const renamed of Object.values(RENAMED_ACTIONS)) expect(CHANGE_ACTIONS).toContain(renamed);
    await expect(db.update(changeLog).set({ action: "update" }).where(eq(changeLog.entityId, "old-created"))).rejects.toThrow();
  });
});
