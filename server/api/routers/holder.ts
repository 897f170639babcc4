import { writeOnce } from "@/server/services/idempotency";
import {
  answerHolderInvitation,
  inviteHolder,
  leaveHolding,
  listHolderInvitations,
  searchCollectives,
  setContactHolder,
  withdrawHolderInvitation,
} from "@/server/services/holders";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAnswerHolderInvitationInput, ZHolderInput, ZInviteHolderInput, ZSearchCollectivesInput } from "./holder.schema";

export const holderRouter = createTRPCRouter({
  invite: protectedProcedure
    .input(ZInviteHolderInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "holder.invite", idempotencyKey, () => inviteHolder(ctx.db, ctx.actor, input)),
    ),
  answer: protectedProcedure.input(ZAnswerHolderInvitationInput).mutation(({ ctx, input }) => answerHolderInvitation(ctx.db, ctx.actor, input)),
  leave: protectedProcedure.input(ZHolderInput).mutation(({ ctx, input }) => leaveHolding(ctx.db, ctx.actor, input)),
  withdrawInvitation: protectedProcedure.input(ZHolderInput).mutation(({ ctx, input }) => withdrawHolderInvitation(ctx.db, ctx.actor, input)),
  setContact: protectedProcedure.input(ZHolderInput).mutation(({ ctx, input }) => setContactHolder(ctx.db, ctx.actor, input)),
  searchCollectives: protectedProcedure.input(ZSearchCollectivesInput).query(({ ctx, input }) => searchCollectives(ctx.db, ctx.actor, input)),
  invitations: protectedProcedure.query(({ ctx }) => listHolderInvitations(ctx.db, ctx.actor)),
});
