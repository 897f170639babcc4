import { writeOnce } from "@/server/services/idempotency";
import { answerBarometer } from "@/server/services/barometer";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAnswerBarometerInput } from "./barometer.schema";

export const barometerRouter = createTRPCRouter({
  answer: protectedProcedure
    .input(ZAnswerBarometerInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "barometer.answer", idempotencyKey, () => answerBarometer(ctx.db, ctx.actor, input)),
    ),
});
