import { writeOnce } from "@/server/services/idempotency";
import { addComment, deleteComment, editComment, listComments, listMentionable } from "@/server/services/comments";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { ZAddCommentInput, ZCommentIdInput, ZEditCommentInput } from "./comment.schema";
import { ZProjectIdInput } from "./project.schema";

export const commentRouter = createTRPCRouter({
  list: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listComments(ctx.db, ctx.actor, input.projectId)),
  mentionable: protectedProcedure.input(ZProjectIdInput).query(({ ctx, input }) => listMentionable(ctx.db, ctx.actor, input.projectId)),
  add: protectedProcedure
    .input(ZAddCommentInput)
    .mutation(({ ctx, input: { idempotencyKey, ...input } }) =>
      writeOnce(ctx.db, ctx.actor, "comment.add", idempotencyKey, () => addComment(ctx.db, ctx.actor, input)),
    ),
  edit: protectedProcedure.input(ZEditCommentInput).mutation(({ ctx, input }) => editComment(ctx.db, ctx.actor, input)),
  delete: protectedProcedure.input(ZCommentIdInput).mutation(({ ctx, input }) => deleteComment(ctx.db, ctx.actor, input)),
});
