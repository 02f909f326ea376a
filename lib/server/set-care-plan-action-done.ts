// Use case: the person (or a contributing carer) ticks off one of their own actions, or un-ticks it.
// Only actions for the person or their carer: the care team's own jobs are theirs to update.
import type { Actor } from '@/lib/auth/can';
import { ActionDoneInput, fieldIssues } from '@/lib/care-plan/input';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  changeActivePlan,
  refuseIfArchived,
} from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export async function setCarePlanActionDone(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<{ ok: true; status: 'done' | 'to_do' } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'patientUpdate', { detail: { op: 'action.done' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'patientUpdate', 'action.done');
  if (archived) return archived;
  const parsed = ActionDoneInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check the action.', fieldIssues(parsed.error));
  const { actionId, done } = parsed.data;
  const status = done ? ('done' as const) : ('to_do' as const);
  type Outcome = { changed: true } | { changed: false; why: string };
  const result = await changeActivePlan(actor, access, 'patientUpdate', 'action.done', async (tx): Promise<Outcome> => {
    const { count } = await tx.carePlanAction.updateMany({
      where: {
        id: actionId,
        carePlanId: access.planId,
        ownerKind: { in: ['person', 'carer'] },
        status: { not: 'cancelled' },
      },
      data: done
        ? { status, completedAt: new Date(), completedById: actor.userId }
        : { status, completedAt: null, completedById: null },
    });
    if (count === 0) {
      // Why not, looked up in this plan only: an action of another plan reads as "not in your plan".
      const action = await tx.carePlanAction.findFirst({
        where: { id: actionId, carePlanId: access.planId },
        select: { ownerKind: true, status: true },
      });
      return { changed: false as const, why: refusalMessage(action, done) };
    }
    await tx.carePlan.update({ where: { id: access.planId }, data: { updatedAt: new Date() } });
    await auditCarePlanChange(actor, access.planId, 'patientUpdate', { op: 'action.done', id: actionId, status }, tx);
    return { changed: true as const };
  });
  if (!result.ok) return result.refused;
  const outcome = result.value;
  if (!outcome.changed) {
    // Not this plan's action, not the person's or carer's, or cancelled: refused, and on the plan's record.
    await auditCarePlanRefusal(actor, access.planId, 'patientUpdate', { op: 'action.done', id: actionId });
    return invalid('That action could not be changed.', [{ path: 'actionId', message: outcome.why }]);
  }
  return { ok: true, status };
}

/** Why an action could not be ticked off (or un-ticked), in the person's words. */
function refusalMessage(action: { ownerKind: string; status: string } | null, done: boolean): string {
  const reload = 'Reload the page to see the plan as it is now.';
  if (!action) return `Action: this job is no longer in your plan. ${reload}`;
  if (action.ownerKind !== 'person' && action.ownerKind !== 'carer') {
    return 'Action: you can tick off only your own actions. Ask your team about the others.';
  }
  if (action.status === 'cancelled') {
    return `Action: this job was cancelled by your care team, so it cannot be ${done ? 'ticked off' : 'changed'}.`;
  }
  // Changed by someone else between the two reads above.
  return `Action: this job was changed just now. ${reload}`;
}
