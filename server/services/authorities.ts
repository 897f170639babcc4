// An authority's page is opened on its territory the first time anyone needs it: a person joining,
// a relationship added, a network's import, the demo seed. One way to open them, batched.
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { organisations, territories } from "@/db/schema";
import { chunks } from "@/server/domain/chunks";
import { authorityName } from "@/server/domain/organisations";

/** The authorities of these territories, by territory id, opening the pages nobody has opened yet; unknown territories are left out. */
export async function openAuthorities(tx: DbOrTx, territoryIds: string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks(territoryIds)) {
    const found = await tx.select().from(territories).where(inArray(territories.id, part));
    if (found.length > 0) {
      await tx
        .insert(organisations)
        .values(found.map((territory) => ({ kind: "authority" as const, name: authorityName(territory), territoryId: territory.id })))
        .onConflictDoNothing({ target: organisations.territoryId });
    }
    const authorities = await tx
      .select({ id: organisations.id, territoryId: organisations.territoryId })
      .from(organisations)
      .where(inArray(organisations.territoryId, part));
    for (const authority of authorities) if (authority.territoryId) ids.set(authority.territoryId, authority.id);
  }
  return ids;
}

/**
 * The authority of one territory, its page opened if nobody has yet; null for an unknown territory.
 * The row comes back locked, so that two people joining at once are served one after the other.
 */
export async function openAuthority(tx: DbOrTx, territoryId: string) {
  const authorityId = (await openAuthorities(tx, [territoryId])).get(territoryId);
  if (!authorityId) return null;
  const [authority] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, authorityId))
    .for("update");
  if (!authority) throw new Error("authority upsert returned no row");
  return authority;
}
