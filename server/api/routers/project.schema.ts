import { COLLECTIVE_STAGES, FUNDING_SOURCES, FUNDING_STATUSES, NEEDS, PROJECT_STATUSES, SELF_SERVICE_VISIBILITIES } from "@/server/domain/project-file";
import { STAGES } from "@/server/domain/gradient";
import { LEGAL_FORMS } from "@/server/domain/organisations";
import { SECTORS } from "@/server/domain/sectors";
import { z, zComment, ZId, zText, zWebUrl, ZVersion } from "../zod";
import { ZTerritoryId } from "./territory.schema";

export const ZCreateProjectInput = z
  .object({
    title: zText().trim().min(3).max(160),
    summary: zText().trim().max(4000).default(""),
    contactHolderId: ZId,
    communeId: ZTerritoryId,
  })
  .strict();
export type TCreateProjectInput = z.infer<typeof ZCreateProjectInput>;

export const ZProjectIdInput = z.object({ projectId: ZId }).strict();

export const ZSetProjectStatusInput = z.object({ projectId: ZId, status: z.enum(PROJECT_STATUSES) }).strict();
export type TSetProjectStatusInput = z.infer<typeof ZSetProjectStatusInput>;

export const ZTerritoryProjectsInput = z
  .object({
    authorityId: ZId,
    /** The stage of the project's relationship with this authority; "none" when it has one without a confirmed stage, "notParty" when it has none. */
    stage: z.enum([...STAGES, "none", "notParty"]).optional(),
    legalForm: z.enum(LEGAL_FORMS).optional(),
    sector: z.enum(SECTORS).optional(),
    communeId: ZTerritoryId.optional(),
    /** From 1; TERRITORY_PAGE_SIZE projects a page. */
    page: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type TTerritoryProjectsInput = z.infer<typeof ZTerritoryProjectsInput>;

const ZShortText = zText().trim().max(160);

export const ZProjectLink = z.object({ label: zText().trim().min(1).max(120), url: zWebUrl() }).strict();

export const ZProjectContact = z
  .object({
    name: zText().trim().min(1).max(120),
    role: ZShortText,
    email: z.email({ error: "Adresse e-mail invalide." }).max(254).optional(),
    phone: zText()
      .trim()
      .max(30)
      .regex(/^[+0-9 ().-]*$/, "Numéro de téléphone invalide.")
      .optional(),
  })
  .strict();

export const ZFundingLine = z
  .object({
    source: z.enum(FUNDING_SOURCES),
    label: ZShortText.default(""),
    amountEuros: z.number().int().min(0).max(1_000_000_000),
    status: z.enum(FUNDING_STATUSES),
  })
  .strict();

export const ZUpdateProjectInput = z
  .object({
    projectId: ZId,
    /** The version the edit started from. */
    version: ZVersion,
    changes: z
      .object({
        title: zText().trim().min(3).max(160),
        summary: zText().trim().max(4000),
        sector: z.enum(["", ...SECTORS]),
        /** With « autre »: the sector in the collective's words. */
        sectorDetail: zText().trim().max(120),
        collectiveStage: z.enum(COLLECTIVE_STAGES),
        jobsNow: z.number().int().min(0).max(100_000),
        jobsPotential: z.number().int().min(0).max(100_000),
        needs: z.array(z.enum(NEEDS)).max(NEEDS.length),
        links: z.array(ZProjectLink).max(20),
        contacts: z.array(ZProjectContact).max(20),
        communeIds: z.array(ZTerritoryId).min(1, "Indiquez au moins une commune.").max(100),
        fundingLines: z.array(ZFundingLine).max(50),
        visibility: z.enum(SELF_SERVICE_VISIBILITIES),
      })
      .partial()
      .strict(),
  })
  .strict();
export type TUpdateProjectInput = z.infer<typeof ZUpdateProjectInput>;

export const ZReviewPublicInput = z.object({ projectId: ZId, accept: z.boolean(), reason: zComment().default("") }).strict();
export type TProjectIdInput = z.infer<typeof ZProjectIdInput>;
export type TReviewPublicInput = z.infer<typeof ZReviewPublicInput>;

export const ZPublicProjectsInput = z
  .object({
    /** Part of the project's title or of its collective's name. */
    query: zText().trim().max(120).optional(),
    departementCode: z
      .string()
      .regex(/^(\d{2}|2A|2B|97\d)$/, "Département invalide.")
      .optional(),
    sector: z.enum(SECTORS).optional(),
    /** A relationship of the project stands at this stage. */
    stage: z.enum(STAGES).optional(),
    /** From 1; PUBLIC_PAGE_SIZE projects a page. */
    page: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type TPublicProjectsInput = z.infer<typeof ZPublicProjectsInput>;
