// A network's portfolio table: paged, sorted and searched by the database, and exported whole.
import { sql, type SQL } from "drizzle-orm";
import { plannedPerCall, selectRows, type DbOrTx } from "@/db";
import type { Stage } from "@/server/domain/gradient";
import type { LegalForm } from "@/server/domain/organisations";
import { PORTFOLIO_PAGE_SIZE, type PortfolioSort } from "@/server/domain/portfolio";
import { assertCanModerateNetwork, type Actor } from "./access";
import { findNetwork } from "./portfolio";
import { anyHolderWhere, coHolderNamesOf } from "./holders";
import { lastActivityOf, portfolioCondition, portfolioProjects, relationshipSummaryOf, type PortfolioFilters } from "./portfolio-scope";
import { containsSearch } from "./search-sql";

// ── The portfolio table ─────────────────────────────────────────────────────────────────────

export type PortfolioQuery = PortfolioFilters & {
  search?: string;
  stage?: Stage | "none";
  sort?: PortfolioSort;
  direction?: "asc" | "desc";
  page?: number;
};

/** Columns of the page's inner select, aliased `p`. */
const SORT_COLUMNS: Record<PortfolioSort, SQL> = {
  title: sql`lower(p.title)`,
  commune: sql`p.search_name`,
  stage: sql`p.best_stage`,
  lastActivity: sql`p.last_activity`,
  identifier: sql`p.identifier`,
};

export async function listPortfolio(db: DbOrTx, actor: Actor | null, query: PortfolioQuery) {
  await assertCanModerateNetwork(db, actor, query.networkId);
  await findNetwork(db, query.networkId);
  return portfolioPage(db, query);
}

/** One page of the portfolio, filtered and sorted by the database; also what the exports read. */
export async function portfolioPage(db: DbOrTx, query: PortfolioQuery, pageSize: number | null = PORTFOLIO_PAGE_SIZE) {
  const page = Math.max(1, query.page ?? 1);
  const direction = query.direction === "desc" ? sql`desc` : sql`asc`;
  const conditions: SQL[] = [portfolioCondition(query)];
  if (query.search) {
    const holderNamed = anyHolderWhere(sql`p.id`, (holder) => containsSearch(holder.name, query.search ?? ""));
    conditions.push(sql`(${containsSearch(sql`p.title`, query.search)} or ${holderNamed} or pi.identifier = ${query.search})`);
  }
  const inPortfolio = portfolioProjects(query);
  const stageFilter = query.stage === undefined ? sql`true` : query.stage === "none" ? sql`best_stage is null` : sql`best_stage = ${query.stage}`;
  const pageQuery = (limit: SQL) =>
    selectRows<{
      id: string;
      title: string;
      collective: string;
      co_holders: string[];
      legal_form: LegalForm;
      commune: string;
      commune_code: string;
      departement: string | null;
      sector: string;
      sector_detail: string;
      jobs_now: number;
      jobs_potential: number;
      identifier: string | null;
      best_stage: Stage | null;
      relationships: number;
      unconfirmed: number;
      last_activity: Date | string;
      total: number;
    }>(
      db,
      plannedPerCall(sql`select *, count(*) over ()::int as total from (
          select p.id, p.title, contact.name as collective, contact.legal_form,
            ${coHolderNamesOf(sql`p.id`, sql`p.contact_holder_id`)} as co_holders, c.name as commune, c.code as commune_code, c.departement_code as departement, p.sector, p.sector_detail, p.jobs_now, p.jobs_potential,
            pi.identifier,
            summary.best_stage,
            coalesce(summary.relationships, 0) as relationships,
            coalesce(summary.unconfirmed, 0) as unconfirmed,
            activity.last_activity,
            c.search_name
          from project p
          join organisation contact on contact.id = p.contact_holder_id
          join territory c on c.id = p.commune_id
          left join portfolio_identifier pi on pi.project_id = p.id and pi.network_id = ${query.networkId}
          left join ${relationshipSummaryOf(inPortfolio)} summary on summary.project_id = p.id
          join ${lastActivityOf(inPortfolio)} activity on activity.project_id = p.id
          where ${sql.join(conditions, sql` and `)}) p
        where ${stageFilter}
        order by ${SORT_COLUMNS[query.sort ?? "title"]} ${direction} nulls last, p.title asc, p.id asc
        ${limit}`),
    );
  const rows = await pageQuery(pageSize === null ? sql`` : sql`limit ${pageSize} offset ${(page - 1) * pageSize}`);
  // Past the last page the window count has no row to ride on: count on its own.
  const total = rows[0]?.total ?? (page > 1 ? ((await pageQuery(sql`limit 1`))[0]?.total ?? 0) : 0);
  return {
    page,
    pageSize,
    total,
    pages: pageSize === null ? 1 : Math.max(1, Math.ceil(total / pageSize)),
    rows: rows.map((row) => ({
      projectId: row.id,
      title: row.title,
      collective: row.collective,
      coHolders: row.co_holders,
      legalForm: row.legal_form,
      commune: row.commune,
      communeCode: row.commune_code,
      departement: row.departement,
      sector: row.sector,
      sectorDetail: row.sector_detail,
      jobsNow: row.jobs_now,
      jobsPotential: row.jobs_potential,
      identifier: row.identifier,
      stage: row.best_stage,
      relationships: row.relationships,
      unconfirmed: row.unconfirmed,
      lastActivity: new Date(row.last_activity),
    })),
  };
}
