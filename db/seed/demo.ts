// Demo organisations, people and projects around Die (Drôme). Idempotent: fixed ids, insert-if-absent.
import { DEMO_IDS, DEMO_PEOPLE, demoPerson, type DemoPersonKey } from "@/server/domain/demo";
import { openAuthorities } from "@/server/services/authorities";
import type { Side } from "@/server/domain/gradient";
import type { Database } from "../index";
import {
  barometerAnswerSets,
  changeLog,
  fundingLines,
  mediationNotes,
  memberships,
  milestoneLevers,
  milestoneRelationships,
  milestones,
  notifications,
  organisations,
  projectCommunes,
  projectParties,
  projects,
  relationships,
  stageChanges,
  users,
} from "../schema";
import {
  DEMO_AUTHORITIES,
  DEMO_COLLECTIVES,
  DEMO_PROJECTS,
  answersFeeling,
  demoUuid,
  milestonesOf,
  type DemoAuthority,
  type DemoHolder,
  type DemoProject,
} from "./demo-gradient";

const EXTRA_OFFICIALS_DOMAIN = "mairies.demo-maillage.test";
const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, ".");

const projectIdOf = (project: DemoProject) => (project.n === 1 ? DEMO_IDS.project : project.n === 2 ? DEMO_IDS.secondProject : demoUuid(0xb00 + project.n));
const at = (isoDate: string, days = 0) => new Date(new Date(`${isoDate}T10:00:00Z`).getTime() + days * 24 * 60 * 60 * 1000);

export async function seedDemo(db: Database): Promise<{ people: number; projects: number }> {
  return db.transaction(async (tx) => {
    // People: the one-click demo cast, and the officials of the smaller authorities.
    const extraOfficials = Object.values(DEMO_AUTHORITIES).flatMap((authority) => (typeof authority.official === "string" ? [] : [authority.official]));
    await tx
      .insert(users)
      .values([
        ...DEMO_PEOPLE.map((person) => ({
          name: person.name,
          email: person.email,
          emailVerified: new Date("2026-01-05T09:00:00Z"),
          isPlatformAdmin: person.key === "platformAdmin",
        })),
        ...extraOfficials.map((official) => ({ name: official.name, email: `${slug(official.name)}@${EXTRA_OFFICIALS_DOMAIN}` })),
      ])
      .onConflictDoNothing({ target: users.email });
    const people = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users);
    const userIdByEmail = new Map(people.map((person) => [person.email, person.id]));
    const demoUserId = (key: DemoPersonKey) => {
      const id = userIdByEmail.get(demoPerson(key).email);
      if (!id) throw new Error(`demo person ${key} missing`);
      return id;
    };
    const officialOf = (authority: DemoAuthority) => {
      const official = DEMO_AUTHORITIES[authority].official;
      const id = typeof official === "string" ? demoUserId(official) : userIdByEmail.get(`${slug(official.name)}@${EXTRA_OFFICIALS_DOMAIN}`);
      if (!id) throw new Error(`official of ${authority} missing`);
      return id;
    };

    // Authorities, opened on their territories.
    const territoryIds = Object.values(DEMO_AUTHORITIES).map((authority) => authority.territoryId);
    const authorityIds = await openAuthorities(tx, territoryIds);
    if (authorityIds.size !== new Set(territoryIds).size) throw new Error("demo territories missing: load the territories first");
    const authorityIdOf = (authority: DemoAuthority) => {
      const id = authorityIds.get(DEMO_AUTHORITIES[authority].territoryId);
      if (!id) throw new Error(`authority ${authority} missing`);
      return id;
    };

    await tx
      .insert(organisations)
      .values([
        ...Object.values(DEMO_COLLECTIVES).map((collective) => ({
          id: collective.id,
          kind: "collective" as const,
          name: collective.name,
          legalForm: collective.legalForm,
        })),
        { id: DEMO_IDS.network, kind: "network" as const, name: "Réseau coopératif Drôme-Ardèche" },
      ])
      .onConflictDoNothing();

    const verifiedAt = new Date("2026-01-06T10:00:00Z");
    const platformAdmin = demoUserId("platformAdmin");
    await tx
      .insert(memberships)
      .values([
        {
          organisationId: authorityIdOf("die"),
          userId: demoUserId("mayor"),
          role: "admin" as const,
          office: "maire" as const,
          verifiedAt,
          verifiedById: platformAdmin,
        },
        { organisationId: authorityIdOf("die"), userId: demoUserId("councillor"), role: "member" as const, office: "conseiller_municipal" as const },
        {
          organisationId: authorityIdOf("diois"),
          userId: demoUserId("epciOfficial"),
          role: "admin" as const,
          office: "vice_president" as const,
          verifiedAt,
          verifiedById: platformAdmin,
        },
        ...(Object.keys(DEMO_AUTHORITIES) as DemoAuthority[]).flatMap((key) => {
          const official = DEMO_AUTHORITIES[key].official;
          return typeof official === "string"
            ? []
            : [
                {
                  organisationId: authorityIdOf(key),
                  userId: officialOf(key),
                  role: "admin" as const,
                  office: official.office,
                  verifiedAt,
                  verifiedById: platformAdmin,
                },
              ];
        }),
        ...Object.values(DEMO_COLLECTIVES).flatMap((collective) => [
          { organisationId: collective.id, userId: demoUserId(collective.admin), role: "admin" as const },
          ...collective.members.map((member) => ({ organisationId: collective.id, userId: demoUserId(member), role: "member" as const })),
        ]),
        { organisationId: DEMO_IDS.network, userId: demoUserId("moderator"), role: "moderator" as const },
      ])
      .onConflictDoNothing();
    // Lucas Bernard's claim waits for the mayor, who is told as the app tells a verifier.
    await tx
      .insert(notifications)
      .values({
        id: demoUuid(0x1a0001),
        userId: demoUserId("mayor"),
        kind: "membership",
        projectId: null,
        actorId: demoUserId("councillor"),
        payload: { event: "claim", organisation: "Commune de Die", organisationId: authorityIdOf("die") },
      })
      .onConflictDoNothing();

    for (const project of DEMO_PROJECTS) await seedProject(tx as unknown as Database, project, { demoUserId, officialOf, authorityIdOf });
    return { people: DEMO_PEOPLE.length, projects: DEMO_PROJECTS.length };
  });
}

type Lookups = {
  demoUserId: (key: DemoPersonKey) => string;
  officialOf: (authority: DemoAuthority) => string;
  authorityIdOf: (authority: DemoAuthority) => string;
};

async function seedProject(tx: Database, project: DemoProject, lookups: Lookups) {
  const projectId = projectIdOf(project);
  const collective = DEMO_COLLECTIVES[project.collective];
  const collectiveUser = lookups.demoUserId(collective.admin);
  // A holding structure and the person who speaks for it: its admin, or a public body's official.
  const holderOf = (holder: DemoHolder | undefined) =>
    holder === undefined
      ? { organisationId: collective.id, userId: collectiveUser }
      : "collective" in holder
        ? { organisationId: DEMO_COLLECTIVES[holder.collective].id, userId: lookups.demoUserId(DEMO_COLLECTIVES[holder.collective].admin) }
        : { organisationId: lookups.authorityIdOf(holder.authority), userId: lookups.officialOf(holder.authority) };
  const created = await tx
    .insert(projects)
    .values({
      id: projectId,
      title: project.title,
      summary: project.summary,
      contactHolderId: collective.id,
      communeId: project.communes[0] ?? "commune-26113",
      sector: project.sector,
      collectiveStage: project.collectiveStage,
      jobsNow: project.jobsNow,
      jobsPotential: project.jobsPotential,
      needs: project.needs,
      visibility: project.public ? "public" : "territory",
      createdById: collectiveUser,
      createdAt: at(project.relationships[0]?.steps[0]?.on ?? "2025-01-01", -60),
      updatedAt: at(project.relationships.flatMap((relationship) => relationship.steps).at(-1)?.on ?? "2026-01-01"),
    })
    .onConflictDoNothing()
    .returning({ id: projects.id });
  if (created.length > 0) {
    await tx.insert(changeLog).values({
      actorId: collectiveUser,
      entity: "project",
      entityId: projectId,
      projectId,
      action: "create",
      changes: [{ field: "title", before: null, after: project.title }],
      version: 1,
    });
  }
  await tx
    .insert(projectCommunes)
    .values(project.communes.map((communeId) => ({ projectId, communeId })))
    .onConflictDoNothing();
  if (created.length > 0 && project.funding.length > 0) {
    await tx.insert(fundingLines).values(project.funding.map((line, position) => ({ ...line, projectId, position })));
  }
  await tx
    .insert(projectParties)
    .values([
      { projectId, organisationId: collective.id, role: "holder" as const },
      ...(project.coHolders ?? []).map((holder) => ({ projectId, organisationId: holderOf(holder).organisationId, role: "holder" as const })),
      ...project.relationships.map((relationship) => ({
        projectId,
        organisationId: lookups.authorityIdOf(relationship.authority),
        role: "authority" as const,
      })),
      ...(project.heldByNetwork ? [{ projectId, organisationId: DEMO_IDS.network, role: "network" as const }] : []),
    ])
    .onConflictDoNothing();

  for (const [index, relationship] of project.relationships.entries()) {
    const relationshipId = demoUuid(0xd00000 + project.n * 10 + index);
    const authorityUser = lookups.officialOf(relationship.authority);
    const authorityId = lookups.authorityIdOf(relationship.authority);
    const userOf = (side: Side) => (side === "collective" ? collectiveUser : authorityUser);
    const otherOf = (side: Side): Side => (side === "collective" ? "authority" : "collective");
    // Who spoke for a side of a stage change: the authority, or the holding structure the step names.
    const speakerOf = (side: Side, holder?: DemoHolder) => (side === "collective" ? holderOf(holder) : { organisationId: authorityId, userId: authorityUser });
    await tx
      .insert(relationships)
      .values({
        id: relationshipId,
        projectId,
        authorityId,
        stage: relationship.steps.at(-1)?.stage ?? null,
        createdAt: at(relationship.steps[0]?.on ?? "2025-01-01", -7),
      })
      .onConflictDoNothing();
    await tx
      .insert(stageChanges)
      .values([
        ...relationship.steps.map((step, stepIndex) => ({
          id: demoUuid(0xe00000 + project.n * 100 + index * 10 + stepIndex),
          relationshipId,
          fromStage: stepIndex === 0 ? null : (relationship.steps[stepIndex - 1]?.stage ?? null),
          toStage: step.stage,
          reason: step.reason,
          proposedSide: step.by,
          proposedById: speakerOf(step.by, step.holder).userId,
          proposedByOrganisationId: speakerOf(step.by, step.holder).organisationId,
          proposedAt: at(step.on, -7),
          status: "confirmed" as const,
          decidedById: speakerOf(otherOf(step.by), step.holder).userId,
          decidedByOrganisationId: speakerOf(otherOf(step.by), step.holder).organisationId,
          decidedAt: at(step.on),
        })),
        ...(relationship.pending
          ? [
              {
                id: demoUuid(0xe00000 + project.n * 100 + index * 10 + 9),
                relationshipId,
                fromStage: relationship.steps.at(-1)?.stage ?? null,
                toStage: relationship.pending.to,
                reason: relationship.pending.reason,
                proposedSide: relationship.pending.by,
                proposedById: speakerOf(relationship.pending.by, relationship.pending.holder).userId,
                proposedByOrganisationId: speakerOf(relationship.pending.by, relationship.pending.holder).organisationId,
                proposedAt: at(relationship.pending.on),
                status: "pending" as const,
              },
            ]
          : []),
      ])
      .onConflictDoNothing();
    if (relationship.pending?.note) {
      await tx
        .insert(mediationNotes)
        .values({
          id: demoUuid(0xf00000 + project.n * 10 + index),
          stageChangeId: demoUuid(0xe00000 + project.n * 100 + index * 10 + 9),
          authorId: lookups.demoUserId("moderator"),
          networkId: DEMO_IDS.network,
          text: relationship.pending.note,
          createdAt: at(relationship.pending.on, 3),
        })
        .onConflictDoNothing();
    }

    const generated = milestonesOf(project, index);
    if (generated.length > 0) {
      await tx
        .insert(milestones)
        .values(
          generated.map((milestone) => ({
            id: milestone.id,
            projectId,
            kind: milestone.kind,
            title: milestone.title,
            occursOn: milestone.occursOn,
            status: milestone.status,
            recordedSide: milestone.recordedSide,
            recordedById: userOf(milestone.recordedSide),
            createdAt: at(milestone.occursOn, 1),
            updatedAt: at(milestone.occursOn, 1),
          })),
        )
        .onConflictDoNothing();
      await tx
        .insert(milestoneRelationships)
        .values(
          generated.map((milestone) => ({
            milestoneId: milestone.id,
            relationshipId,
            confirmation: milestone.confirmation,
            comment: milestone.comment,
            decidedById: milestone.confirmation === "pending" ? null : userOf(otherOf(milestone.recordedSide)),
            decidedAt: milestone.confirmation === "pending" ? null : at(milestone.occursOn, 4),
          })),
        )
        .onConflictDoNothing();
      const levers = generated.flatMap((milestone) => milestone.levers.map((leverId) => ({ milestoneId: milestone.id, leverId })));
      if (levers.length > 0) await tx.insert(milestoneLevers).values(levers).onConflictDoNothing();
    }

    if (relationship.feels) {
      await tx
        .insert(barometerAnswerSets)
        .values([
          {
            id: demoUuid(0x900000 + project.n * 10 + index * 2),
            relationshipId,
            side: "collective" as const,
            respondentId: collectiveUser,
            answeredAt: new Date("2026-10-20T09:00:00Z"),
            answers: answersFeeling(relationship.feels.collective, project.n),
          },
          {
            id: demoUuid(0x900000 + project.n * 10 + index * 2 + 1),
            relationshipId,
            side: "authority" as const,
            respondentId: authorityUser,
            answeredAt: new Date("2026-10-27T09:00:00Z"),
            answers: answersFeeling(relationship.feels.authority, project.n + 1),
          },
        ])
        .onConflictDoNothing();
    }
  }
}
