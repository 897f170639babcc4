import { getAccount, updateProfile } from "@/server/services/accounts";
import { listEmailPreferences, setEmailPreference } from "@/server/services/email-notifications";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZSetEmailPreferenceInput, ZUpdateProfileInput } from "./account.schema";

export const accountRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getAccount(ctx.db, ctx.actor)),
  updateProfile: protectedProcedure
    .input(ZUpdateProfileInput)
    .mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),
  emailPreferences: protectedProcedure.query(({ ctx }) => listEmailPreferences(ctx.db, ctx.actor)),
  setEmailPreference: protectedProcedure
    .input(ZSetEmailPreferenceInput)
    .mutation(({ ctx, input }) => setEmailPreference(ctx.db, ctx.actor, input)),
});
