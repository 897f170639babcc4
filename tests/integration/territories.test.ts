// The whole official reference: every commune and EPCI loaded, and found whatever the spelling.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { territories } from "@/db/schema";
import { loadTerritories, readTerritoryRows } from "@/db/seed/territories";
import { useTestDatabase } from "../support/db";
import { callerFor } from "../support/factories";

describe("territories from @etalab/decoupage-administratif", () => {
  const database = useTestDatabase();
  let expected: Awaited<ReturnType<typeof readTerritoryRows>>;

  beforeAll(async () => {
    expected = await readTerritoryRows();
    await loadTerritories(database.db);
  });

  async function countOf(kind: "commune" | "epci" | "departement" | "region") {
    const [row] = await database.db.select({ n: count() }).from(territories).where(eq(territories.kind, kind));
    return row?.n ?? 0;
  }

  it("has every current commune and every EPCI, département and région", async () => {
    const communes = expected.filter((row) => row.kind === "commune").length;
    expect(communes).toBeGreaterThan(34_000);
    expect(await countOf("commune")).toBe(communes);
    expect(await countOf("epci")).toBe(expected.filter((row) => row.kind === "epci").length);
    expect(await countOf("epci")).toBeGreaterThan(1_200);
    expect(await countOf("departement")).toBe(expected.filter((row) => row.kind === "departement").length);
    expect(await countOf("region")).toBe(expected.filter((row) => row.kind === "region").length);
  });

  it("knows each commune's and EPCI's SIREN, and fills them into a database loaded before it had them", async () => {
    const bySiren = async (siren: string) => (await database.db.select({ id: territories.id }).from(territories).where(eq(territories.siren, siren)))[0]?.id;
    expect(await bySiren("212601132")).toBe("commune-26113");
    const [diois] = await database.db.select().from(territories).where(eq(territories.id, "epci-242600534"));
    expect(diois?.siren).toBe("242600534");
    const [drome] = await database.db.select().from(territories).where(eq(territories.id, "departement-26"));
    expect(drome?.siren).toBeNull();

    await database.db.update(territories).set({ siren: null });
    const reload = await loadTerritories(database.db);
    expect(reload.skipped).toBe(false);
    expect(await bySiren("212601132")).toBe("commune-26113");
  });

  it("changes nothing when loaded again", async () => {
    const before = await database.db.execute(sql`select md5(string_agg(t::text, '|' order by t.id)) as digest from territory t`);
    const again = await loadTerritories(database.db);
    const after = await database.db.execute(sql`select md5(string_agg(t::text, '|' order by t.id)) as digest from territory t`);
    expect(again.skipped).toBe(true);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
  });

  it("links each commune to its EPCI, département and région", async () => {
    const [die] = await database.db.select().from(territories).where(eq(territories.id, "commune-26113"));
    expect(die).toMatchObject({
      name: "Die",
      departementCode: "26",
      regionCode: "84",
      epciCode: "242600534",
      postalCodes: ["26150"],
    });
    expect(die?.population).toBeGreaterThan(4_000);
    const [members] = await database.db.select({ n: count() }).from(territories).where(eq(territories.epciCode, "242600534"));
    const diois = expected.find((row) => row.id === "epci-242600534");
    expect(diois?.name).toBe("CC du Diois");
    expect(members?.n).toBe(expected.filter((row) => row.epciCode === "242600534").length);
  });

  describe("search", () => {
    const search = (query: string, kinds?: ("commune" | "epci" | "departement" | "region")[]) =>
      callerFor(database.db, null).territory.search({ query, kinds, limit: 5 });

    it('finds Saint-Étienne from "st etienne", "saint etienne" and "SAINT-ÉTIENNE"', async () => {
      for (const query of ["st etienne", "saint etienne", "SAINT-ÉTIENNE", "Saint Etienne"]) {
        const [first] = await search(query);
        expect(first, query).toMatchObject({ id: "commune-42218", name: "Saint-Étienne" });
      }
    });

    it('puts Die first for "die", before Dieppe and the names that contain it', async () => {
      const results = await search("die");
      expect(results[0]).toMatchObject({ id: "commune-26113", name: "Die" });
      expect(results.map((territory) => territory.name)).toContain("Dieppe");
    });

    it("finds a commune by INSEE code and by postal code, Corsica included", async () => {
      expect((await search("26113"))[0]?.name).toBe("Die");
      expect((await search("26150")).map((territory) => territory.name)).toContain("Die");
      expect((await search("2A004"))[0]?.name).toBe("Ajaccio");
      expect((await search("2a004"))[0]?.name).toBe("Ajaccio");
    });

    it("finds intercommunalities, départements and régions, and filters by kind", async () => {
      expect((await search("diois", ["epci"]))[0]).toMatchObject({ name: "CC du Diois", epciType: "CC" });
      expect((await search("drome", ["departement"]))[0]).toMatchObject({ name: "Drôme", code: "26" });
      expect((await search("auvergne rhone alpes", ["region"]))[0]).toMatchObject({ code: "84" });
      expect((await search("die", ["epci"])).every((territory) => territory.kind === "epci")).toBe(true);
    });

    it("forgives a typo when nothing matches as typed", async () => {
      expect((await search("marseile"))[0]?.name).toBe("Marseille");
    });

    it("answers nothing, not an error, for a query that matches nothing", async () => {
      expect(await search("zzzzqqqq")).toEqual([]);
    });
  });
});
