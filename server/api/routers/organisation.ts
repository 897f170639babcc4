import { changeOffice, addMember, removeMember } from "@/server/services/memberships";
import { joinAuthority, listPendingVerifications, refuseMembership, remindVerifiers, verifyMembership } from "@/server/services/membership-claims";
import { createCollective, createNetwork, getOrganisation, listNetworks } from "@/server/services/organisations";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import {
  ZAddMemberInput,
  ZChangeOfficeInput,
  ZCreateCollectiveInput,
  ZCreateNetworkInput,
  ZJoinAuthorityInput,
  ZMembershipIdInput,
  ZOrganisationIdInput,
  ZRefuseMembershipInput,
  ZVerifyMembershipInput,
} from "./organisation.schema";

export const organisationRouter = createTRPCRouter({
  get: protectedProcedure.input(ZOrganisationIdInput).query(({ ctx, input }) => getOrganisation(ctx.db, ctx.actor, input.organisationId)),
  createCollective: protectedProcedure.input(ZCreateCollectiveInput).mutation(({ ctx, input }) => createCollective(ctx.db, ctx.actor, input)),
  addMember: protectedProcedure.input(ZAddMemberInput).mutation(({ ctx, input }) => addMember(ctx.db, ctx.actor, input)),
  joinAuthority: protectedProcedure.input(ZJoinAuthorityInput).mutation(({ ctx, input }) => joinAuthority(ctx.db, ctx.actor, input)),
  verifyMembership: protectedProcedure.input(ZVerifyMembershipInput).mutation(({ ctx, input }) => verifyMembership(ctx.db, ctx.actor, input)),
  remindVerifiers: protectedProcedure.input(ZMembershipIdInput).mutation(({ ctx, input }) => remindVerifiers(ctx.db, ctx.actor, input)),
  refuseMembership: protectedProcedure.input(ZRefuseMembershipInput).mutation(({ ctx, input }) => refuseMembership(ctx.db, ctx.actor, input)),
  changeOffice: protectedProcedure.input(ZChangeOfficeInput).mutation(({ ctx, input }) => changeOffice(ctx.db, ctx.actor, input)),
  removeMember: protectedProcedure.input(ZMembershipIdInput).mutation(({ ctx, input }) => removeMember(ctx.db, ctx.actor, input)),
  pendingVerifications: protectedProcedure.query(({ ctx }) => listPendingVerifications(ctx.db, ctx.actor)),
  listNetworks: protectedProcedure.query(({ ctx }) => listNetworks(ctx.db, ctx.actor)),
  createNetwork: protectedProcedure.input(ZCreateNetworkInput).mutation(({ ctx, input }) => createNetwork(ctx.db, ctx.actor, input)),
});
