import {
  addMilestoneMediationNote,
  dismissReport,
  hideContent,
  listContestedMilestones,
  listModerationQueue,
  reportContent,
  restoreContent,
} from "@/server/services/moderation";
import { getPortfolioDashboard, listMyNetworks, listPortfolio, setStuckAfterDays } from "@/server/services/dashboard";
import { answerNetworkInvitation, inviteProject, leaveNetwork } from "@/server/services/portfolio";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import {
  ZAnswerNetworkInvitationInput,
  ZDashboardInput,
  ZPortfolioInput,
  ZStuckAfterInput,
  ZDismissReportInput,
  ZInviteProjectInput,
  ZLeaveNetworkInput,
  ZMilestoneNoteInput,
  ZModerateInput,
  ZReportInput,
} from "./moderation.schema";

export const moderationRouter = createTRPCRouter({
  report: protectedProcedure.input(ZReportInput).mutation(({ ctx, input }) => reportContent(ctx.db, ctx.actor, input)),
  queue: protectedProcedure.query(({ ctx }) => listModerationQueue(ctx.db, ctx.actor)),
  hide: protectedProcedure.input(ZModerateInput).mutation(({ ctx, input }) => hideContent(ctx.db, ctx.actor, input)),
  restore: protectedProcedure.input(ZModerateInput).mutation(({ ctx, input }) => restoreContent(ctx.db, ctx.actor, input)),
  dismiss: protectedProcedure.input(ZDismissReportInput).mutation(({ ctx, input }) => dismissReport(ctx.db, ctx.actor, input)),
  contested: protectedProcedure.query(({ ctx }) => listContestedMilestones(ctx.db, ctx.actor)),
  addMilestoneNote: protectedProcedure.input(ZMilestoneNoteInput).mutation(({ ctx, input }) => addMilestoneMediationNote(ctx.db, ctx.actor, input)),
});

export const portfolioRouter = createTRPCRouter({
  invite: protectedProcedure.input(ZInviteProjectInput).mutation(({ ctx, input }) => inviteProject(ctx.db, ctx.actor, input)),
  answerInvitation: protectedProcedure
    .input(ZAnswerNetworkInvitationInput)
    .mutation(({ ctx, input }) => answerNetworkInvitation(ctx.db, ctx.actor, input)),
  leave: protectedProcedure.input(ZLeaveNetworkInput).mutation(({ ctx, input }) => leaveNetwork(ctx.db, ctx.actor, input)),
  myNetworks: protectedProcedure.query(({ ctx }) => listMyNetworks(ctx.db, ctx.actor)),
  dashboard: protectedProcedure.input(ZDashboardInput).query(({ ctx, input }) => getPortfolioDashboard(ctx.db, ctx.actor, input)),
  list: protectedProcedure.input(ZPortfolioInput).query(({ ctx, input }) => listPortfolio(ctx.db, ctx.actor, input)),
  setStuckAfter: protectedProcedure.input(ZStuckAfterInput).mutation(({ ctx, input }) => setStuckAfterDays(ctx.db, ctx.actor, input)),
});
