// The frame of a server action: establish the actor, validate the input with zod, run one use case,
// and never throw to the browser (a failure is a sentence, logged with its cause on the server).
import { z } from 'zod';
import type { Actor } from '@/lib/auth/can';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';

export type ActionFailure =
  | { ok: false; reason: 'unauthenticated'; message: string }
  | { ok: false; reason: 'invalid'; message: string; errors: { path: string; message: string }[] }
  | { ok: false; reason: 'error'; message: string };

export async function runAction<S extends z.ZodType, R>(name: string, schema: S, input: unknown, body: (data: z.infer<S>, actor: Actor) => Promise<R>): Promise<R | ActionFailure> {
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
