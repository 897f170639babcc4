// The header names the organisation a person acts for most: the SCIC she manages and works in,
// not the first of her organisations in alphabetical order.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeCollective, makePerson } from "../support/factories";

describe("whom a person acts for", () => {
  const database = useTestDatabase();

  async function personOfTwoCollectives() {
    const db = database.db;
    const person = await makePerson(db, { name: "Camille" });
    const scic = await makeCollective(db, { admin: person }, "scic");
    const association = await makeCollective(db, { members: [person] });
    // Alphabetically first, so that an order by name would put it in front.
    await db.update(organisations).set({ name: "Amis du lavoir" }).where(eq(organisations.id, association.id));
    await db.update(organisations).set({ name: "SCIC Bois du Diois" }).where(eq(organisations.id, scic.id));
    const commune = await freeCommune(db, ["26", "38"]);
    return { db, person, scic, association, commune, api: callerFor(db, person) };
  }

  it("is, with no actions yet, the organisation she manages", async () => {
    const { api, scic } = await personOfTwoCollectives();
    expect((await api.account.get()).actsForMost).toEqual({ organisationId: scic.id, name: "SCIC Bois du Diois" });
  });

  it("follows where she acts: her latest actions in an organisation's projects outweigh her role", async () => {
    const { api, scic, association, commune } = await personOfTwoCollectives();
    await api.project.create({ title: "Fournil", summary: "", contactHolderId: scic.id, communeId: commune.id });
    const lavoir = await api.project.create({ title: "Lavoir", summary: "", contactHolderId: association.id, communeId: commune.id });
    expect((await api.account.get()).actsForMost?.organisationId).toBe(scic.id);
    for (const summary of ["Un lavoir restauré", "Un lavoir restauré et ouvert", "Un lavoir ouvert à tous"]) {
      const file = await api.project.get({ projectId: lavoir.id });
      await api.project.update({ projectId: lavoir.id, version: file.version, changes: { summary } });
    }
    expect((await api.account.get()).actsForMost).toEqual({ organisationId: association.id, name: "Amis du lavoir" });
  });
});
