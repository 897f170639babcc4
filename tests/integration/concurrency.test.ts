// What must hold when several people act at the same moment, on several connections.
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, organisations } from "@/db/schema";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makePerson } from "../support/factories";
import { testServerUrl } from "../support/test-database";

const onPostgres = testServerUrl() !== null;

describe("concurrency", () => {
  const database = useTestDatabase();

  it.runIf(onPostgres)("ten officials joining an authority with nobody in it at once make exactly one first admin (PostgreSQL only)", async () => {
    const db = database.db;
    const commune = await freeCommune(db, "42");
    // Its page exists but nobody speaks for it (everyone left): the race is on who comes first.
    await makeAuthority(db, commune.id);
    const people = await Promise.all(Array.from({ length: 10 }, () => makePerson(db)));
    const results = await Promise.allSettled(
      people.map((person) => callerFor(db, person).organisation.joinAuthority({ territoryId: commune.id, office: "conseiller_municipal" })),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const authorities = await db.select().from(organisations).where(eq(organisations.territoryId, commune.id));
    expect(authorities).toHaveLength(1);
    const [admins] = await db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.organisationId, authorities[0]?.id ?? ""), eq(memberships.role, "admin")));
    expect(admins?.n).toBe(1);
  });
});
