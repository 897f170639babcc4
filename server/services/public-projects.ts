// The directory of public projects: what anyone may read, searched and paged by the database, and,
// for a network's moderators, where each project stands with their networks (to invite it).
import { and, asc, count, desc, eq, exists, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organisations, projectCommunes, projectParties, projects, relationships, territories } from "@/db/schema";
import { containsSearch } from "./search-sql";
import type { TPublicProjectsInput } from "@/server/api/routers/project.schema";
import { networkSpokenForBy, type Actor } from "./access";
import { anyHolderWhere } from "./holders";
import { projectListQuery } from "./projects";

export const PUBLIC_PAGE_SIZE = 20;

export async function listPublicProjects(db: DbOrTx, actor: Actor | null, input: TPublicProjectsInput) {
  const page = input.page ?? 1;
  const matching = and(
    eq(projects.visibility, "public"),
    input.query
      ? or(
          containsSearch(sql`${projects.title}`, input.query),
          anyHolderWhere(projects.id, (holder) => containsSearch(holder.name, input.query ?? "")),
        )
      : undefined,
    input.sector ? eq(projects.sector, input.sector) : undefined,
    input.departementCode
      ? exists(
          db
            .select({ one: sql`1` })
            .from(projectCommunes)
            .innerJoin(territories, eq(territories.id, projectCommunes.communeId))
            .where(and(eq(projectCommunes.projectId, projects.id), eq(territories.departementCode, input.departementCode))),
        )
      : undefined,
    input.stage
      ? exists(
          db
            .select({ one: sql`1` })
            .from(relationships)
            .where(and(eq(relationships.projectId, projects.id), eq(relationships.stage, input.stage))),
        )
      : undefined,
  );
  const [rows, [counted], networks, departements] = await Promise.all([
    projectListQuery(db)
      .where(matching)
      .orderBy(desc(projects.updatedAt), asc(projects.id))
      .limit(PUBLIC_PAGE_SIZE)
      .offset((page - 1) * PUBLIC_PAGE_SIZE),
    db.select({ total: count() }).from(projects).where(matching),
    // The networks the reader moderates as a member: a platform admin is not offered every network.
    actor
      ? db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations)
          .where(networkSpokenForBy(db, { ...actor, isPlatformAdmin: false }))
          .orderBy(asc(organisations.name))
      : Promise.resolve([]),
    db.select({ code: territories.code, name: territories.name }).from(territories).where(eq(territories.kind, "departement")).orderBy(asc(territories.code)),
  ]);
  const parties =
    networks.length > 0 && rows.length > 0
      ? await db
          .select({ projectId: projectParties.projectId, networkId: projectParties.organisationId, status: projectParties.status })
          .from(projectParties)
          .where(
            and(
              eq(projectParties.role, "network"),
              inArray(
                projectParties.projectId,
                rows.map((row) => row.id),
              ),
              inArray(
                projectParties.organisationId,
                networks.map((network) => network.id),
              ),
            ),
          )
      : [];
  const total = counted?.total ?? 0;
  return {
    projects: rows.map((row) => ({
      ...row,
      /** For each network the reader moderates: "active", "invited", "requested", or null when it may be invited. */
      withMyNetworks: networks.map((network) => ({
        networkId: network.id,
        networkName: network.name,
        status: parties.find((party) => party.projectId === row.id && party.networkId === network.id)?.status ?? null,
      })),
    })),
    /** The départements, for the filter. */
    departements,
    page,
    pageSize: PUBLIC_PAGE_SIZE,
    total,
    pages: Math.max(1, Math.ceil(total / PUBLIC_PAGE_SIZE)),
  };
}
