// A stage a network declares by importing its spreadsheet is the network's word, not a side's: both
// sides confirm it, each once, and it becomes the relationship's stage only when the second does.
import Papa from "papaparse";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { memberships, notifications, projects, relationships, stageChanges } from "@/db/schema";
import { runImport } from "@/server/services/portfolio-import";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeAuthority, makeNetwork, makePerson } from "../support/factories";
import { codeOf } from "../support/trpc-code";

/** A network imports a project whose commune, with its verified mayor, it declares at Observation; the collective then gets a member. */
async function declaredStage(db: Database) {
  const [moderator, mayor, holder] = [await makePerson(db), await makePerson(db), await makePerson(db)];
  const network = await makeNetwork(db, [moderator]);
  const commune = await freeCommune(db, "26");
  await makeAuthority(db, commune.id, [{ person: mayor, verified: true }]);
  const file = Papa.unparse(
    [
      ["identifiant", "titre", "collectif", "commune", "stade"],
      ["D-1", `Laverie solidaire de ${commune.name}`, `Collectif ${commune.code}`, commune.code, "Observation"],
    ],
    { delimiter: ";" },
  );
  await runImport(db, moderator, { networkId: network.id, bytes: new TextEncoder().encode(file) });
  const [project] = await db
    .select()
    .from(projects)
    .where(eq(projects.title, `Laverie solidaire de ${commune.name}`));
  if (!project) throw new Error("not imported");
  await db.insert(memberships).values({ organisationId: project.contactHolderId, userId: holder.userId, role: "admin" });
  const [proposal] = await db
    .select({ id: stageChanges.id, relationshipId: stageChanges.relationshipId })
    .from(stageChanges)
    .innerJoin(relationships, eq(relationships.id, stageChanges.relationshipId))
    .where(eq(relationships.projectId, project.id));
  if (!proposal) throw new Error("no declared stage");
  return { project, network, proposal, mayor, holder, moderator };
}

describe("stages declared by a network", () => {
  const database = useTestDatabase();

  it("wait for both sides: the first confirmation is kept and told to the other side, the second sets the stage", async () => {
    const db = database.db;
    const { project, network, proposal, mayor, holder } = await declaredStage(db);
    const asMayor = callerFor(db, mayor);
    const asHolder = callerFor(db, holder);
    // Shown as the network's: both sides may answer it, neither withdraws it.
    const seen = (await asHolder.project.overview({ projectId: project.id })).relationships[0];
    expect(seen?.pending).toMatchObject({ declaredByNetwork: true, proposedByStructure: network.name, firstAgreedSide: null });
    expect(seen?.can).toMatchObject({ canDecide: true, canWithdraw: false });
    expect((await asMayor.project.overview({ projectId: project.id })).relationships[0]?.can).toMatchObject({ canDecide: true, canWithdraw: false });
    expect((await asHolder.desk.awaiting()).items).toEqual([
      expect.objectContaining({ kind: "proposal", stageChangeId: proposal.id, declaredBy: network.name }),
    ]);
    expect(await codeOf(asHolder.stage.withdraw({ stageChangeId: proposal.id, comment: "" }))).toBe("BAD_REQUEST");

    expect(await asMayor.stage.confirm({ stageChangeId: proposal.id, comment: "" })).toMatchObject({ status: "pending", stage: null });
    const [relationship] = await db.select().from(relationships).where(eq(relationships.id, proposal.relationshipId));
    expect(relationship?.stage).toBeNull();
    expect((await asMayor.project.overview({ projectId: project.id })).relationships[0]?.can.canDecide).toBe(false);
    expect(await codeOf(asMayor.stage.confirm({ stageChangeId: proposal.id, comment: "" }))).toBe("FORBIDDEN");
    const told = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, holder.userId), eq(notifications.kind, "stage_proposed")));
    expect(told).toHaveLength(1);
    expect((await asHolder.project.overview({ projectId: project.id })).relationships[0]?.pending).toMatchObject({ firstAgreedSide: "authority" });

    expect(await asHolder.stage.confirm({ stageChangeId: proposal.id, comment: "" })).toMatchObject({ status: "confirmed", stage: "observation" });
    const [confirmed] = await db.select().from(stageChanges).where(eq(stageChanges.id, proposal.id));
    expect(confirmed).toMatchObject({
      status: "confirmed",
      firstAgreedSide: "authority",
      decidedById: holder.userId,
      decidedByOrganisationId: project.contactHolderId,
    });
    expect((await db.select().from(relationships).where(eq(relationships.id, proposal.relationshipId)))[0]?.stage).toBe("observation");
  });

  it("is declined by either side, which ends it", async () => {
    const db = database.db;
    const { proposal, holder, mayor } = await declaredStage(db);
    await callerFor(db, holder).stage.decline({ stageChangeId: proposal.id, comment: "Nous n'en sommes pas là." });
    const [declined] = await db.select().from(stageChanges).where(eq(stageChanges.id, proposal.id));
    expect(declined?.status).toBe("declined");
    expect(await codeOf(callerFor(db, mayor).stage.confirm({ stageChangeId: proposal.id, comment: "" }))).toBe("CONFLICT");
  });
});
