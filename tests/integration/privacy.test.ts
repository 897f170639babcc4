// A person's rights over their data: the export, the deletion of their account, the retention purge.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { changeLog, memberships, notifications, outboxEmails, sessions, users } from "@/db/schema";
import { RETENTION, purgeExpiredData } from "@/server/services/privacy";
import { recordChange } from "@/server/services/history";
import { databaseFingerprint } from "../support/fingerprint";
import { useTestDatabase } from "../support/db";
import { codeOf } from "../support/trpc-code";
import { callerFor, freeCommune, makeCollective, makePerson, makeProject } from "../support/factories";

/** Two members of one collective, a project, and one comment each. */
async function twoMembers(db: Database) {
  const leaving = await makePerson(db, { name: "Léa Départ" });
  const staying = await makePerson(db);
  const collective = await makeCollective(db, { admin: staying, members: [leaving] });
  const commune = await freeCommune(db, ["26", "38", "07"]);
  const project = await makeProject(db, collective.id, commune.id, "Épicerie de Léa");
  await callerFor(db, leaving).comment.add({ projectId: project.id, body: "Je m'occupe des statuts.", mentionIds: [] });
  await callerFor(db, staying).comment.add({ projectId: project.id, body: "Merci Léa !", mentionIds: [] });
  await db.insert(sessions).values({ sessionToken: `s-${leaving.userId}`, userId: leaving.userId, expires: new Date(Date.now() + 86_400_000) });
  return { leaving, staying, collective, project };
}

describe("privacy", () => {
  const database = useTestDatabase();

  it("gives a person everything about them, and nothing of anyone else's", async () => {
    const db = database.db;
    const { leaving, staying, project } = await twoMembers(db);
    const data = await callerFor(db, leaving).account.exportData();
    expect(data.account).toMatchObject({ id: leaving.userId, email: leaving.email, name: "Léa Départ" });
    expect(data.memberships).toEqual([expect.objectContaining({ role: "member" })]);
    expect(data.comments.map((comment) => comment.body)).toEqual(["Je m'occupe des statuts."]);
    expect(data.activity).toEqual(expect.arrayContaining([expect.objectContaining({ entity: "comment", projectId: project.id })]));
    const text = JSON.stringify(data);
    expect(text).not.toContain("Merci Léa");
    expect(text).not.toContain(staying.email);
  });

  it("deletes an account: sign-in ended, personal values erased, contributions kept under “Compte supprimé”", async () => {
    const db = database.db;
    const { leaving, staying, project } = await twoMembers(db);
    await recordChange(db, {
      actorId: staying.userId,
      entity: "milestone",
      entityId: "n-1",
      action: "update",
      changes: [
        { field: "contact", before: null, after: `Écrire à ${leaving.email}` },
        { field: "title", before: "A", after: "B" },
      ],
    });

    const answer = await callerFor(db, leaving).account.delete({ confirmEmail: leaving.email.toUpperCase() });
    expect(answer).toMatchObject({ deleted: true });

    const [user] = await db.select().from(users).where(eq(users.id, leaving.userId));
    expect(user).toMatchObject({ name: "Compte supprimé", image: null, deletedAt: expect.any(Date) });
    expect(user?.email).not.toContain(leaving.email);
    expect(await db.select().from(sessions).where(eq(sessions.userId, leaving.userId))).toEqual([]);
    expect(await db.select().from(memberships).where(eq(memberships.userId, leaving.userId))).toEqual([]);

    // The other side still reads the discussion, with the departed author's words.
    const thread = await callerFor(db, staying).comment.list({ projectId: project.id });
    expect(thread.map((comment) => [comment.authorName, comment.body])).toEqual(
      expect.arrayContaining([
        ["Compte supprimé", "Je m'occupe des statuts."],
        [staying.name, "Merci Léa !"],
      ]),
    );

    // The change log: the address is blanked wherever it was written, the rest is untouched.
    const [note] = await db.select().from(changeLog).where(eq(changeLog.entityId, "n-1"));
    expect(note?.changes).toEqual([
      { field: "contact", before: null, after: "[effacé]" },
      { field: "title", before: "A", after: "B" },
    ]);
    const log = JSON.stringify(await db.select().from(changeLog));
    expect(log).not.toContain(leaving.email);
    expect(log).not.toContain("Léa Départ");
    const [deletion] = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.action, "delete"), eq(changeLog.entity, "user")));
    expect(deletion).toMatchObject({ actorId: leaving.userId, entity: "user", entityId: leaving.userId });
  });

  it("refuses to delete the last administrator of an organisation, and changes nothing", async () => {
    const db = database.db;
    const { staying } = await twoMembers(db);
    const before = await databaseFingerprint(db);
    await expect(callerFor(db, staying).account.delete({ confirmEmail: staying.email })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("dernier administrateur"),
    });
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("asks for the person's own address as confirmation", async () => {
    const db = database.db;
    const { leaving } = await twoMembers(db);
    const before = await databaseFingerprint(db);
    expect(await codeOf(callerFor(db, leaving).account.delete({ confirmEmail: "quelqu.un@exemple.test" }))).toBe("BAD_REQUEST");
    expect(await databaseFingerprint(db)).toEqual(before);
  });

  it("purges outbox messages and notifications past their retention, and keeps the recent ones", async () => {
    const db = database.db;
    const person = await makePerson(db);
    const now = new Date("2026-06-01T12:00:00Z");
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    await db.insert(outboxEmails).values([
      { to: "a@exemple.test", subject: "ancien", text: "…", createdAt: daysAgo(RETENTION.outboxDays + 1) },
      { to: "b@exemple.test", subject: "récent", text: "…", createdAt: daysAgo(RETENTION.outboxDays - 1) },
    ]);
    await db.insert(notifications).values([
      { userId: person.userId, kind: "mention", createdAt: daysAgo(RETENTION.notificationDays + 1) },
      { userId: person.userId, kind: "mention", createdAt: daysAgo(10) },
    ]);
    const purged = await purgeExpiredData(db, now);
    expect(purged).toEqual({ outbox: 1, notifications: 1, idempotencyKeys: 0 });
    expect((await db.select().from(outboxEmails)).map((email) => email.subject)).toEqual(["récent"]);
    expect(await db.select().from(notifications).where(eq(notifications.userId, person.userId))).toHaveLength(1);
  });
});
