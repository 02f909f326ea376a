'use server';
// Server actions for comments on a pathway (issue 5 "Comments"). Each establishes the actor,
// validates its input, and calls one use case in lib/server/comments.ts (which asks can() and
// scopes its queries to the actor's workspaces). Nothing throws to the client.
import { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { addComment, deleteComment, listComments, setCommentResolved } from '@/lib/server/comments';

type Failure =
  | { ok: false; reason: 'unauthenticated'; message: string }
  | { ok: false; reason: 'invalid'; message: string; errors: { path: string; message: string }[] }
  | { ok: false; reason: 'error'; message: string };

const id = z.string().trim().min(1).max(200);

async function run<S extends z.ZodType, R>(name: string, schema: S, input: unknown, body: (data: z.infer<S>, actor: NonNullable<Awaited<ReturnType<typeof getActor>>>) => Promise<R>): Promise<R | Failure> {
  try {
    const actor = await getActor();
    if (!actor) return { ok: false, reason: 'unauthenticated', message: 'Your session has ended. Sign in again in another tab.' };
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      return {
        ok: false,
        reason: 'invalid',
        message: 'The request was not in the expected form.',
        errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      };
    }
    return await body(parsed.data, actor);
  } catch (error) {
    log.error({ err: error, action: name }, 'server action failed');
    return { ok: false, reason: 'error', message: 'That did not work. Try again in a moment.' };
  }
}

const ListInput = z.object({ pathwayId: id });
export async function listCommentsAction(input: z.input<typeof ListInput>) {
  return run('listComments', ListInput, input, (data, actor) => listComments({ actor, pathwayId: data.pathwayId }));
}

const AddInput = z.object({ pathwayId: id, body: z.string().max(10_000), targetId: id.nullable().optional(), parentId: id.nullable().optional() });
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
