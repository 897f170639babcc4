import { getCalendarFeed, renewCalendarFeed, revokeCalendarFeed } from "@/server/services/calendar";
import { addComment, deleteComment, editComment, listComments, listMentionable } from "@/server/services/comments";
import { followProject, listFollowed, markVisited } from "@/server/services/follows";
import { inviteOfficial, listInvitations, resendInvitation, revokeInvitation } from "@/server/services/invitations";
import { countUnread, listNotifications, markRead } from "@/server/services/notifications";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import {
  ZAddCommentInput,
  ZCommentIdInput,
  ZEditCommentInput,
  ZFollowInput,
  ZInvitationIdInput,
  ZInviteOfficialInput,
  ZMarkReadInput,
} from "./conversation.schema";
import { ZProjectIdInput } from "./project.schema";

export const commentRouter = createTRPCRouter({
  list: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listComments(ctx.db, ctx.actor, input.projectId)),
  mentionable: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listMentionable(ctx.db, ctx.actor, input.projectId)),
  add: protectedProcedure.input(ZAddCommentInput).mutation(({ ctx, input }) => addComment(ctx.db, ctx.actor, input)),
  edit: protectedProcedure.input(ZEditCommentInput).mutation(({ ctx, input }) => editComment(ctx.db, ctx.actor, input)),
  delete: protectedProcedure.input(ZCommentIdInput).mutation(({ ctx, input }) => deleteComment(ctx.db, ctx.actor, input)),
});

export const followRouter = createTRPCRouter({
  set: protectedProcedure.input(ZFollowInput).mutation(({ ctx, input }) => followProject(ctx.db, ctx.actor, input)),
  markVisited: protectedProcedure.input(ZProjectIdInput).mutation(({ ctx, input }) => markVisited(ctx.db, ctx.actor, input)),
  list: protectedProcedure.query(({ ctx }) => listFollowed(ctx.db, ctx.actor)),
});

export const notificationRouter = createTRPCRouter({
  list: protectedProcedure.query(({ ctx }) => listNotifications(ctx.db, ctx.actor)),
  unreadCount: protectedProcedure.query(({ ctx }) => countUnread(ctx.db, ctx.actor)),
  markRead: protectedProcedure.input(ZMarkReadInput).mutation(({ ctx, input }) => markRead(ctx.db, ctx.actor, input)),
});

export const calendarRouter = createTRPCRouter({
  feed: protectedProcedure.query(({ ctx }) => getCalendarFeed(ctx.db, ctx.actor)),
  renew: protectedProcedure.mutation(({ ctx }) => renewCalendarFeed(ctx.db, ctx.actor)),
  revoke: protectedProcedure.mutation(({ ctx }) => revokeCalendarFeed(ctx.db, ctx.actor)),
});

export const invitationRouter = createTRPCRouter({
  send: protectedProcedure.input(ZInviteOfficialInput).mutation(({ ctx, input }) => inviteOfficial(ctx.db, ctx.actor, input)),
  list: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listInvitations(ctx.db, ctx.actor, input.projectId)),
  resend: protectedProcedure.input(ZInvitationIdInput).mutation(({ ctx, input }) => resendInvitation(ctx.db, ctx.actor, input)),
  revoke: protectedProcedure.input(ZInvitationIdInput).mutation(({ ctx, input }) => revokeInvitation(ctx.db, ctx.actor, input)),
});
