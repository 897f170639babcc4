import { getAccount, updateProfile } from "@/server/services/accounts";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZUpdateProfileInput } from "./account.schema";

export const accountRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getAccount(ctx.db, ctx.actor)),
  updateProfile: protectedProcedure
    .input(ZUpdateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),
});
