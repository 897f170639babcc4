import type { LeverId } from "@/server/domain/gradient";
import { answerMilestone, createMilestone, updateMilestone } from "@/server/services/milestones";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAnswerMilestoneInput, ZContestMilestoneInput, ZCreateMilestoneInput, ZUpdateMilestoneInput } from "./milestone.schema";

export const milestoneRouter = createTRPCRouter({
  create: protectedProcedure
    .input(ZCreateMilestoneInput)
    .mutation(({ ctx, input }) => createMilestone(ctx.db, ctx.actor, { ...input, levers: input.levers as LeverId[] })),
  update: protectedProcedure.input(ZUpdateMilestoneInput).mutation(({ ctx, input }) =>
    updateMilestone(ctx.db, ctx.actor, {
      ...input,
      changes: { ...input.changes, levers: input.changes.levers as LeverId[] | undefined },
    }),
  ),
  confirm: protectedProcedure
    .input(ZAnswerMilestoneInput)
    .mutation(({ ctx, input }) => answerMilestone(ctx.db, ctx.actor, { ...input, answer: "confirmed" })),
  contest: protectedProcedure
    .input(ZContestMilestoneInput)
    .mutation(({ ctx, input }) => answerMilestone(ctx.db, ctx.actor, { ...input, answer: "contested" })),
});
