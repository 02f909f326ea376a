// Use case: the person lets someone else see their plan, usually a carer, and says whether that
// person may also add notes and tick off actions. Issue 6 §3: the person controls who sees the plan
// beyond the care team. Only the person can do this (can('carePlan:share')).
//
// Sharing with someone new makes an invitation, never a grant: nothing is shared until the person
// with that email signs in and accepts (respond-to-care-plan-invitation.ts). So the answer is the
// same whether or not the email has a Pathweave account, and sharing cannot be used to find out
// who has one, or their name. Someone who could already see this plan before (a live or past
// grant, so the person has seen their name in their own list) is shared with again directly.
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { GrantInput, fieldIssues } from '@/lib/care-plan/input';
import { CARE_PLAN_NOT_FOUND, auditCarePlanChange, authorizeCarePlan } from './care-plan-access';
import { invalid, isUniqueViolation, notFound, type Invalid, type NotFound } from './results';

export type ShareResult =
  | { ok: true; kind: 'granted'; grantId: string; name: string }
  | { ok: true; kind: 'invited'; invitationId: string; email: string };

export async function grantCarePlanAccess(options: {
  actor: Actor;
  planId: string;
  input: unknown;
}): Promise<ShareResult | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'share', { detail: { op: 'grant' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const parsed = GrantInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check who to share your plan with.', fieldIssues(parsed.error));
  const email = parsed.data.carerEmail;
  const canContribute = parsed.data.canContribute;
  const prisma = getPrisma();
  const me = await prisma.user.findUnique({ where: { id: actor.userId }, select: { email: true } });
  if (me && me.email.toLowerCase() === email) {
    return invalid('Check who to share your plan with.', [
      { path: 'carerEmail', message: `Their email address: ${email} is your own email address.` },
    ]);
  }
  try {
    return await prisma.$transaction(async (tx) => {
      // Someone this plan has been shared with before, whom the person already knows by name.
      const known = await tx.carePlanCarerGrant.findFirst({
        where: { carePlanId: access.planId, carer: { email: { equals: email, mode: 'insensitive' } } },
        orderBy: { grantedAt: 'desc' },
        select: { carerId: true, carer: { select: { name: true } } },
      });
      if (known) {
        const live = await tx.carePlanCarerGrant.findFirst({
          where: { carePlanId: access.planId, carerId: known.carerId, revokedAt: null },
          select: { id: true },
        });
        const kept = live
          ? await tx.carePlanCarerGrant.update({
              where: { id: live.id },
              data: { canContribute },
              select: { id: true },
            })
          : await tx.carePlanCarerGrant.create({
              data: { carePlanId: access.planId, carerId: known.carerId, canContribute, grantedById: actor.userId },
              select: { id: true },
            });
        const detail = { op: 'grant', id: kept.id, carerId: known.carerId, canContribute };
        await auditCarePlanChange(actor, access.planId, 'share', detail, tx);
        return { ok: true as const, kind: 'granted' as const, grantId: kept.id, name: known.carer.name };
      }
      const open = await tx.carePlanInvitation.findFirst({
        where: { carePlanId: access.planId, email, respondedAt: null },
        select: { id: true },
      });
      const invitation = open
        ? await tx.carePlanInvitation.update({ where: { id: open.id }, data: { canContribute }, select: { id: true } })
        : await tx.carePlanInvitation.create({
            data: { carePlanId: access.planId, email, canContribute, invitedById: actor.userId },
            select: { id: true },
          });
      await auditCarePlanChange(actor, access.planId, 'share', { op: 'invite', id: invitation.id, canContribute }, tx);
      return { ok: true as const, kind: 'invited' as const, invitationId: invitation.id, email };
    });
  } catch (error) {
    // Two shares at once with the same person: the partial unique indexes keep one; try again.
    if (isUniqueViolation(error)) return grantCarePlanAccess(options);
    throw error;
  }
}

/** The person takes back an invitation nobody has answered yet. */
export async function cancelCarePlanInvitation(options: {
  actor: Actor;
  planId: string;
  invitationId: string;
}): Promise<{ ok: true } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'share', { detail: { op: 'cancel-invite' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  return getPrisma().$transaction(async (tx) => {
    const claimed = await tx.carePlanInvitation.updateMany({
      where: { id: options.invitationId, carePlanId: access.planId, respondedAt: null },
      data: { respondedAt: new Date(), outcome: 'cancelled', respondedById: actor.userId },
    });
    if (claimed.count === 0) {
      return invalid('Check which invitation to cancel.', [
        {
          path: 'invitationId',
          message: 'Invitation: it has already been accepted, declined or cancelled.',
        },
      ]);
    }
    await auditCarePlanChange(actor, access.planId, 'share', { op: 'cancel-invite', id: options.invitationId }, tx);
    return { ok: true as const };
  });
}
