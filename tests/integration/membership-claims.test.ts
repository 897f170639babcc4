// A claim to speak for an authority reaches whoever can vouch for it, at once, and its author hears
// the answer: verified, or refused with a reason.
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeLog, memberships, notifications, outboxEmails, projects } from "@/db/schema";
import { sendImmediateEmails } from "@/server/services/email-notifications";
import { acceptInvitation } from "@/server/services/invitations";
import { remindWaitingClaims } from "@/server/services/membership-claims";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makePerson } from "../support/factories";
import { codeOf } from "../support/trpc-code";
import { buildWorld, pendingInvitation } from "../support/world";

describe("claims to speak for an authority", () => {
  const database = useTestDatabase();

  const membershipNotices = (userId: string) =>
    database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, "membership")));

  it("tell the authority's verified admins at once, by email too, with the page where they verify", async () => {
    const db = database.db;
    const mayor = await makePerson(db);
    const platformAdmin = await makePerson(db, { platformAdmin: true });
    const commune = await freeCommune(db, ["26"]);
    const authority = await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const councillor = await makePerson(db, { name: "Lucas Conseiller" });

    await callerFor(db, councillor).organisation.joinAuthority({ territoryId: commune.id, office: "conseiller_municipal" });

    expect(await membershipNotices(mayor.userId)).toEqual([
      expect.objectContaining({ actorId: councillor.userId, payload: expect.objectContaining({ event: "claim", organisationId: authority.id }) }),
    ]);
    // The mayor can verify: the platform's admins are not asked.
    expect(await membershipNotices(platformAdmin.userId)).toEqual([]);
    await sendImmediateEmails(db);
    const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.to, mayor.email));
    expect(mail?.text).toContain("Lucas Conseiller demande à être vérifié·e comme membre de");
    expect(mail?.text).toContain(`/organisations/${authority.id}`);
  });

  it("fall back to the platform's admins for an authority nobody verified speaks for", async () => {
    const db = database.db;
    const platformAdmin = await makePerson(db, { platformAdmin: true });
    const commune = await freeCommune(db, ["38"]);
    const first = await makePerson(db);
    const opened = await callerFor(db, first).organisation.joinAuthority({ territoryId: commune.id, office: "maire" });
    expect(await membershipNotices(platformAdmin.userId)).toEqual([
      expect.objectContaining({ actorId: first.userId, payload: expect.objectContaining({ event: "claim", organisationId: opened.organisationId }) }),
    ]);
  });

  it("tell their author when verified, and when refused with the reason; a refusal removes the claim and is logged", async () => {
    const db = database.db;
    const mayor = await makePerson(db);
    const commune = await freeCommune(db, ["01"]);
    const authority = await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const verified = await makePerson(db);
    const refused = await makePerson(db);
    const asMayor = callerFor(db, mayor);
    for (const person of [verified, refused]) await callerFor(db, person).organisation.joinAuthority({ territoryId: commune.id, office: "agent" });
    const claimOf = async (userId: string) =>
      (
        await db
          .select()
          .from(memberships)
          .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, authority.id)))
      )[0];

    await asMayor.organisation.verifyMembership({ membershipId: (await claimOf(verified.userId))?.id ?? "" });
    expect(await membershipNotices(verified.userId)).toEqual([
      expect.objectContaining({ actorId: mayor.userId, payload: expect.objectContaining({ event: "verified" }) }),
    ]);

    const claim = await claimOf(refused.userId);
    await asMayor.organisation.refuseMembership({ membershipId: claim?.id ?? "", reason: "Nous ne vous connaissons pas en mairie." });
    expect(await claimOf(refused.userId)).toBeUndefined();
    // Refused, they can no longer open the authority's page: the notice does not send them there.
    expect((await membershipNotices(refused.userId))[0]?.payload.organisationId).toBeUndefined();
    expect(await membershipNotices(refused.userId)).toEqual([
      expect.objectContaining({ payload: expect.objectContaining({ event: "refused", reason: "Nous ne vous connaissons pas en mairie." }) }),
    ]);
    const [logged] = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.entityId, claim?.id ?? ""), eq(changeLog.action, "refuse")));
    expect(logged?.actorId).toBe(mayor.userId);
    expect(logged?.changes).toContainEqual({ field: "reason", before: null, after: "Nous ne vous connaissons pas en mairie." });

    // A verified member is removed, not refused.
    await expect(
      asMayor.organisation.refuseMembership({ membershipId: (await claimOf(verified.userId))?.id ?? "", reason: "Trop tard." }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("let their author see who can verify them, and remind those people once a day", async () => {
    const db = database.db;
    const mayor = await makePerson(db, { name: "Élise Maire" });
    const commune = await freeCommune(db, ["69"]);
    await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const agent = await makePerson(db);
    const asAgent = callerFor(db, agent);
    const { organisationId } = await asAgent.organisation.joinAuthority({ territoryId: commune.id, office: "agent" });

    const claim = (await asAgent.account.get()).memberships.find((membership) => membership.organisationId === organisationId);
    expect(claim).toMatchObject({ verified: false, verifiers: [{ name: "Élise Maire", office: "maire" }] });
    expect((await asAgent.organisation.get({ organisationId })).pendingClaimId).toBe(claim?.membershipId);

    expect(await asAgent.organisation.remindVerifiers({ membershipId: claim?.membershipId ?? "" })).toEqual({ reminded: 1 });
    expect((await membershipNotices(mayor.userId)).map((notice) => notice.payload.event).sort()).toEqual(["claim", "reminder"]);
    await expect(asAgent.organisation.remindVerifiers({ membershipId: claim?.membershipId ?? "" })).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringContaining("Vous avez déjà relancé aujourd'hui."),
    });
  });

  it("show the platform's admins which waiting claims are theirs alone to verify", async () => {
    const db = database.db;
    const admin = await makePerson(db, { platformAdmin: true });
    const mayor = await makePerson(db);
    const withMayor = await freeCommune(db, ["73"]);
    await makeAuthority(db, withMayor.id, [{ person: mayor, verified: true }]);
    const nobodyYet = await freeCommune(db, ["63"]);
    const [first, second] = [await makePerson(db), await makePerson(db)];
    await callerFor(db, first).organisation.joinAuthority({ territoryId: withMayor.id, office: "agent" });
    await callerFor(db, second).organisation.joinAuthority({ territoryId: nobodyYet.id, office: "maire" });
    const pending = await callerFor(db, admin).organisation.pendingVerifications();
    expect(pending.find((claim) => claim.email === first.email)?.noVerifiedAdmin).toBe(false);
    expect(pending.find((claim) => claim.email === second.email)?.noVerifiedAdmin).toBe(true);

    // Theirs alone: where the mayor is verified, the mayor verifies; the team verifies where nobody can.
    const asAdmin = callerFor(db, admin);
    const firstClaim = pending.find((claim) => claim.email === first.email)?.membershipId ?? "";
    const secondClaim = pending.find((claim) => claim.email === second.email)?.membershipId ?? "";
    expect(await codeOf(asAdmin.organisation.verifyMembership({ membershipId: firstClaim }))).toBe("FORBIDDEN");
    expect(await codeOf(asAdmin.organisation.refuseMembership({ membershipId: firstClaim, reason: "Inconnu." }))).toBe("FORBIDDEN");
    expect(await asAdmin.organisation.verifyMembership({ membershipId: secondClaim })).toMatchObject({ membershipId: secondClaim });
    await callerFor(db, mayor).organisation.verifyMembership({ membershipId: firstClaim });
  });

  it("remind the verifiers of a claim still waiting after seven days, once, and never of an answered one", async () => {
    const db = database.db;
    const mayor = await makePerson(db);
    const commune = await freeCommune(db, ["15"]);
    await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const [waiting, answered] = [await makePerson(db), await makePerson(db)];
    for (const person of [waiting, answered]) await callerFor(db, person).organisation.joinAuthority({ territoryId: commune.id, office: "agent" });
    const answeredClaim = (await callerFor(db, answered).account.get()).memberships.find(
      (membership) => membership.kind === "authority" && !membership.verified,
    );
    await callerFor(db, mayor).organisation.verifyMembership({ membershipId: answeredClaim?.membershipId ?? "" });
    const reminders = async () => (await membershipNotices(mayor.userId)).filter((notice) => notice.payload.event === "reminder");

    await remindWaitingClaims(db, new Date(Date.now() + 6 * 86_400_000));
    expect(await reminders()).toEqual([]);
    await remindWaitingClaims(db, new Date(Date.now() + 8 * 86_400_000));
    await remindWaitingClaims(db, new Date(Date.now() + 9 * 86_400_000));
    expect((await reminders()).map((notice) => notice.actorId)).toEqual([waiting.userId]);
  });

  it("give the authority's admin what to judge a claim by: the address, when they asked, who invited them", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    await pendingInvitation(db, world);
    const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.to, "adjoint@mairie.test")).orderBy(desc(outboxEmails.createdAt));
    const token = mail?.text.match(/\/invitation\/([\w-]+)/)?.[1] ?? "";
    expect(await acceptInvitation(db, token, null)).toMatchObject({ status: 200 });

    const { members } = await callerFor(db, world.people.partyOfficial).organisation.get({ organisationId: world.authority.id });
    const invited = members.find((member) => member.email === "adjoint@mairie.test");
    expect(invited).toMatchObject({ verifiedAt: null, invitedBy: world.people.collectiveMember.name });
    expect(invited?.requestedAt).toBeInstanceOf(Date);
    expect(members.find((member) => member.userId === world.people.unverifiedPartyOfficial.userId)).toMatchObject({ verifiedAt: null, invitedBy: null });
  });

  it("tell an official waiting for verification, on a project they read, which authority's buttons wait for it", async () => {
    const db = database.db;
    const world = await buildWorld(db);
    await db.update(projects).set({ visibility: "public" }).where(eq(projects.id, world.project.id));
    const waiting = await callerFor(db, world.people.unverifiedPartyOfficial).project.get({ projectId: world.project.id });
    expect(waiting).toMatchObject({ publicOnly: true, awaitingVerificationFor: [world.authority.id] });
    // Verified, nothing waits any more.
    await callerFor(db, world.people.partyOfficial).organisation.verifyMembership({ membershipId: world.pendingMembership.id });
    expect((await callerFor(db, world.people.unverifiedPartyOfficial).project.get({ projectId: world.project.id })).awaitingVerificationFor).toEqual([]);
  });
});
