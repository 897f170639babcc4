import { getCalendarFeed, renewCalendarFeed, revokeCalendarFeed } from "@/server/services/calendar";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const calendarRouter = createTRPCRouter({
  feed: protectedProcedure.query(({ ctx }) => getCalendarFeed(ctx.db, ctx.actor)),
  renew: protectedProcedure.mutation(({ ctx }) => renewCalendarFeed(ctx.db, ctx.actor)),
  revoke: protectedProcedure.mutation(({ ctx }) => revokeCalendarFeed(ctx.db, ctx.actor)),
});
