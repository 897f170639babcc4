import { followProject, listFollowed, markVisited } from "@/server/services/follows";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZFollowInput } from "./follow.schema";
import { ZProjectIdInput } from "./project.schema";

export const followRouter = createTRPCRouter({
  set: protectedProcedure.input(ZFollowInput).mutation(({ ctx, input }) => followProject(ctx.db, ctx.actor, input)),
  markVisited: protectedProcedure.input(ZProjectIdInput).mutation(({ ctx, input }) => markVisited(ctx.db, ctx.actor, input)),
  list: protectedProcedure.query(({ ctx }) => listFollowed(ctx.db, ctx.actor)),
});
