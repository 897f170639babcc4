import type { IndicatorId, Score } from "@/server/domain/gradient";
import { answerBarometer } from "@/server/services/barometer";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAnswerBarometerInput } from "./barometer.schema";

export const barometerRouter = createTRPCRouter({
  answer: protectedProcedure.input(ZAnswerBarometerInput).mutation(({ ctx, input }) =>
    answerBarometer(ctx.db, ctx.actor, { ...input, answers: input.answers as Partial<Record<IndicatorId, Score>> }),
  ),
});
