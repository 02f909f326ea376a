// Use case: the person stops sharing their plan with someone. It takes effect at once: every read
// checks live grants (revokedAt is null), and the next request of the carer finds nothing.
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { RevokeInput, fieldIssues } from '@/lib/care-plan/input';
import {
  CARE_PLAN_NOT_FOUND,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  lockPlanRow,
} from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export async function revokeCarePlanAccess(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<{ ok: true } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'share', { detail: { op: 'revoke' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const parsed = RevokeInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check who to stop sharing with.', fieldIssues(parsed.error));
  const grant = await getPrisma().carePlanCarerGrant.findFirst({
    where: { id: parsed.data.grantId, carePlanId: access.planId, revokedAt: null },
    select: { id: true, carerId: true },
  });
  if (!grant) {
    // Not a live grant of this plan: refused, and on the plan's record.
    await auditCarePlanRefusal(actor, access.planId, 'share', { op: 'revoke', id: parsed.data.grantId });
    return invalid('Check who to stop sharing with.', [
      { path: 'grantId', message: 'Access: this person cannot see your plan now anyway.' },
    ]);
  }
  await getPrisma().$transaction(async (tx) => {
    // The plan's row is held, as every change holds it (changeActivePlan): a carer's change checked
    // a moment before this either commits first or sees that sharing has stopped.
    await lockPlanRow(tx, access.planId);
    await tx.carePlanCarerGrant.update({
      where: { id: grant.id },
      data: { revokedAt: new Date(), revokedById: actor.userId },
    });
    await auditCarePlanChange(
      actor,
      access.planId,
      'share',
      { op: 'revoke', id: grant.id, carerId: grant.carerId },
      tx,
    );
  });
  return { ok: true };
}
