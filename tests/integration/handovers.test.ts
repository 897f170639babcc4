// A network's import that names a collective with its own people: the project waits on the
// network's side, the collective's admins are told, and they take it over or decline.
import { and, eq } from "drizzle-orm";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { handovers, notifications, organisations, outboxEmails, projects, users } from "@/db/schema";
import { acceptInvitation } from "@/server/services/invitations";
import { planImport, runImport } from "@/server/services/portfolio-import";
import { useTestDatabase } from "../support/db";
import { callerFor, freeCommune, makeNetwork, makePerson } from "../support/factories";
import { codeOf } from "../support/trpc-code";

const file = (lines: string[][]) => new TextEncoder().encode(Papa.unparse(lines, { delimiter: ";" }));

/** A network whose first import made « Le Comptoir … », which Inès then joined: a collective with its own people. */
async function comptoirWithPeople(db: Database) {
  const unique = crypto.randomUUID().slice(0, 8);
  const name = `Le Comptoir ${unique}`;
  const email = `ines-${unique}@comptoir.test`;
  const moderator = await makePerson(db);
  const network = await makeNetwork(db, [moderator]);
  const communes = [await freeCommune(db, "26"), await freeCommune(db, "26")] as const;
  await runImport(db, moderator, {
    networkId: network.id,
    bytes: file([
      ["identifiant", "titre", "collectif", "commune", "courriel_collectif"],
      ["C-1", "Café associatif", name, communes[0].code, email],
    ]),
  });
  const [mail] = await db.select().from(outboxEmails).where(eq(outboxEmails.to, email));
  const accepted = await acceptInvitation(db, mail?.text.match(/\/invitation\/([\w-]+)/)?.[1] ?? "", null);
  if (accepted.status !== 200) throw new Error("Inès could not join");
  const [ines] = await db.select().from(users).where(eq(users.email, email));
  const [comptoir] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.kind, "collective"), eq(organisations.name, name)));
  if (!ines || !comptoir) throw new Error("no Inès or no Comptoir");
  const secondRow = file([
    ["identifiant", "titre", "collectif", "commune"],
    ["C-2", "Épicerie du Comptoir", name, communes[1].code],
  ]);
  return { moderator, network, comptoir, ines: { userId: ines.id, isPlatformAdmin: false }, secondRow };
}

describe("handing an imported project over to an existing collective", () => {
  const database = useTestDatabase();

  it("waits for the collective's admin, who is told, then takes it over: the project becomes theirs", async () => {
    const db = database.db;
    const { moderator, network, comptoir, ines, secondRow } = await comptoirWithPeople(db);

    // The dry run says who will be asked; nothing is written.
    expect(await planImport(db, moderator, { networkId: network.id, bytes: secondRow })).toMatchObject({
      creates: 1,
      handovers: 1,
      handoverCollectives: [comptoir.name],
    });
    expect(await runImport(db, moderator, { networkId: network.id, bytes: secondRow })).toMatchObject({ created: 1, handovers: 1 });

    // The project is not theirs yet: led by a stand-in of the network's, out of Inès's sight.
    const [waiting] = await db.select().from(handovers).where(eq(handovers.collectiveId, comptoir.id));
    const projectId = waiting?.projectId ?? "";
    const [project] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(project?.contactHolderId).not.toBe(comptoir.id);
    const asInes = callerFor(db, ines);
    expect((await asInes.project.listMine()).map((mine) => mine.title)).toEqual(["Café associatif"]);
    expect(await codeOf(asInes.project.get({ projectId }))).toBe("NOT_FOUND");

    // Inès is told, with a way to her collective's page; she sees the proposal there.
    const [told] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, ines.userId), eq(notifications.kind, "portfolio")));
    expect(told).toMatchObject({
      projectId: null,
      payload: expect.objectContaining({ event: "handover", organisationId: comptoir.id, title: "Épicerie du Comptoir" }),
    });
    expect(await asInes.portfolio.handovers({ collectiveId: comptoir.id })).toEqual([
      expect.objectContaining({ id: waiting?.id, projectTitle: "Épicerie du Comptoir", networkName: network.name }),
    ]);

    // She takes it over: the project is the Comptoir's, the stand-in is gone, the network is told.
    expect(await asInes.portfolio.answerHandover({ handoverId: waiting?.id ?? "", accept: true })).toEqual({ handoverId: waiting?.id, accepted: true });
    const [taken] = await db.select().from(projects).where(eq(projects.id, projectId));
    expect(taken?.contactHolderId).toBe(comptoir.id);
    expect(
      await db
        .select()
        .from(organisations)
        .where(eq(organisations.id, project?.contactHolderId ?? "")),
    ).toEqual([]);
    expect((await asInes.project.get({ projectId })).can.edit).toBe(true);
    expect(await asInes.portfolio.handovers({ collectiveId: comptoir.id })).toEqual([]);
    const [networkTold] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, moderator.userId), eq(notifications.projectId, projectId)));
    expect(networkTold?.payload).toMatchObject({ event: "handover_accepted", organisation: comptoir.name });
    // Answered once only.
    expect(await codeOf(asInes.portfolio.answerHandover({ handoverId: waiting?.id ?? "", accept: false }))).toBe("CONFLICT");
  });

  it("leaves a declined project with the network, and lets only the collective's admins answer", async () => {
    const db = database.db;
    const { moderator, network, comptoir, ines, secondRow } = await comptoirWithPeople(db);
    await runImport(db, moderator, { networkId: network.id, bytes: secondRow });
    const [waiting] = await db.select().from(handovers).where(eq(handovers.collectiveId, comptoir.id));
    const handoverId = waiting?.id ?? "";

    // The moderator cannot answer for the collective; a stranger does not even see it.
    expect(await codeOf(callerFor(db, moderator).portfolio.answerHandover({ handoverId, accept: true }))).toBe("NOT_FOUND");
    expect(await codeOf(callerFor(db, await makePerson(db)).portfolio.answerHandover({ handoverId, accept: true }))).toBe("NOT_FOUND");

    await callerFor(db, ines).portfolio.answerHandover({ handoverId, accept: false });
    const [project] = await db
      .select()
      .from(projects)
      .where(eq(projects.id, waiting?.projectId ?? ""));
    expect(project?.contactHolderId).not.toBe(comptoir.id);
    // Still the network's to keep: its moderator reads it and may invite its people.
    expect((await callerFor(db, moderator).project.get({ projectId: project?.id ?? "" })).can.invite).toBe(true);
    expect(await callerFor(db, ines).portfolio.handovers({ collectiveId: comptoir.id })).toEqual([]);
  });
});
