'use server';
// The members page's one server action: change a member's role or remove them. It establishes who is
// asking and hands the form to lib/server/workspace-members.ts, which calls changeMembership (the
// rules, can() and the audit live there). Nothing throws to the browser: a failure is a sentence.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { changeMemberFromForm, type MemberFormState } from '@/lib/server/workspace-members';

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export async function memberAction(_previous: MemberFormState, form: FormData): Promise<MemberFormState> {
  let redirectTo: string | undefined;
  try {
    const actor = await getActor();
    if (!actor) {
      return {
        ok: false,
        message: 'Your session has ended. Sign in again, then make the change again.',
        at: Date.now(),
      };
    }
    const { redirectTo: to, ...state } = await changeMemberFromForm(actor, {
      workspaceSlug: field(form, 'workspaceSlug'),
      userId: field(form, 'userId'),
      intent: field(form, 'intent'),
      accessRole: form.has('accessRole') ? field(form, 'accessRole') : undefined,
    });
    if (state.ok) revalidatePath('/w/[workspace]', 'layout');
    if (!to) return state;
    redirectTo = to;
  } catch (error) {
    log.error({ err: error, action: 'changeMember' }, 'server action failed');
    return { ok: false, message: 'Sorry, that change could not be made. Try again in a moment.', at: Date.now() };
  }
  // You changed your own role or left: this page may no longer be yours.
  redirect(redirectTo);
}
