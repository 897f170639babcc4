// A SIRET names an organisation: a mairie's or an intercommunality's makes its holder a verified
// member of that authority, with the log saying ProConnect vouched, and nothing else changes.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { changeLog, memberships, organisations } from "@/db/schema";
import { recogniseAuthorityBySiret } from "@/server/services/siret-recognition";
import { useTestDatabase } from "../support/db";
import { callerFor, makePerson } from "../support/factories";

/** The mairie of Die: SIREN 212601132, and an establishment number. */
const DIE_SIRET = "21260113200011";

describe("recognising an authority from a SIRET", () => {
  const database = useTestDatabase();

  it("makes an agent of the mairie of Die a verified member of the Commune de Die, its first admin, logged as vouched by ProConnect", async () => {
    const db = database.db;
    const agent = await makePerson(db);
    const recognised = await recogniseAuthorityBySiret(db, agent.userId, DIE_SIRET);
    expect(recognised).toMatchObject({ authorityName: "Commune de Die", newlyVerified: true });

    const [membership] = await db
      .select()
      .from(memberships)
      .where(eq(memberships.id, recognised?.membershipId ?? ""));
    expect(membership).toMatchObject({ userId: agent.userId, role: "admin", office: null, verifiedById: null });
    expect(membership?.verifiedAt).toBeInstanceOf(Date);
    const [logged] = await db
      .select()
      .from(changeLog)
      .where(and(eq(changeLog.entityId, membership?.id ?? ""), eq(changeLog.action, "verify")));
    expect(logged?.changes).toEqual(
      expect.arrayContaining([
        { field: "verifiedBy", before: null, after: "ProConnect" },
        { field: "siret", before: null, after: DIE_SIRET },
      ]),
    );
    // Verified, they act for the commune at once: its page shows its people to them.
    expect((await callerFor(db, agent).organisation.get({ organisationId: recognised?.authorityId ?? "" })).awaitingVerification).toBe(false);
  });

  it("verifies a claim already waiting, makes a later agent a member, and changes nothing the second time", async () => {
    const db = database.db;
    const [claimant, later] = [await makePerson(db), await makePerson(db)];
    const { organisationId } = await callerFor(db, claimant).organisation.joinAuthority({ territoryId: "epci-242600534", office: "agent" });
    const first = await recogniseAuthorityBySiret(db, claimant.userId, "242 600 534 00017");
    expect(first).toMatchObject({ authorityId: organisationId, newlyVerified: true });
    const [claim] = await db
      .select()
      .from(memberships)
      .where(eq(memberships.id, first?.membershipId ?? ""));
    expect(claim).toMatchObject({ office: "agent", role: "admin" });

    expect(await recogniseAuthorityBySiret(db, later.userId, "24260053400017")).toMatchObject({ newlyVerified: true });
    const [member] = await db
      .select()
      .from(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, later.userId)));
    expect(member?.role).toBe("member");
    const logBefore = await db.select().from(changeLog);
    expect(await recogniseAuthorityBySiret(db, later.userId, "24260053400017")).toMatchObject({ newlyVerified: false });
    expect(await db.select().from(changeLog)).toHaveLength(logBefore.length);
  });

  it("recognises nothing for a SIREN of no territory, or what is not a SIRET", async () => {
    const db = database.db;
    const person = await makePerson(db);
    const authoritiesBefore = await db.select().from(organisations).where(eq(organisations.kind, "authority"));
    // A State agency's SIRET, and a malformed one.
    expect(await recogniseAuthorityBySiret(db, person.userId, "13002526500013")).toBeNull();
    expect(await recogniseAuthorityBySiret(db, person.userId, "2126011320001")).toBeNull();
    expect(await db.select().from(memberships).where(eq(memberships.userId, person.userId))).toEqual([]);
    expect(await db.select().from(organisations).where(eq(organisations.kind, "authority"))).toHaveLength(authoritiesBefore.length);
  });
});
