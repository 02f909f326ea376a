'use server';
// Server actions of the person's and carer's view. Each one establishes who is asking (getActor),
// calls one use case in lib/server (which calls can(), scopes its queries and audits), revalidates,
// and returns plain form state. Nothing throws to the browser: failures are sentences.
import { cookies } from 'next/headers';
import { refresh, revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { keepingInput, toFormState, type FormState } from '@/lib/care-plan/form-state';
import { TEXT_SIZE_COOKIE } from '@/lib/care-plan/text-size';
import { addCarePlanNote } from '@/lib/server/add-care-plan-note';
import { agreeToCarePlan } from '@/lib/server/agree-care-plan';
import { deleteCarePlanNote } from '@/lib/server/delete-care-plan-note';
import { respondToCarePlanInvitation } from '@/lib/server/care-plan-invitations';
import { cancelCarePlanInvitation, grantCarePlanAccess } from '@/lib/server/grant-care-plan-access';
import { revokeCarePlanAccess } from '@/lib/server/revoke-care-plan-access';
import { setCarePlanActionDone } from '@/lib/server/set-care-plan-action-done';

const SIGNED_OUT: FormState = { ok: false, message: 'Your session has ended. Sign in again to carry on.', errors: [] };
const FAILED: FormState = { ok: false, message: 'Sorry, that did not work. Try again in a moment.', errors: [] };

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

function revalidatePlans() {
  revalidatePath('/my-plan', 'layout');
  revalidatePath('/w/[workspace]/care-plans', 'layout');
}

/** Tick off (or un-tick) one of the person's own actions. Works without JavaScript (ButtonForm). */
export async function setActionDoneAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const result = await setCarePlanActionDone({
      actor,
      planId: field(form, 'planId'),
      input: { actionId: field(form, 'actionId'), done: field(form, 'done') === 'yes' },
    });
    if (result.ok) revalidatePlans();
    return toFormState(result, form, '');
  } catch (error) {
    log.error({ err: error, action: 'setActionDone' }, 'server action failed');
    return FAILED;
  }
}

/** The person says they agree with their plan, as the page showed it. Works without JavaScript. */
export async function agreePlanAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const result = await agreeToCarePlan({
      actor,
      planId: field(form, 'planId'),
      input: { revision: field(form, 'revision') },
    });
    // Refused because the plan changed: the page is drawn again with the plan as it is now.
    revalidatePlans();
    // Agreed, the page says so where the button was (components/care-plan/Agreement.tsx).
    return toFormState(result, form, '');
  } catch (error) {
    log.error({ err: error, action: 'agreePlan' }, 'server action failed');
    return FAILED;
  }
}

export async function addNoteAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const result = await addCarePlanNote({
      actor,
      planId: field(form, 'planId'),
      input: { body: field(form, 'body') },
    });
    if (result.ok) revalidatePlans();
    return toFormState(result, form, 'Your note is saved.');
  } catch (error) {
    log.error({ err: error, action: 'addNote' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
}

/**
 * Delete one of your own notes. The note leaves the list, with the button pressed, so the plan is
 * loaded again with a notice in its notes (which takes the focus), rather than leaving focus nowhere.
 */
export async function deleteNoteAction(_previous: FormState, form: FormData): Promise<FormState> {
  const planId = field(form, 'planId');
  const noteId = field(form, 'noteId');
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const result = await deleteCarePlanNote({ actor, planId, noteId });
    if (!result.ok) return toFormState(result, form, '');
    revalidatePlans();
  } catch (error) {
    log.error({ err: error, action: 'deleteNote' }, 'server action failed');
    return FAILED;
  }
  redirect(`/my-plan/${encodeURIComponent(planId)}?notice=note-deleted&note=${encodeURIComponent(noteId)}`);
}

/**
 * Share the plan with someone by email. "Share again" (the form sends again=yes) is a button of
 * someone who used to see it: they leave that list, with the form and the button pressed, so the page
 * is loaded again with a notice saying so (and the focus on it), rather than leaving focus nowhere.
 */
export async function grantAccessAction(_previous: FormState, form: FormData): Promise<FormState> {
  const planId = field(form, 'planId');
  let again: string;
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const result = await grantCarePlanAccess({
      actor,
      planId,
      input: { carerEmail: field(form, 'carerEmail'), canContribute: field(form, 'canContribute') === 'yes' },
    });
    if (!result.ok) return toFormState(result, form, '');
    revalidatePlans();
    if (result.kind === 'invited')
      return toFormState(
        result,
        form,
        `You have asked ${result.email} to see your plan. Pathweave does not send them an email: tell them to sign in to Pathweave with this email address and say yes.`,
      );
    if (field(form, 'again') !== 'yes') return toFormState(result, form, `${result.name} can now see your plan.`);
    again = result.grantId;
  } catch (error) {
    log.error({ err: error, action: 'grantAccess' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
  redirect(`/my-plan/${encodeURIComponent(planId)}/sharing?notice=shared&grant=${encodeURIComponent(again)}`);
}

/**
 * Take back an invitation nobody has answered yet. The invitation leaves the list, with the button
 * pressed, so the page is loaded again with a notice saying what happened (and focus starts at the
 * top), rather than leaving focus nowhere.
 */
export async function cancelInvitationAction(_previous: FormState, form: FormData): Promise<FormState> {
  const planId = field(form, 'planId');
  const invitationId = field(form, 'invitationId');
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const result = await cancelCarePlanInvitation({ actor, planId, invitationId });
    if (!result.ok) return toFormState(result, form, '');
    revalidatePlans();
  } catch (error) {
    log.error({ err: error, action: 'cancelInvitation' }, 'server action failed');
    return FAILED;
  }
  redirect(
    `/my-plan/${encodeURIComponent(planId)}/sharing?notice=cancelled&invitation=${encodeURIComponent(invitationId)}`,
  );
}

/**
 * Say yes or no to seeing someone's plan. Works without JavaScript (ButtonForm). Yes opens the plan;
 * no comes back to /my-plan with a notice. A yes counts only for what the invitee was shown.
 */
export async function respondToInvitationAction(_previous: FormState, form: FormData): Promise<FormState> {
  const invitationId = field(form, 'invitationId');
  let next: string;
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const accept = field(form, 'answer') === 'yes';
    const shown = field(form, 'shown');
    const result = await respondToCarePlanInvitation({
      actor,
      invitationId,
      accept,
      shownCanContribute: shown === 'yes' ? true : shown === 'no' ? false : undefined,
    });
    if (!result.ok) {
      // The page is drawn again too: when the invitation has changed, it then says what it lets
      // them do now, so the next "Yes" answers that rather than being refused again.
      revalidatePlans();
      refresh();
      return toFormState(result, form, '');
    }
    revalidatePlans();
    next = result.planId
      ? `/my-plan/${encodeURIComponent(result.planId)}`
      : `/my-plan?notice=declined&invitation=${encodeURIComponent(invitationId)}`;
  } catch (error) {
    log.error({ err: error, action: 'respondToInvitation' }, 'server action failed');
    return FAILED;
  }
  redirect(next);
}

/**
 * Stop sharing at once. If that fails the person is told, never left thinking it worked. The person
 * leaves the list, with the button pressed, so the page is loaded again with a notice saying so (and
 * the focus on it), rather than leaving focus nowhere.
 */
export async function revokeAccessAction(_previous: FormState, form: FormData): Promise<FormState> {
  const planId = field(form, 'planId');
  try {
    const actor = await getActor();
    if (!actor) return SIGNED_OUT;
    const result = await revokeCarePlanAccess({
      actor,
      planId,
      input: { grantId: field(form, 'grantId') },
    });
    if (!result.ok) return toFormState(result, form, '');
    revalidatePlans();
  } catch (error) {
    log.error({ err: error, action: 'revokeAccess' }, 'server action failed');
    return FAILED;
  }
  // The notice names the person from what is stored: someone who used to see the plan and does not now.
  redirect(
    `/my-plan/${encodeURIComponent(planId)}/sharing?notice=stopped&carer=${encodeURIComponent(field(form, 'carerId'))}`,
  );
}

/** Bigger text everywhere, remembered for a year on this device. */
export async function setTextSizeAction(form: FormData): Promise<void> {
  const size = field(form, 'size') === 'large' ? 'large' : 'normal';
  const jar = await cookies();
  if (size === 'large')
    jar.set(TEXT_SIZE_COOKIE, 'large', { path: '/', maxAge: 60 * 60 * 24 * 365, sameSite: 'lax', httpOnly: true });
  else jar.delete(TEXT_SIZE_COOKIE);
  revalidatePath('/', 'layout');
}
