// What a network's portfolio is, for its dashboard and its table: the projects its filters keep,
// the period in Paris time, each project's last activity and its relationships' summaries.
import { sql, type SQL } from "drizzle-orm";
import type { LegalForm } from "@/server/domain/organisations";
import { DomainError } from "@/server/errors";
import { anyHolderWhere } from "./holders";

export type PortfolioFilters = {
  networkId: string;
  /** A région, département or EPCI: the projects based in a commune within it. */
  territoryId?: string;
  legalForm?: LegalForm;
  sector?: string;
  /** The period, as days (YYYY-MM-DD), both included; by default the twelve months to today. */
  from?: string;
  to?: string;
};

export type Period = { from: string; to: string };

export const PARIS = "Europe/Paris";

export function todayInParis(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: PARIS, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The period asked for, or the last twelve months to today. */
export function periodOf(filters: { from?: string; to?: string }, now = new Date()): Period {
  const to = filters.to ?? todayInParis(now);
  if (filters.from) {
    if (filters.from > to) throw new DomainError("BAD_REQUEST", "periodReversed");
    return { from: filters.from, to };
  }
  const [year, month, day] = to.split("-").map(Number) as [number, number, number];
  const start = new Date(Date.UTC(year - 1, month - 1, day + 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/** The first instant of a day and of the day after another, in Paris. */
export const startOf = (day: string) => sql`((${day}::date)::timestamp at time zone ${PARIS})`;

export const endOf = (day: string) => sql`((${day}::date + 1)::timestamp at time zone ${PARIS})`;

/** The portfolio's projects matching the filters, as a condition on `p` (project). */
export function portfolioCondition(filters: PortfolioFilters): SQL {
  const conditions: SQL[] = [
    sql`exists (select 1 from project_party pp where pp.project_id = p.id and pp.organisation_id = ${filters.networkId}
        and pp.role = 'network' and pp.status = 'active')`,
  ];
  if (filters.territoryId) conditions.push(basedIn(filters.territoryId));
  if (filters.legalForm) conditions.push(anyHolderWhere(sql`p.id`, (holder) => sql`${holder.legalForm} = ${filters.legalForm}`));
  if (filters.sector) conditions.push(sql`p.sector = ${filters.sector}`);
  return sql.join(conditions, sql` and `);
}

/** Based in a commune within the territory; a territory's id says its kind and code ("departement-26"). */
export function basedIn(territoryId: string): SQL {
  const [kind, code] = [territoryId.slice(0, territoryId.indexOf("-")), territoryId.slice(territoryId.indexOf("-") + 1)];
  const column = { region: sql`c.region_code`, departement: sql`c.departement_code`, epci: sql`c.epci_code` }[kind];
  if (kind === "commune") return sql`p.commune_id = ${territoryId}`;
  if (!column) return sql`false`;
  return sql`p.commune_id in (select c.id from territory c where c.kind = 'commune' and ${column} = ${code})`;
}

export function portfolioProjects(filters: PortfolioFilters): SQL {
  // Without a legal form to filter on, the holding structures are not needed: the set comes from
  // the network's party rows alone (an index scan instead of joins over every project).
  if (!filters.legalForm) {
    const narrowed = [sql`pp.organisation_id = ${filters.networkId} and pp.role = 'network' and pp.status = 'active'`];
    if (filters.territoryId || filters.sector) {
      const projectConditions: SQL[] = [];
      if (filters.territoryId) projectConditions.push(basedIn(filters.territoryId));
      if (filters.sector) projectConditions.push(sql`p.sector = ${filters.sector}`);
      narrowed.push(sql`pp.project_id in (select p.id from project p where ${sql.join(projectConditions, sql` and `)})`);
    }
    return sql`(select pp.project_id from project_party pp where ${sql.join(narrowed, sql` and `)})`;
  }
  return sql`(select p.id from project p where ${portfolioCondition(filters)})`;
}

/**
 * When something last happened in each project of a set: a milestone that took place, a stage
 * proposed or decided, its creation. Each project's latest milestone is one probe of the partial
 * index milestone_activity_idx (an index-only scan); the latest stage activity of each relationship
 * is kept in relationship_summary. The probe is a lateral join rather than a subquery inside
 * greatest(): filtered and sorted on, that expression was evaluated, probe included, twice a row.
 */
export function lastActivityOf(projectIds: SQL): SQL {
  return sql`(select p.id as project_id, greatest(p.created_at, latest_milestone.at, stage_activity.at) as last_activity
    from project p
    left join lateral (select max(m.occurs_on)::timestamp at time zone ${PARIS} as at from milestone m
        where m.project_id = p.id and m.hidden_at is null and m.status <> 'cancelled' and m.occurs_on <= current_date) latest_milestone on true
    left join (select rs.project_id, max(rs.stage_activity_at) as at from relationship_summary rs
        where rs.project_id in ${projectIds} group by rs.project_id) stage_activity on stage_activity.project_id = p.id
    where p.id in ${projectIds})`;
}

/** Per project of a set: its most advanced confirmed stage, its relationships, those still to confirm. */
export function relationshipSummaryOf(projectIds: SQL): SQL {
  return sql`(select r.project_id, max(r.stage) as best_stage, count(*)::int as relationships,
      (count(*) filter (where r.stage is null))::int as unconfirmed
    from relationship r where r.project_id in ${projectIds} group by r.project_id)`;
}
