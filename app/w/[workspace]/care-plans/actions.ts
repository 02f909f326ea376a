'use server';
// Server actions of the clinician's care plan pages. Each one establishes who is asking, hands the
// form to one use case in lib/server (which validates with the shared zod schemas, calls can(),
// scopes its queries to this plan and audits), revalidates, and returns form state. Nothing throws to
// the browser: a failure is a sentence and the fields it is about.
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { formToObject } from '@/lib/care-plan/input';
import { keepingInput, sentLists, toFormState, typedValues, type FormState } from '@/lib/care-plan/form-state';
import { archiveCarePlan, restoreCarePlan } from '@/lib/server/archive-care-plan';
import { createCarePlan } from '@/lib/server/create-care-plan';
import { editCarePlan } from '@/lib/server/edit-care-plan';
import { mergeCarePlanSteps, unmergeCarePlanSteps } from '@/lib/server/merge-care-plan-steps';
import { getWorkspaceForActor } from '@/lib/server/workspaces';

const SIGNED_OUT: FormState = {
  ok: false,
  message: 'Your session has ended. Sign in again in another tab; what you typed is still here.',
  errors: [],
};
const FAILED: FormState = { ok: false, message: 'Sorry, that could not be saved. Try again in a moment.', errors: [] };

const field = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

function revalidateCarePlans() {
  revalidatePath('/w/[workspace]/care-plans', 'layout');
  revalidatePath('/my-plan', 'layout');
}

export async function createCarePlanAction(_previous: FormState, form: FormData): Promise<FormState> {
  let href: string | null = null;
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form, ['workspaceSlug']);
    const workspace = await getWorkspaceForActor(actor, field(form, 'workspaceSlug'));
    if (!workspace)
      return { ok: false, message: 'This workspace was not found, or you do not have access to it.', errors: [] };
    const result = await createCarePlan({
      actor,
      workspaceId: workspace.id,
      input: {
        patientNhsNumber: field(form, 'patientNhsNumber'),
        patientEmail: field(form, 'patientEmail'),
        pathwayIds: form.getAll('pathwayIds').filter((v): v is string => typeof v === 'string'),
        title: field(form, 'title') || undefined,
      },
    });
    if (!result.ok)
      return {
        ...toFormState(result, form, ''),
        values: typedValues(form, ['workspaceSlug', 'pathwayIds']),
        lists: sentLists(form, ['workspaceSlug']),
      };
    revalidateCarePlans();
    href = `/w/${workspace.slug}/care-plans/${result.planId}`;
  } catch (error) {
    log.error({ err: error, action: 'createCarePlan' }, 'server action failed');
    return keepingInput(FAILED, form, ['workspaceSlug']);
  }
  redirect(href);
}

/** Any edit of the plan: the form carries `op` and the fields of that part (see CarePlanEditSchema). */
export async function editCarePlanAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const values = formToObject(form);
    delete values.planId;
    const result = await editCarePlan({ actor, planId: field(form, 'planId'), edit: values });
    if (result.ok) revalidateCarePlans();
    const saved = field(form, 'op').endsWith('.delete') ? 'Removed.' : 'Saved.';
    return toFormState(result, form, saved);
  } catch (error) {
    log.error({ err: error, action: 'editCarePlan' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
}

export async function mergeStepsAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const steps = form
      .getAll('steps')
      .filter((v): v is string => typeof v === 'string')
      .map((v) => {
        const [pathwayId = '', stepId = ''] = v.split('::');
        return { pathwayId, stepId };
      });
    const result = await mergeCarePlanSteps({
      actor,
      planId: field(form, 'planId'),
      input: { title: field(form, 'title'), steps },
    });
    if (result.ok) revalidateCarePlans();
    return toFormState(result, form, 'Merged into one step.');
  } catch (error) {
    log.error({ err: error, action: 'mergeSteps' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
}

export async function unmergeStepsAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const result = await unmergeCarePlanSteps({
      actor,
      planId: field(form, 'planId'),
      mergeId: field(form, 'mergeId'),
    });
    if (result.ok) revalidateCarePlans();
    return toFormState(result, form, 'The steps are separate again.');
  } catch (error) {
    log.error({ err: error, action: 'unmergeSteps' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
}

/** Archive the plan: the form carries `planId` and the confirmation box `confirm`. */
export async function archiveCarePlanAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const result = await archiveCarePlan({ actor, planId: field(form, 'planId'), confirm: field(form, 'confirm') });
    if (result.ok) revalidateCarePlans();
    return toFormState(result, form, 'Archived. The plan is now read-only.');
  } catch (error) {
    log.error({ err: error, action: 'archiveCarePlan' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
}

export async function restoreCarePlanAction(_previous: FormState, form: FormData): Promise<FormState> {
  try {
    const actor = await getActor();
    if (!actor) return keepingInput(SIGNED_OUT, form);
    const result = await restoreCarePlan({ actor, planId: field(form, 'planId') });
    if (result.ok) revalidateCarePlans();
    return toFormState(result, form, 'Restored. The plan is in use again.');
  } catch (error) {
    log.error({ err: error, action: 'restoreCarePlan' }, 'server action failed');
    return keepingInput(FAILED, form);
  }
}
