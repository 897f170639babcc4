import { searchAuditLog } from "@/server/services/history";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAuditSearchInput } from "./audit.schema";

export const auditRouter = createTRPCRouter({
  search: protectedProcedure.input(ZAuditSearchInput).query(({ ctx, input }) => searchAuditLog(ctx.db, ctx.actor, input)),
});
