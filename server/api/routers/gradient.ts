import { answerBarometer } from "@/server/services/barometer";
import { answerMilestone, createMilestone, updateMilestone } from "@/server/services/milestones";
import {
  addAuthority,
  addMediationNote,
  decideNetwork,
  decideProposal,
  listNetworkRequests,
  proposeStage,
  requestNetwork,
} from "@/server/services/relationships";
import type { IndicatorId, LeverId, Score } from "@/server/domain/gradient";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import {
  ZAddAuthorityInput,
  ZAnswerBarometerInput,
  ZAnswerMilestoneInput,
  ZContestMilestoneInput,
  ZCreateMilestoneInput,
  ZDecideNetworkInput,
  ZDecideStageInput,
  ZDeclineStageInput,
  ZMediationNoteInput,
  ZProposeStageInput,
  ZRequestNetworkInput,
  ZUpdateMilestoneInput,
} from "./gradient.schema";

export const partyRouter = createTRPCRouter({
  addAuthority: protectedProcedure.input(ZAddAuthorityInput).mutation(({ ctx, input }) => addAuthority(ctx.db, ctx.actor, input)),
  requestNetwork: protectedProcedure.input(ZRequestNetworkInput).mutation(({ ctx, input }) => requestNetwork(ctx.db, ctx.actor, input)),
  decideNetwork: protectedProcedure.input(ZDecideNetworkInput).mutation(({ ctx, input }) => decideNetwork(ctx.db, ctx.actor, input)),
  networkRequests: protectedProcedure.query(({ ctx }) => listNetworkRequests(ctx.db, ctx.actor)),
});

export const stageRouter = createTRPCRouter({
  propose: protectedProcedure.input(ZProposeStageInput).mutation(({ ctx, input }) => proposeStage(ctx.db, ctx.actor, input)),
  confirm: protectedProcedure
    .input(ZDecideStageInput)
    .mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, { ...input, decision: "confirmed" })),
  decline: protectedProcedure
    .input(ZDeclineStageInput)
    .mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, { ...input, decision: "declined" })),
  withdraw: protectedProcedure
    .input(ZDecideStageInput)
    .mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, { ...input, decision: "withdrawn" })),
  addMediationNote: protectedProcedure.input(ZMediationNoteInput).mutation(({ ctx, input }) => addMediationNote(ctx.db, ctx.actor, input)),
});

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

export const barometerRouter = createTRPCRouter({
  answer: protectedProcedure.input(ZAnswerBarometerInput).mutation(({ ctx, input }) =>
    answerBarometer(ctx.db, ctx.actor, { ...input, answers: input.answers as Partial<Record<IndicatorId, Score>> }),
  ),
});
