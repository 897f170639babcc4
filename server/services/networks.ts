// The support networks a person speaks for, with the number of projects each holds.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organisations, projectParties } from "@/db/schema";
import { networkSpokenForBy, requireActor, type Actor } from "./access";

/** The networks a person speaks for (all of them for a platform admin), to open their dashboards. */
export async function listMyNetworks(db: DbOrTx, actor: Actor | null) {
  const signedIn = requireActor(actor);
  return db
    .select({
      id: organisations.id,
      name: organisations.name,
      projects: db.$count(
        projectParties,
        and(eq(projectParties.organisationId, organisations.id), eq(projectParties.role, "network"), eq(projectParties.status, "active")),
      ),
    })
    .from(organisations)
    .where(networkSpokenForBy(db, signedIn))
    .orderBy(asc(organisations.name));
}
