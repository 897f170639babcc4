// ProConnect proves which organisation a person works for, by its SIRET. When that organisation is
// a territory's authority (a mairie, an intercommunality), the person becomes a verified member of
// it with no one else vouching; their office stays theirs to declare. Called by the sign-in, an
// edge of its own: it opens its transaction.
import { and, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db";
import { memberships, territories } from "@/db/schema";
import { sirenOfSiret } from "@/server/domain/territories";
import { openAuthority } from "./authorities";
import { recordChange } from "./history";

export type SiretRecognition = { authorityId: string; authorityName: string; membershipId: string; newlyVerified: boolean } | null;

export async function recogniseAuthorityBySiret(db: Database, userId: string, siret: string): Promise<SiretRecognition> {
  const siren = sirenOfSiret(siret);
  if (!siren) return null;
  return db.transaction(async (tx) => {
    const [territory] = await tx.select({ id: territories.id }).from(territories).where(eq(territories.siren, siren));
    if (!territory) return null;
    // Locked (openAuthority): two first sign-ins at once cannot both become its first admin.
    const authority = await openAuthority(tx, territory.id);
    if (!authority) return null;
    const [verifiedAdmin] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.organisationId, authority.id), eq(memberships.role, "admin"), isNotNull(memberships.verifiedAt)))
      .limit(1);
    const [existing] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.organisationId, authority.id), eq(memberships.userId, userId)));
    if (existing?.verifiedAt) return { authorityId: authority.id, authorityName: authority.name, membershipId: existing.id, newlyVerified: false };
    const verified = { verifiedAt: new Date(), verifiedById: null, ...(verifiedAdmin ? {} : { role: "admin" as const }) };
    const [membership] = existing
      ? await tx.update(memberships).set(verified).where(eq(memberships.id, existing.id)).returning()
      : await tx
          .insert(memberships)
          .values({ organisationId: authority.id, userId, role: "member", ...verified })
          .returning();
    if (!membership) throw new Error("membership upsert returned no row");
    await recordChange(tx, {
      actorId: userId,
      entity: "membership",
      entityId: membership.id,
      action: "verify",
      changes: [
        { field: "verifiedBy", before: null, after: "ProConnect" },
        { field: "siret", before: null, after: siret.replace(/\s/g, "") },
        { field: "organisationId", before: null, after: authority.id },
        ...(existing ? [] : [{ field: "role", before: null, after: membership.role }]),
      ],
    });
    return { authorityId: authority.id, authorityName: authority.name, membershipId: membership.id, newlyVerified: true };
  });
}
