// Use case: the person lets someone else see their plan, usually a carer, and says whether that
// person may also add notes and tick off actions. Issue 6 §3: the person controls who sees the plan
// beyond the care team. Only the person can do this (can('carePlan:share')).
//
// Sharing with someone new makes an invitation, never a grant: nothing is shared until the person
// with that email signs in and accepts (respond-to-care-plan-invitation.ts). So the answer is the
// same whether or not the email has a Pathweave account, and sharing cannot be used to find out
// who has one, or their name. Someone who could already see this plan before (a live or past
// grant, so the person has seen their name in their own list) is shared with again directly.
//
// While the plan is archived nobody new is invited (they could not say yes until it is restored):
// the invitation is refused, saying so, and the refusal is on the plan's record. The person can
// still share again with someone who saw it before, stop sharing, and take back an invitation.
import type { SignedInActor } from '@/lib/auth/actor';
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { GrantInput, fieldIssues } from '@/lib/care-plan/input';
import {
  CARE_PLAN_NOT_FOUND,
  archivedInviteRefused,
  auditCarePlanChange,
  auditCarePlanRefusal,
  authorizeCarePlan,
  lockPlanRow,
} from './care-plan-access';
import { invalid, isUniqueViolation, notFound, type Invalid, type NotFound } from './results';

export type ShareResult =
  | { ok: true; kind: 'granted'; grantId: string; name: string }
  | { ok: true; kind: 'invited'; invitationId: string; email: string };

export async function grantCarePlanAccess(options: {
  actor: SignedInActor;
  planId: string;
  input: unknown;
}): Promise<ShareResult | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'share', { detail: { op: 'grant' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const parsed = GrantInput.safeParse(options.input);
  if (!parsed.success) {
    // Nobody it could be shared with again: a form sent from a page opened before archiving is told why.
    if (access.status === 'archived') return archivedInviteRefused(actor, access.planId);
    return invalid('Check who to share your plan with.', fieldIssues(parsed.error));
  }
  const email = parsed.data.carerEmail;
  const canContribute = parsed.data.canContribute;
  const prisma = getPrisma();
  if (actor.email.toLowerCase() === email) {
    return invalid('Check who to share your plan with.', [
      { path: 'carerEmail', message: `Their email address: ${email} is your own email address.` },
    ]);
  }
  try {
    const shared = await prisma.$transaction(async (tx) => {
      // The plan's row is held until this commits, so an archive landing at the same moment either
      // waits for it or is seen here (lockPlanRow): no invitation is made to an archived plan.
      const plan = await lockPlanRow(tx, access.planId);
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
      // Someone new (or still waiting to answer): not while the plan is archived.
      if (!plan.active) return null;
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
    return shared ?? (await archivedInviteRefused(actor, access.planId));
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
}): Promise<{ ok: true; email: string } | NotFound | Invalid> {
  const { actor } = options;
  const access = await authorizeCarePlan(actor, options.planId, 'share', { detail: { op: 'cancel-invite' } });
  if (!access) return notFound(CARE_PLAN_NOT_FOUND);
  const invitationId = options.invitationId.slice(0, 200);
  const cancelled = await getPrisma().$transaction(async (tx) => {
    const open = await tx.carePlanInvitation.findFirst({
      where: { id: invitationId, carePlanId: access.planId, respondedAt: null },
      select: { email: true },
    });
    if (!open) return null;
    const claimed = await tx.carePlanInvitation.updateMany({
      where: { id: invitationId, carePlanId: access.planId, respondedAt: null },
      data: { respondedAt: new Date(), outcome: 'cancelled', respondedById: actor.userId },
    });
    if (claimed.count === 0) return null;
    await auditCarePlanChange(actor, access.planId, 'share', { op: 'cancel-invite', id: invitationId }, tx);
    return open.email;
  });
  if (cancelled !== null) return { ok: true, email: cancelled };
  const ofThisPlan = await getPrisma().carePlanInvitation.findFirst({
    where: { id: invitationId, carePlanId: access.planId },
    select: { id: true },
  });
  if (ofThisPlan) {
    return invalid('Check which invitation to take back.', [
      { path: 'invitationId', message: 'Invitation: it has already been answered or taken back.' },
    ]);
  }
  // Not an invitation of this plan: refused, and on the plan's record.
  await auditCarePlanRefusal(actor, access.planId, 'share', { op: 'cancel-invite', id: invitationId });
  return invalid('Check which invitation to take back.', [
    { path: 'invitationId', message: 'Invitation: this is not an invitation to see your plan.' },
  ]);
}

/**
 * An invitation the person has just taken back, for the next page's notice: worded from what is
 * stored, never from the link. null unless it is this plan's and was taken back.
 */
export async function cancelledInvitationEmail(
  actor: Actor,
  planId: string,
  invitationId: string,
): Promise<string | null> {
  // A read of the plan's sharing (only the person may: carePlan:share), on the plan's record as the
  // sharing page's own read is: a read (carePlan:view), not a change of who can see the plan.
  const access = await authorizeCarePlan(actor, planId, 'share', {
    auditAs: 'view',
    auditAllowed: true,
    detail: { via: 'sharing', notice: 'cancel-invite' },
  });
  if (!access) return null;
  const row = await getPrisma().carePlanInvitation.findFirst({
    where: { id: invitationId.slice(0, 200), carePlanId: access.planId, outcome: 'cancelled' },
    select: { email: true },
  });
  return row?.email ?? null;
}
