import { writeOnce } from "@/server/services/idempotency";
import { answerMilestone, createMilestone, updateMilestone, withdrawMilestone } from "@/server/services/milestones";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAnswerMilestoneInput, ZContestMilestoneInput, ZCreateMilestoneInput, ZUpdateMilestoneInput, ZWithdrawMilestoneInput } from "./milestone.schema";

export const milestoneRouter = createTRPCRouter({
  create: protectedProcedure
    .input(ZCreateMilestoneInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "milestone.create", idempotencyKey, () => createMilestone(ctx.db, ctx.actor, input)),
    ),
  update: protectedProcedure.input(ZUpdateMilestoneInput).mutation(({ ctx, input }) => updateMilestone(ctx.db, ctx.actor, input)),
  withdraw: protectedProcedure.input(ZWithdrawMilestoneInput).mutation(({ ctx, input }) => withdrawMilestone(ctx.db, ctx.actor, input)),
  confirm: protectedProcedure
    .input(ZAnswerMilestoneInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "milestone.confirm", idempotencyKey, () => answerMilestone(ctx.db, ctx.actor, { ...input, answer: "confirmed" })),
    ),
  contest: protectedProcedure
    .input(ZContestMilestoneInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "milestone.contest", idempotencyKey, () => answerMilestone(ctx.db, ctx.actor, { ...input, answer: "contested" })),
    ),
});
