import { listAwaitingMe } from "@/server/services/desk";
import { createTRPCRouter, protectedProcedure } from "../trpc";

export const deskRouter = createTRPCRouter({
  /** « À traiter »: what waits for the person's own answer, oldest first. */
  awaiting: protectedProcedure.query(({ ctx }) => listAwaitingMe(ctx.db, ctx.actor)),
});
