// Reference lists for organisations: legal forms, offices in an authority, roles.
import type { TerritoryKind } from "./territories";

export const LEGAL_FORMS = ["association", "scic", "scop", "sci", "cae", "ptce", "informal", "other"] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export const AUTHORITY_OFFICES = [
  "maire",
  "adjoint",
  "conseiller_municipal",
  "president",
  "vice_president",
  "conseiller_communautaire",
  "conseiller_departemental",
  "conseiller_regional",
  "agent",
] as const;
export type AuthorityOffice = (typeof AUTHORITY_OFFICES)[number];

export const MEMBERSHIP_ROLES = ["member", "admin", "moderator"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
/** The roles an invitation to a collective offers (moderator is a network's). */
export const COLLECTIVE_INVITATION_ROLES = ["member", "admin"] as const;

/** The name an authority gets when its page is opened: "Commune de Die", "Département de la Drôme". */
export function authorityName(territory: { kind: TerritoryKind; name: string; epciType?: string | null }): string {
  switch (territory.kind) {
    case "commune":
      return `Commune de ${territory.name}`;
    case "epci":
      return territory.name;
    case "departement":
      return `Département : ${territory.name}`;
    case "region":
      return `Région ${territory.name}`;
  }
}
