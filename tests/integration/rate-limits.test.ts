// Limits stored in the database: a clear refusal with when to retry, and a window that slides.
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { outboxEmails } from "@/db/schema";
import { LIMITS, consumeRateLimit, peekRateLimit } from "@/server/services/rate-limits";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makePerson } from "../support/factories";
import { buildWorld } from "../support/world";

describe("rate limits", () => {
  const database = useTestDatabase();

  it("allow three sign-in emails an hour per address, then say when the next one may go", async () => {
    const db = database.db;
    const start = new Date("2026-11-26T10:00:00Z");
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    const key = "maire@village.test";
    expect(await consumeRateLimit(db, LIMITS.signInPerAddress, key, at(0))).toEqual({ ok: true });
    expect(await consumeRateLimit(db, LIMITS.signInPerAddress, key, at(10))).toEqual({ ok: true });
    expect(await consumeRateLimit(db, LIMITS.signInPerAddress, key, at(20))).toEqual({ ok: true });
    expect(await peekRateLimit(db, LIMITS.signInPerAddress, key, at(30))).toEqual({ ok: false, retryAt: at(60) });
    expect(await consumeRateLimit(db, LIMITS.signInPerAddress, key, at(30))).toEqual({ ok: false, retryAt: at(60) });
    expect(await consumeRateLimit(db, LIMITS.signInPerAddress, key, at(61))).toEqual({ ok: true });
    expect(await consumeRateLimit(db, LIMITS.signInPerAddress, "autre@village.test", at(30))).toEqual({ ok: true });
  });

  it("count the same key from several requests at once without letting extra ones through", async () => {
    const db = database.db;
    const now = new Date("2026-11-26T12:00:00Z");
    const answers = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit(db, LIMITS.signInPerAddress, "rafale@village.test", now)));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(3);
  });

  it("bound the invitations one person sends, with a French message saying when to retry", async () => {
    const db = database.db;
    const member = await makePerson(db);
    const collective = await makeCollective(db, { members: [member] });
    const commune = await freeCommune(db);
    const api = callerFor(db, member);
    const { id: projectId } = await api.project.create({ title: "Invitations en nombre", summary: "", contactHolderId: collective.id, communeId: commune.id });
    const { authorityId } = await api.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
    for (let i = 0; i < LIMITS.invitationsPerPerson.limit; i += 1) {
      await api.invitation.send({ projectId, authorityId, email: `elu${i}@village.test`, office: "conseiller_municipal" });
    }
    const refused = await api.invitation.send({ projectId, authorityId, email: "un.de.trop@village.test", office: "maire" }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("TOO_MANY_REQUESTS");
    expect((refused as TRPCError).message).toMatch(/Vous pourrez réessayer à partir de \d{2}:\d{2}/);
  });

  it("bound every other procedure that sends email: resending an invitation, adding people, mentioning them", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    const asCollective = callerFor(db, world.people.collectiveMember);
    const tooMany = async (call: () => Promise<unknown>) => {
      const refused = await call().catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe("TOO_MANY_REQUESTS");
      expect((refused as TRPCError).message).toMatch(/Vous pourrez réessayer à partir de \d{2}:\d{2}/);
    };

    const { invitationId } = await asCollective.invitation.send({
      projectId: world.project.id,
      authorityId: world.authority.id,
      email: "relance@mairie.test",
      office: "adjoint",
    });
    for (let i = 1; i < LIMITS.invitationsPerPerson.limit; i += 1) await asCollective.invitation.resend({ invitationId });
    const emailsBefore = (await db.select().from(outboxEmails)).length;
    await tooMany(() => asCollective.invitation.resend({ invitationId }));
    expect((await db.select().from(outboxEmails)).length).toBe(emailsBefore);

    for (let i = 0; i < LIMITS.membersAddedPerPerson.limit; i += 1) {
      await asCollective.organisation.addMember({ organisationId: world.collective.id, email: `membre${i}@collectif.test`, role: "member" });
    }
    await tooMany(() => asCollective.organisation.addMember({ organisationId: world.collective.id, email: "un.de.trop@collectif.test", role: "member" }));

    const mention = () => asCollective.comment.add({ projectId: world.project.id, body: "Votre avis ?", mentionIds: [world.people.partyOfficial.userId] });
    for (let i = 0; i < LIMITS.mentionsPerPerson.limit; i += 1) await mention();
    await tooMany(mention);
    // Writing without mentioning anyone sends no email, and is not bounded.
    await asCollective.comment.add({ projectId: world.project.id, body: "Merci à tous.", mentionIds: [] });
  });
});
