// The `co_porteurs` of a network's import: the other holding structures a project's line names, by
// SIREN (a commune or an intercommunality, its authority opened if need be) or by a collective's
// name. A structure with people of its own is invited, its admins answering as they would from the
// project page; a collective of the network's own, or a new one, holds the project at once. A
// structure already party to the project is left as it is: a file never withdraws a holder.
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organisations, projectParties, territories } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import { groupedBy } from "@/server/domain/group-by";
import { openAuthorities } from "./authorities";
import { adminsOf, projectTitles } from "./holders";
import { notify } from "./notifications";
import type { ImportWriting, Resolved } from "./portfolio-import-writes";
import { portfolioCollectivesByName } from "./portfolio-import-writes";

const isSiren = (named: string) => /^\d{9}$/.test(named.replace(/\s/g, ""));
const sirenOf = (named: string) => named.replace(/\s/g, "");

/** The communes and intercommunalities among `sirens`, by SIREN (an EPCI's code is its SIREN). */
export async function territoriesBySiren(db: DbOrTx, sirens: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const part of chunks([...new Set(sirens)])) {
    const rows = await db
      .select({ id: territories.id, siren: territories.siren, code: territories.code, kind: territories.kind })
      .from(territories)
      .where(or(and(eq(territories.kind, "commune"), inArray(territories.siren, part)), and(eq(territories.kind, "epci"), inArray(territories.code, part))));
    for (const row of rows) found.set(row.kind === "epci" ? row.code : (row.siren ?? ""), row.id);
  }
  return found;
}

/** The SIRENs among co-holders as a file names them (spaces dropped). */
export function sirensNamed(named: string[]): string[] {
  return named.filter(isSiren).map(sirenOf);
}

/** The SIRENs of a row's co-holders that name no commune nor intercommunality. */
export function unknownSirens(named: string[], known: Map<string, string>): string[] {
  return sirensNamed(named).filter((siren) => !known.has(siren));
}

/**
 * How a file names a holding structure, as SQL on `organisations` and its `territories` row: a
 * commune or an intercommunality by its SIREN, any other structure by its name. The export writes
 * it; the import reads it back.
 */
export const holderCell = sql<string>`coalesce(case ${territories.kind} when 'epci' then ${territories.code} when 'commune' then ${territories.siren} end, ${organisations.name})`;

/** Each project's holders (active or invited) as a file names them: a row's co-holder already among them changes nothing. */
export async function holderNamesOf(db: DbOrTx, projectIds: string[]): Promise<Map<string, Set<string>>> {
  const named = new Map<string, Set<string>>();
  for (const part of chunks(projectIds)) {
    const rows = await db
      .select({ projectId: projectParties.projectId, cell: holderCell })
      .from(projectParties)
      .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
      .leftJoin(territories, eq(territories.id, organisations.territoryId))
      .where(and(inArray(projectParties.projectId, part), eq(projectParties.role, "holder")));
    for (const row of rows) {
      const names = named.get(row.projectId) ?? new Set<string>();
      names.add(row.cell);
      named.set(row.projectId, names);
    }
  }
  return named;
}

/** The co-holders a row names that its project does not have yet. */
export function newCoHolders(named: string[] | undefined, current: Set<string> | undefined): string[] {
  return (named ?? []).filter((holder) => !current?.has(isSiren(holder) ? sirenOf(holder) : holder));
}

/**
 * Writes the co-holders of the projects' lines, new projects and existing ones alike, inside the
 * import's transaction; tells each invited structure's admins. Returns the projects that gained one.
 */
export async function addCoHolders(writing: ImportWriting, items: Resolved[], projectIds: Map<string, string>): Promise<Set<string>> {
  const current = await holderNamesOf(writing.tx, [...new Set(items.flatMap((item) => projectIds.get(item.row.identifier) ?? []))]);
  const wanted = items.flatMap((item) => {
    const projectId = projectIds.get(item.row.identifier);
    return projectId ? newCoHolders(item.row.coHolders, current.get(projectId)).map((named) => ({ projectId, named })) : [];
  });
  if (wanted.length === 0) return new Set();
  // Public bodies by SIREN: their authorities, opened if nobody has yet; their admins are asked.
  const sirens = await territoriesBySiren(writing.tx, sirensNamed(wanted.map((holder) => holder.named)));
  const authorities = await openAuthorities(writing.tx, [...sirens.values()]);
  // Collectives by name: the portfolio's own hold at once, one with people of its own is asked, a new name is created.
  const names = [...new Set(wanted.filter((holder) => !isSiren(holder.named)).map((holder) => holder.named))];
  const known = await portfolioCollectivesByName(writing.tx, writing.network.id, names);
  const collectiveIds = new Map<string, { id: string; asked: boolean }>();
  for (const [name, entry] of known) {
    if (entry.withMembers) collectiveIds.set(name, { id: entry.withMembers.id, asked: true });
    else if (entry.memberless) collectiveIds.set(name, { id: entry.memberless, asked: false });
  }
  const newNames = names.filter((name) => !collectiveIds.has(name));
  for (const part of chunks(newNames)) {
    const inserted = await writing.tx
      .insert(organisations)
      .values(part.map((name) => ({ kind: "collective" as const, name, legalForm: "other" as const })))
      .returning({ id: organisations.id, name: organisations.name });
    for (const row of inserted) collectiveIds.set(row.name, { id: row.id, asked: false });
  }
  const rows = wanted.flatMap(({ projectId, named }) => {
    const target = isSiren(named)
      ? { id: authorities.get(sirens.get(sirenOf(named)) ?? ""), asked: true }
      : (collectiveIds.get(named) ?? { id: undefined, asked: false });
    return target.id ? [{ projectId, organisationId: target.id, asked: target.asked }] : [];
  });
  const added = new Set<string>();
  for (const part of chunks(rows)) {
    const inserted = await writing.tx
      .insert(projectParties)
      .values(
        part.map((row) => ({
          projectId: row.projectId,
          organisationId: row.organisationId,
          role: "holder" as const,
          status: row.asked ? ("invited" as const) : ("active" as const),
          invitedById: writing.moderatorId,
        })),
      )
      .onConflictDoNothing()
      .returning({ projectId: projectParties.projectId, organisationId: projectParties.organisationId, status: projectParties.status });
    for (const row of inserted) {
      added.add(row.projectId);
      writing.audit.push({
        actorId: writing.moderatorId,
        entity: "project_party",
        entityId: `${row.projectId}:${row.organisationId}`,
        projectId: row.projectId,
        action: row.status === "invited" ? "invite" : "add",
        changes: [{ field: "holder", before: null, after: row.organisationId }],
      });
    }
    await tellInvited(
      writing,
      inserted.filter((row) => row.status === "invited"),
    );
  }
  return added;
}

/** Each invited structure's admins are told, as when a holder invites it from the project page. */
async function tellInvited(writing: ImportWriting, invited: { projectId: string; organisationId: string }[]) {
  if (invited.length === 0) return;
  const titles = await projectTitles(writing.tx, [...new Set(invited.map((row) => row.projectId))]);
  for (const [organisationId, rows] of groupedBy(invited, (row) => row.organisationId)) {
    const [structure] = await writing.tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
    const admins = await adminsOf(writing.tx, organisationId);
    for (const row of rows) {
      await notify(writing.tx, {
        userIds: admins,
        kind: "co_holding",
        projectId: null,
        actorId: writing.moderatorId,
        payload: { event: "invited", title: titles.get(row.projectId) ?? "", organisation: structure?.name ?? "", organisationId },
      });
    }
  }
}
