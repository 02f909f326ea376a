// Use case: the person says they agree with their plan. Care planning is agreeing a plan with the
// person (RCGP, ../shared/seeds/004_80d6d8cd2e1c4591.txt §9.3), and National Voices asks for a plan
// prepared jointly with them. Only the person can say so: not a carer, not the care team (can():
// carePlan:agree). They agree what they were shown: if the care team changed the plan while they
// read it, they are asked to read it again. What the plan said is kept with the agreement, so a later
// change shows as "changed since" to them and to the team.
import type { Actor } from '@/lib/auth/can';
import { AgreeInput, fieldIssues } from '@/lib/care-plan/input';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  changeActivePlan,
  refuseIfArchived,
} from './care-plan-access';
import { loadCarePlanView } from './get-care-plan';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export const PLAN_CHANGED_WHILE_READ =
  'Your care team changed the plan while you were reading it. Read it again, then say if you agree.';

export async function agreeToCarePlan(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<{ ok: true; agreedAt: string } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'agree', { detail: { op: 'agree' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const archived = await refuseIfArchived(actor, access, 'agree', 'agree');
  if (archived) return archived;
  const parsed = AgreeInput.safeParse(options.input);
  if (!parsed.success) {
    await auditCarePlanRefusal(actor, access.planId, 'agree', {
      op: 'agree',
      id: access.planId,
      reason: 'no revision',
    });
    return invalid('Check the plan.', fieldIssues(parsed.error));
  }
  const shown = parsed.data.revision;
  const result = await changeActivePlan(actor, access, 'agree', 'agree', async (tx) => {
    // Read with the plan's row held (changeActivePlan), so no change of the team's slips in between.
    const plan = await loadCarePlanView(access.planId, { db: tx });
    if (plan?.agreement?.revision !== shown) return null;
    const agreedAt = new Date();
    await tx.carePlan.update({ where: { id: access.planId }, data: { agreedAt, agreedRevision: shown } });
    await auditCarePlanChange(actor, access.planId, 'agree', { op: 'agree', revision: shown }, tx);
    return agreedAt;
  });
  if (!result.ok) return result.refused;
  if (result.value === null) {
    await auditCarePlanRefusal(actor, access.planId, 'agree', {
      op: 'agree',
      id: access.planId,
      reason: 'changed since shown',
    });
    return invalid(PLAN_CHANGED_WHILE_READ, [{ path: 'revision', message: PLAN_CHANGED_WHILE_READ }]);
  }
  return { ok: true, agreedAt: result.value.toISOString() };
}
