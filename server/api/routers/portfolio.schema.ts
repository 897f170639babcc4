import { z } from "zod";
import { STAGES } from "@/server/domain/gradient";
import { LEGAL_FORMS } from "@/server/domain/organisations";
import { PORTFOLIO_SORTS } from "@/server/domain/portfolio";
import { SECTORS } from "@/server/domain/sectors";
import { ZDay, ZId, ZReason, zText } from "../zod";
import { ZTerritoryId } from "./territory.schema";

export const ZInviteProjectInput = z.object({ networkId: ZId, projectId: ZId }).strict();
export const ZAnswerNetworkInvitationInput = z.object({ projectId: ZId, networkId: ZId, accept: z.boolean() }).strict();
export const ZLeaveNetworkInput = z.object({ projectId: ZId, networkId: ZId, reason: ZReason }).strict();

const portfolioFilters = {
  networkId: ZId,
  territoryId: ZTerritoryId.optional(),
  legalForm: z.enum(LEGAL_FORMS).optional(),
  sector: z.enum(SECTORS).optional(),
  from: ZDay.optional(),
  to: ZDay.optional(),
};

export const ZDashboardInput = z.object(portfolioFilters).strict();
export const ZPortfolioInput = z
  .object({
    ...portfolioFilters,
    search: zText().trim().min(1).max(120).optional(),
    stage: z.enum([...STAGES, "none"]).optional(),
    sort: z.enum(PORTFOLIO_SORTS).optional(),
    direction: z.enum(["asc", "desc"]).optional(),
    page: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
export const ZStuckAfterInput = z
  .object({ networkId: ZId, days: z.number({ error: "Indiquez un nombre de jours." }).int().min(7, "Au moins 7 jours.").max(730, "Au plus 730 jours.") })
  .strict();
export const ZHandoversInput = z.object({ collectiveId: ZId }).strict();
export const ZAnswerHandoverInput = z.object({ handoverId: ZId, accept: z.boolean() }).strict();
export type THandoversInput = z.infer<typeof ZHandoversInput>;
export type TAnswerHandoverInput = z.infer<typeof ZAnswerHandoverInput>;
export type TInviteProjectInput = z.infer<typeof ZInviteProjectInput>;
export type TAnswerNetworkInvitationInput = z.infer<typeof ZAnswerNetworkInvitationInput>;
export type TLeaveNetworkInput = z.infer<typeof ZLeaveNetworkInput>;
export type TStuckAfterInput = z.infer<typeof ZStuckAfterInput>;
