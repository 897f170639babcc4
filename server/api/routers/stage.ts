import { writeOnce } from "@/server/services/idempotency";
import { addMediationNote, decideProposal, proposeStage } from "@/server/services/stages";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZDecideStageInput, ZDeclineStageInput, ZMediationNoteInput, ZProposeStageInput } from "./stage.schema";

export const stageRouter = createTRPCRouter({
  propose: protectedProcedure
    .input(ZProposeStageInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "stage.propose", idempotencyKey, () => proposeStage(ctx.db, ctx.actor, input)),
    ),
  confirm: protectedProcedure.input(ZDecideStageInput).mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, { ...input, decision: "confirmed" })),
  decline: protectedProcedure.input(ZDeclineStageInput).mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, { ...input, decision: "declined" })),
  withdraw: protectedProcedure.input(ZDecideStageInput).mutation(({ ctx, input }) => decideProposal(ctx.db, ctx.actor, { ...input, decision: "withdrawn" })),
  addMediationNote: protectedProcedure.input(ZMediationNoteInput).mutation(({ ctx, input }) => addMediationNote(ctx.db, ctx.actor, input)),
});
