import { answerBarometer } from "@/server/services/barometer";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAnswerBarometerInput } from "./barometer.schema";

export const barometerRouter = createTRPCRouter({
  answer: protectedProcedure.input(ZAnswerBarometerInput).mutation(({ ctx, input }) => answerBarometer(ctx.db, ctx.actor, input)),
});
