import { getAccount, setName, skipName, updateProfile } from "@/server/services/accounts";
import { listEmailPreferences, setEmailPreference } from "@/server/services/email-notifications";
import { deleteAccount, exportPersonalData } from "@/server/services/privacy";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZDeleteAccountInput, ZSetEmailPreferenceInput, ZSetNameInput, ZUpdateProfileInput } from "./account.schema";

export const accountRouter = createTRPCRouter({
  get: protectedProcedure.query(({ ctx }) => getAccount(ctx.db, ctx.actor)),
  setName: protectedProcedure.input(ZSetNameInput).mutation(({ ctx, input }) => setName(ctx.db, ctx.actor, input)),
  skipName: protectedProcedure.mutation(({ ctx }) => skipName(ctx.db, ctx.actor)),
  updateProfile: protectedProcedure.input(ZUpdateProfileInput).mutation(({ ctx, input }) => updateProfile(ctx.db, ctx.actor, input)),
  emailPreferences: protectedProcedure.query(({ ctx }) => listEmailPreferences(ctx.db, ctx.actor)),
  setEmailPreference: protectedProcedure.input(ZSetEmailPreferenceInput).mutation(({ ctx, input }) => setEmailPreference(ctx.db, ctx.actor, input)),
  exportData: protectedProcedure.query(({ ctx }) => exportPersonalData(ctx.db, ctx.actor)),
  delete: protectedProcedure.input(ZDeleteAccountInput).mutation(({ ctx, input }) => deleteAccount(ctx.db, ctx.actor, input)),
});
