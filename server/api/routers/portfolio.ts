import { answerHandover, listHandovers } from "@/server/services/handovers";
import { listMyNetworks } from "@/server/services/networks";
import { getPortfolioDashboard, setStuckAfterDays } from "@/server/services/portfolio-dashboard";
import { listPortfolio } from "@/server/services/portfolio-table";
import { answerNetworkInvitation, inviteProject, leaveNetwork } from "@/server/services/portfolio";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import {
  ZAnswerHandoverInput,
  ZAnswerNetworkInvitationInput,
  ZDashboardInput,
  ZHandoversInput,
  ZInviteProjectInput,
  ZLeaveNetworkInput,
  ZPortfolioInput,
  ZStuckAfterInput,
} from "./portfolio.schema";

export const portfolioRouter = createTRPCRouter({
  invite: protectedProcedure.input(ZInviteProjectInput).mutation(({ ctx, input }) => inviteProject(ctx.db, ctx.actor, input)),
  answerInvitation: protectedProcedure.input(ZAnswerNetworkInvitationInput).mutation(({ ctx, input }) => answerNetworkInvitation(ctx.db, ctx.actor, input)),
  leave: protectedProcedure.input(ZLeaveNetworkInput).mutation(({ ctx, input }) => leaveNetwork(ctx.db, ctx.actor, input)),
  myNetworks: protectedProcedure.query(({ ctx }) => listMyNetworks(ctx.db, ctx.actor)),
  dashboard: protectedProcedure.input(ZDashboardInput).query(({ ctx, input }) => getPortfolioDashboard(ctx.db, ctx.actor, input)),
  list: protectedProcedure.input(ZPortfolioInput).query(({ ctx, input }) => listPortfolio(ctx.db, ctx.actor, input)),
  handovers: protectedProcedure.input(ZHandoversInput).query(({ ctx, input }) => listHandovers(ctx.db, ctx.actor, input)),
  answerHandover: protectedProcedure.input(ZAnswerHandoverInput).mutation(({ ctx, input }) => answerHandover(ctx.db, ctx.actor, input)),
  setStuckAfter: protectedProcedure.input(ZStuckAfterInput).mutation(({ ctx, input }) => setStuckAfterDays(ctx.db, ctx.actor, input)),
});
