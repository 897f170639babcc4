import { AUTHORITY_OFFICES, LEGAL_FORMS, MEMBERSHIP_ROLES } from "@/server/domain/organisations";
import { z, ZId, ZReason, zText } from "../zod";
import { ZTerritoryId } from "./territory.schema";

const ZOrganisationName = zText().trim().min(2).max(160);
const ZEmail = z.email({ error: "Adresse e-mail invalide." }).max(254);

export const ZOrganisationIdInput = z.object({ organisationId: ZId }).strict();

export const ZCreateCollectiveInput = z.object({ name: ZOrganisationName, legalForm: z.enum(LEGAL_FORMS) }).strict();
export type TCreateCollectiveInput = z.infer<typeof ZCreateCollectiveInput>;

export const ZAddMemberInput = z
  .object({
    organisationId: ZId,
    email: ZEmail,
    role: z.enum(MEMBERSHIP_ROLES),
    office: z.enum(AUTHORITY_OFFICES).optional(),
  })
  .strict();
export type TAddMemberInput = z.infer<typeof ZAddMemberInput>;

export const ZJoinAuthorityInput = z.object({ territoryId: ZTerritoryId, office: z.enum(AUTHORITY_OFFICES) }).strict();
export type TJoinAuthorityInput = z.infer<typeof ZJoinAuthorityInput>;

export const ZVerifyMembershipInput = z.object({ membershipId: ZId }).strict();

export const ZCreateNetworkInput = z.object({ name: ZOrganisationName, adminEmail: ZEmail }).strict();
export type TCreateNetworkInput = z.infer<typeof ZCreateNetworkInput>;

export const ZChangeOfficeInput = z.object({ membershipId: ZId, office: z.enum(AUTHORITY_OFFICES) }).strict();
export const ZMembershipIdInput = z.object({ membershipId: ZId }).strict();
export const ZRefuseMembershipInput = z.object({ membershipId: ZId, reason: ZReason }).strict();
export type TRefuseMembershipInput = z.infer<typeof ZRefuseMembershipInput>;
export type TVerifyMembershipInput = z.infer<typeof ZVerifyMembershipInput>;
export type TChangeOfficeInput = z.infer<typeof ZChangeOfficeInput>;
export type TMembershipIdInput = z.infer<typeof ZMembershipIdInput>;
