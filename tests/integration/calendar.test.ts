// The private calendar feed: only planned milestones of followed, readable projects; revocable.
import { describe, expect, it } from "vitest";
import { calendarFor } from "@/server/services/calendar";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeCollective, makePerson } from "../support/factories";

describe("the calendar feed", () => {
  const database = useTestDatabase();

  it("lists the planned milestones of followed projects, and answers 404 once revoked", async () => {
    const db = database.db;
    const member = await makePerson(db);
    const mayor = await makePerson(db);
    const collective = await makeCollective(db, { members: [member] });
    const commune = await freeCommune(db);
    await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const asMember = callerFor(db, member);
    const { id: projectId } = await asMember.project.create({ title: "Fournil partagé", summary: "", leadCollectiveId: collective.id, communeId: commune.id });
    const { relationshipId } = await asMember.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
    const milestone = (title: string, status: "planned" | "done", occursOn: string) =>
      asMember.milestone.create({ projectId, as: "collective", relationshipIds: [relationshipId], kind: "site_visit", title, occursOn, status, description: "", evidenceLinks: [], levers: [] });
    await milestone("Visite du fournil avec le conseil", "planned", "2027-01-15");
    await milestone("Première fournée", "done", "2026-06-01");

    const asMayor = callerFor(db, mayor);
    expect(await asMayor.calendar.feed()).toEqual({ url: null });
    const { url } = await asMayor.calendar.renew();
    const token = url.split("/").at(-1) ?? "";

    const before = await calendarFor(db, token);
    expect(before.status === 200 && before.ics).toContain("END:VCALENDAR");
    expect(before.status === 200 && before.ics).not.toContain("Visite du fournil");

    await asMayor.follow.set({ projectId, follow: true });
    const after = await calendarFor(db, token);
    expect(after.status).toBe(200);
    if (after.status !== 200) return;
    expect(after.ics).toContain("SUMMARY:Visite du fournil avec le conseil — Fournil partagé");
    expect(after.ics).toContain("DTSTART;VALUE=DATE:20270115");
    expect(after.ics).not.toContain("Première fournée");

    const { url: renewed } = await asMayor.calendar.renew();
    expect(renewed).not.toBe(url);
    expect(await calendarFor(db, token)).toEqual({ status: 404 });
    await asMayor.calendar.revoke();
    expect(await calendarFor(db, renewed.split("/").at(-1) ?? "")).toEqual({ status: 404 });
  });

});
