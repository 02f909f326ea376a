// Use case: the person lets someone else see their plan, usually a carer, and says whether that
// person may also add notes and tick off actions. Issue 6 §3: the person controls who sees the plan
// beyond the care team. Only the person can do this (can('carePlan:share')).
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { GrantInput, fieldIssues } from '@/lib/care-plan/input';
import { CARE_PLAN_NOT_FOUND, auditCarePlanChange, authorizeCarePlan } from './care-plan-access';
import { invalid, isUniqueViolation, notFound, type Invalid, type NotFound } from './results';

export async function grantCarePlanAccess(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<{ ok: true; grantId: string; name: string } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'share', { detail: { op: 'grant' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const parsed = GrantInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check who to share your plan with.', fieldIssues(parsed.error));
  const prisma = getPrisma();
  const carer = await prisma.user.findFirst({
    where: { email: parsed.data.carerEmail },
    select: { id: true, name: true },
  });
  if (!carer) {
    return invalid('Check who to share your plan with.', [
      {
        path: 'carerEmail',
        message:
          'Their email address: we cannot find a Pathweave account with this email. Check it, or ask your care coordinator to help.',
      },
    ]);
  }
  if (carer.id === actor.userId) {
    return invalid('Check who to share your plan with.', [
      { path: 'carerEmail', message: 'Their email address: this is your own email address.' },
    ]);
  }
  try {
    const grant = await prisma.$transaction(async (tx) => {
      const live = await tx.carePlanCarerGrant.findFirst({
        where: { carePlanId: access.planId, carerId: carer.id, revokedAt: null },
        select: { id: true },
      });
      const kept = live
        ? await tx.carePlanCarerGrant.update({
            where: { id: live.id },
            data: { canContribute: parsed.data.canContribute },
            select: { id: true },
          })
        : await tx.carePlanCarerGrant.create({
            data: {
              carePlanId: access.planId,
              carerId: carer.id,
              canContribute: parsed.data.canContribute,
              grantedById: actor.userId,
            },
            select: { id: true },
          });
      const detail = { op: 'grant', id: kept.id, carerId: carer.id, canContribute: parsed.data.canContribute };
      await auditCarePlanChange(actor, access.planId, 'share', detail, tx);
      return kept;
    });
    return { ok: true, grantId: grant.id, name: carer.name };
  } catch (error) {
    // Two grants at once for the same person: the partial unique index keeps one.
    if (isUniqueViolation(error)) return grantCarePlanAccess(options);
    throw error;
  }
}
