// The private calendar feed: only planned milestones of followed, readable projects; revocable.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { calendarFor } from "@/server/services/calendar";
import { useTestDatabase } from "../support/db";
import { callerFor, ensureAuthority, freeCommune, makeAuthority, makeCollective, makePerson } from "../support/factories";

describe("the calendar feed", () => {
  const database = useTestDatabase();

  it("lists the planned milestones of followed projects, and answers 404 once revoked", async () => {
    const db = database.db;
    const member = await makePerson(db);
    const mayor = await makePerson(db);
    const collective = await makeCollective(db, { members: [member] });
    const commune = await freeCommune(db, undefined, { inEpci: true });
    await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
    const asMember = callerFor(db, member);
    const { id: projectId } = await asMember.project.create({ title: "Fournil partagé", summary: "", contactHolderId: collective.id, communeId: commune.id });
    const { relationshipId } = await asMember.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
    const milestone = (title: string, status: "planned" | "done", occursOn: string) =>
      asMember.milestone.create({
        projectId,
        as: "collective",
        relationshipIds: [relationshipId],
        kind: "site_visit",
        title,
        occursOn,
        status,
        description: "",
        evidenceLinks: [],
        levers: [],
      });
    await milestone("Visite du fournil avec le conseil", "planned", "2027-01-15");
    await milestone("Première fournée", "done", "2026-06-01");

    const asMayor = callerFor(db, mayor);
    expect(await asMayor.calendar.feed()).toEqual({ url: null });
    const { url } = await asMayor.calendar.renew();
    const token = url.split("/").at(-1) ?? "";

    // A party's own project is in its calendar without following it; a neighbour official follows it to see it.
    const before = await calendarFor(db, token);
    expect(before.status === 200 && before.ics).toContain("Visite du fournil");
    const neighbour = await makePerson(db);
    await ensureAuthority(db, `epci-${commune.epciCode}`, [{ person: neighbour, verified: true }]);
    const asNeighbour = callerFor(db, neighbour);
    const neighbourToken = (await asNeighbour.calendar.renew()).url.split("/").at(-1) ?? "";
    const unfollowed = await calendarFor(db, neighbourToken);
    expect(unfollowed.status === 200 && unfollowed.ics).toContain("END:VCALENDAR");
    expect(unfollowed.status === 200 && unfollowed.ics).not.toContain("Visite du fournil");
    await asNeighbour.follow.set({ projectId, follow: true });
    const followed = await calendarFor(db, neighbourToken);
    expect(followed.status === 200 && followed.ics).toContain("Visite du fournil");

    const after = await calendarFor(db, token);
    expect(after.status).toBe(200);
    if (after.status !== 200) return;
    expect(after.ics).toContain("SUMMARY:Visite du fournil avec le conseil — Fournil partagé");
    expect(after.ics).toContain("DTSTART;VALUE=DATE:20270115");
    // A whole day, said as RFC 5545 allows: an end date, no malformed duration.
    expect(after.ics).toContain("DTEND;VALUE=DATE:20270116");
    expect(after.ics).not.toContain("DURATION");
    expect(after.ics).not.toContain("Première fournée");

    const { url: renewed } = await asMayor.calendar.renew();
    expect(renewed).not.toBe(url);
    expect(await calendarFor(db, token)).toEqual({ status: 404 });
    await asMayor.calendar.revoke();
    expect(await calendarFor(db, renewed.split("/").at(-1) ?? "")).toEqual({ status: 404 });
  });

  it("keeps every control character a person typed out of the feed, which a strict parser reads whole", async () => {
    const db = database.db;
    const member = await makePerson(db);
    const collective = await makeCollective(db, { members: [member] });
    const commune = await freeCommune(db);
    const asMember = callerFor(db, member);
    const { id: projectId } = await asMember.project.create({ title: "Atelier vélo", summary: "", contactHolderId: collective.id, communeId: commune.id });
    const { relationshipId } = await asMember.party.addAuthority({ projectId, territoryId: commune.id, startingStage: "observation", reason: "" });
    // A bare carriage return, what a calendar app would read as a new line, then a property.
    const description = "Ordre du jour\rATTENDEE:mailto:intrus@evil.example\r\nPoint 2\tfin";
    await asMember.milestone.create({
      projectId,
      as: "collective",
      relationshipIds: [relationshipId],
      kind: "site_visit",
      title: "Réunion\rDTSTART:19700101",
      occursOn: "2027-03-01",
      status: "planned",
      description,
      evidenceLinks: [],
      levers: [],
    });
    await asMember.follow.set({ projectId, follow: true });
    const { url } = await asMember.calendar.renew();
    const feed = await calendarFor(db, url.split("/").at(-1) ?? "");
    if (feed.status !== 200) throw new Error("no feed");

    // RFC 5545: lines end with CRLF, and nothing else breaks them; no control character but tab.
    expect(feed.ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(feed.ics).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
    const calendar = new ICAL.Component(ICAL.parse(feed.ics));
    const events = calendar.getAllSubcomponents("vevent");
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.getAllProperties("attendee")).toEqual([]);
    expect(event?.getAllProperties("dtstart").map((property) => String(property.getFirstValue()))).toEqual(["2027-03-01"]);
    expect(event?.getFirstPropertyValue("summary")).toBe("Réunion\nDTSTART:19700101 — Atelier vélo");
    expect(event?.getFirstPropertyValue("description")).toBe("Ordre du jour\nATTENDEE:mailto:intrus@evil.example\nPoint 2 fin");
  });

  it("answers 404 to a token that cannot be one, NUL bytes included, without asking the database", async () => {
    const db = database.db;
    for (const token of ["\u0000", "abc\u0000def-ghijklmnopqrstuvwxyz", "../../etc/passwd", "x".repeat(5000), "é".repeat(40), ""]) {
      expect(await calendarFor(db, token)).toEqual({ status: 404 });
    }
  });
});
