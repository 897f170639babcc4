import { countUnread, listNotifications, markRead } from "@/server/services/notifications";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZMarkReadInput } from "./notification.schema";

export const notificationRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.actor)),
  unreadCount: protectedProcedure.query(({ ctx }) => countUnread(ctx.db, ctx.actor)),
  markRead: protectedProcedure.input(ZMarkReadInput).mutation(({ ctx, input }) => markRead(ctx.db, ctx.actor, input)),
});
