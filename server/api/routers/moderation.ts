import { addMilestoneMediationNote, dismissReport, hideContent, reportContent, restoreContent } from "@/server/services/moderation";
import { listContestedMilestones, listModerationQueue } from "@/server/services/moderation-queue";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZDismissReportInput, ZMilestoneNoteInput, ZModerateInput, ZReportInput } from "./moderation.schema";

export const moderationRouter = createTRPCRouter({
  report: protectedProcedure.input(ZReportInput).mutation(({ ctx, input }) => reportContent(ctx.db, ctx.actor, input)),
  queue: protectedProcedure.query(({ ctx }) => listModerationQueue(ctx.db, ctx.actor)),
  hide: protectedProcedure.input(ZModerateInput).mutation(({ ctx, input }) => hideContent(ctx.db, ctx.actor, input)),
  restore: protectedProcedure.input(ZModerateInput).mutation(({ ctx, input }) => restoreContent(ctx.db, ctx.actor, input)),
  dismiss: protectedProcedure.input(ZDismissReportInput).mutation(({ ctx, input }) => dismissReport(ctx.db, ctx.actor, input)),
  contested: protectedProcedure.query(({ ctx }) => listContestedMilestones(ctx.db, ctx.actor)),
  addMilestoneNote: protectedProcedure.input(ZMilestoneNoteInput).mutation(({ ctx, input }) => addMilestoneMediationNote(ctx.db, ctx.actor, input)),
});
