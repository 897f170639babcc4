import { addAuthority, decideNetwork, endRelationship, listNetworkRequests, requestNetwork } from "@/server/services/parties";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAddAuthorityInput, ZDecideNetworkInput, ZEndRelationshipInput, ZRequestNetworkInput } from "./party.schema";

export const partyRouter = createTRPCRouter({
  addAuthority: protectedProcedure.input(ZAddAuthorityInput).mutation(({ ctx, input }) => addAuthority(ctx.db, ctx.actor, input)),
  endRelationship: protectedProcedure.input(ZEndRelationshipInput).mutation(({ ctx, input }) => endRelationship(ctx.db, ctx.actor, input)),
  requestNetwork: protectedProcedure.input(ZRequestNetworkInput).mutation(({ ctx, input }) => requestNetwork(ctx.db, ctx.actor, input)),
  decideNetwork: protectedProcedure.input(ZDecideNetworkInput).mutation(({ ctx, input }) => decideNetwork(ctx.db, ctx.actor, input)),
  networkRequests: protectedProcedure.query(({ ctx }) => listNetworkRequests(ctx.db, ctx.actor)),
});
