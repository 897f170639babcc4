// A network's portfolio as its export writes it: one line per project and relationship, in the
// import's columns, so that the file goes back in (export → import → nothing to change).
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organisations, projectParties, projects, relationships, stageChanges, territories } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import type { Stage } from "@/server/domain/gradient";
import { groupedBy } from "@/server/domain/group-by";
import type { ExportRow } from "@/server/domain/spreadsheet";
import type { TerritoryKind } from "@/server/domain/territories";
import { holderCell } from "./portfolio-import-holders";
import { portfolioPage, type PortfolioQuery } from "./portfolio-table";

export async function portfolioExportLines(db: DbOrTx, query: PortfolioQuery): Promise<ExportRow[]> {
  const { rows } = await portfolioPage(db, { ...query, page: 1 }, null);
  const summaries = new Map<string, string>();
  const coHolders: { projectId: string; cell: string }[] = [];
  const relationshipRows: { projectId: string; stage: Stage | null; territoryKind: TerritoryKind; territoryCode: string }[] = [];
  for (const part of chunks(rows.map((row) => row.projectId))) {
    const [summaryRows, holderRows, relationshipPart] = await Promise.all([
      db.select({ id: projects.id, summary: projects.summary }).from(projects).where(inArray(projects.id, part)),
      db
        .select({ projectId: projectParties.projectId, cell: holderCell })
        .from(projectParties)
        .innerJoin(projects, eq(projects.id, projectParties.projectId))
        .innerJoin(organisations, eq(organisations.id, projectParties.organisationId))
        .leftJoin(territories, eq(territories.id, organisations.territoryId))
        .where(
          and(
            inArray(projectParties.projectId, part),
            eq(projectParties.role, "holder"),
            eq(projectParties.status, "active"),
            ne(projectParties.organisationId, projects.contactHolderId),
          ),
        )
        .orderBy(asc(projectParties.createdAt), asc(organisations.name)),
      // A relationship's stage as the import would declare it: the confirmed one, else the one proposed while it waits.
      db
        .select({
          projectId: relationships.projectId,
          stage: sql<Stage | null>`coalesce(${relationships.stage}, (select sc.to_stage from ${stageChanges} sc where sc.relationship_id = ${relationships.id} and sc.status = 'pending'))`,
          territoryKind: territories.kind,
          territoryCode: territories.code,
        })
        .from(relationships)
        .innerJoin(organisations, eq(organisations.id, relationships.authorityId))
        .innerJoin(territories, eq(territories.id, organisations.territoryId))
        .where(inArray(relationships.projectId, part))
        .orderBy(asc(relationships.createdAt), asc(relationships.id)),
    ]);
    for (const row of summaryRows) summaries.set(row.id, row.summary);
    coHolders.push(...holderRows);
    relationshipRows.push(...relationshipPart);
  }
  const coHoldersOf = groupedBy(coHolders, (row) => row.projectId);
  const relationshipsOf = groupedBy(relationshipRows, (row) => row.projectId);
  return rows.flatMap((row): ExportRow[] => {
    const project = {
      identifier: row.identifier,
      title: row.title,
      collective: row.collective,
      legalForm: row.legalForm,
      communeCode: row.communeCode,
      commune: row.commune,
      departement: row.departement,
      sector: row.sector,
      sectorDetail: row.sectorDetail,
      summary: summaries.get(row.projectId) ?? "",
      jobsNow: row.jobsNow,
      jobsPotential: row.jobsPotential,
      coHolders: (coHoldersOf.get(row.projectId) ?? []).map((holder) => holder.cell),
      bestStage: row.stage,
      relationships: row.relationships,
      unconfirmed: row.unconfirmed,
      lastActivity: row.lastActivity,
    };
    // A relationship with no stage to declare (a starting stage refused) has no line of its own.
    const staged = (relationshipsOf.get(row.projectId) ?? []).flatMap((relationship) =>
      relationship.stage ? [{ stage: relationship.stage, territoryKind: relationship.territoryKind, territoryCode: relationship.territoryCode }] : [],
    );
    return staged.length === 0 ? [{ ...project, relationship: null }] : staged.map((relationship) => ({ ...project, relationship }));
  });
}
