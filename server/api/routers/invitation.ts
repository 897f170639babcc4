import { writeOnce } from "@/server/services/idempotency";
import { inviteToCollective } from "@/server/services/collective-invitations";
import { inviteOfficial, listInvitations, resendInvitation, revokeInvitation } from "@/server/services/invitations";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZInvitationIdInput, ZInviteOfficialInput, ZInviteToCollectiveInput } from "./invitation.schema";
import { ZProjectIdInput } from "./project.schema";

export const invitationRouter = createTRPCRouter({
  send: protectedProcedure
    .input(ZInviteOfficialInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "invitation.send", idempotencyKey, () => inviteOfficial(ctx.db, ctx.actor, input)),
    ),
  sendToCollective: protectedProcedure
    .input(ZInviteToCollectiveInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "invitation.sendToCollective", idempotencyKey, () => inviteToCollective(ctx.db, ctx.actor, input)),
    ),
  list: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listInvitations(ctx.db, ctx.actor, input.projectId)),
  resend: protectedProcedure.input(ZInvitationIdInput).mutation(({ ctx, input }) => resendInvitation(ctx.db, ctx.actor, input)),
  revoke: protectedProcedure.input(ZInvitationIdInput).mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input)),
});
