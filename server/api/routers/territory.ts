import { getTerritory, searchTerritories } from "@/server/services/territories";
import { buildCouncilPack } from "@/server/services/council-pack";
import { createTRPCRouter, protectedProcedure, publicProcedure } from "../trpc";
import { ZCouncilPackInput, ZGetTerritoryInput, ZSearchTerritoriesInput } from "./territory.schema";

export const territoryRouter = createTRPCRouter({
  search: publicProcedure.input(ZSearchTerritoriesInput).query(({ ctx, input }) => searchTerritories(ctx.db, input)),
  get: publicProcedure.input(ZGetTerritoryInput).query(({ ctx, input }) => getTerritory(ctx.db, input.territoryId)),
  /** « Dossier pour le conseil »: an authority's verified members read its territory's pack. */
  councilPack: protectedProcedure.input(ZCouncilPackInput).query(({ ctx, input }) => buildCouncilPack(ctx.db, ctx.actor, input.authorityId)),
});
