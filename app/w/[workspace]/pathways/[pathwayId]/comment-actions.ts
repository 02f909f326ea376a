'use server';
// Server actions for comments on a pathway (issue 5 "Comments"). Each establishes the actor,
// validates its input, and calls one use case in lib/server/comments.ts (which asks can() and
// scopes its queries to the actor's workspaces). Nothing throws to the client.
import { z } from 'zod';
import { COMMENT_LABEL, COMMENT_MAX_LENGTH, addComment, deleteComment, listComments, setCommentResolved } from '@/lib/server/comments';
import { cappedText } from '@/lib/text-limits';
import { runAction as run } from '@/lib/server/run-action';

const id = z.string().trim().min(1).max(200);

const ListInput = z.object({ pathwayId: id });
export async function listCommentsAction(input: z.input<typeof ListInput>) {
  return run('listComments', ListInput, input, (data, actor) => listComments({ actor, pathwayId: data.pathwayId }));
}

// A generous cap against abuse only: addComment checks the real limit after trimming.
const body = cappedText(COMMENT_LABEL, COMMENT_MAX_LENGTH);
// clientKey: the browser's id for this comment, so sending it again never adds it twice (addComment checks its form).
const AddInput = z.object({
  pathwayId: id,
  body,
  targetId: id.nullable().optional(),
  parentId: id.nullable().optional(),
  clientKey: z.string().max(200).nullable().optional(),
});
export async function addCommentAction(input: z.input<typeof AddInput>) {
  return run('addComment', AddInput, input, (data, actor) => addComment({ actor, ...data }));
}

const ResolveInput = z.object({ commentId: id, resolved: z.boolean() });
export async function setCommentResolvedAction(input: z.input<typeof ResolveInput>) {
  return run('setCommentResolved', ResolveInput, input, (data, actor) => setCommentResolved({ actor, ...data }));
}

const DeleteInput = z.object({ commentId: id });
export async function deleteCommentAction(input: z.input<typeof DeleteInput>) {
  return run('deleteComment', DeleteInput, input, (data, actor) => deleteComment({ actor, commentId: data.commentId }));
}
