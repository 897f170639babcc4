import { getTerritory, searchTerritories } from "@/server/services/territories";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { ZGetTerritoryInput, ZSearchTerritoriesInput } from "./territory.schema";

export const territoryRouter = createTRPCRouter({
  search: publicProcedure.input(ZSearchTerritoriesInput).query(({ ctx, input }) => searchTerritories(ctx.db, input)),
  get: publicProcedure.input(ZGetTerritoryInput).query(({ ctx, input }) => getTerritory(ctx.db, input.territoryId)),
});
