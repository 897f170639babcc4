import { getObservatoryPage } from "@/server/services/observatory";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { ZObservatoryPageInput } from "./observatory.schema";

export const observatoryRouter = createTRPCRouter({
  page: publicProcedure.input(ZObservatoryPageInput).query(({ ctx, input }) => getObservatoryPage(ctx.db, input, ctx.primary)),
});
