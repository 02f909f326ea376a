// Use cases of the person invited to see someone's plan (see grant-care-plan-access.ts): the
// invitations waiting for them, and accepting or declining one. An invitation is for an email; only
// the account with that email may answer it (can('carePlanInvitation:respond')). Accepting makes
// the grant, on the plan's record, in the same transaction.
import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { audit } from './audit';
import { auditCarePlanChange } from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export interface CarePlanInvitationSummary {
  invitationId: string;
  patientName: string;
  canContribute: boolean;
  invitedAt: string;
}

export const INVITATION_NOT_FOUND = 'This invitation was not found. It may have been cancelled.';

async function emailOf(userId: string): Promise<string | null> {
  const me = await getPrisma().user.findUnique({ where: { id: userId }, select: { email: true } });
  return me ? me.email.toLowerCase() : null;
}

/** Open invitations to the actor's email, on active plans that are not their own, oldest first. */
export async function listMyCarePlanInvitations(options: { actor: Actor }): Promise<CarePlanInvitationSummary[]> {
  const { actor } = options;
  const email = await emailOf(actor.userId);
  if (!email) return [];
  const rows = await getPrisma().carePlanInvitation.findMany({
    where: { email, respondedAt: null, carePlan: { status: 'active', patientId: { not: actor.userId } } },
    orderBy: { invitedAt: 'asc' },
    select: {
      id: true,
      canContribute: true,
      invitedAt: true,
      carePlan: { select: { patient: { select: { name: true } } } },
    },
  });
  // Scoped to the actor's own email, so every row is one they may answer; answering checks can().
  const out = rows.map((r) => ({
    invitationId: r.id,
    patientName: r.carePlan.patient.name,
    canContribute: r.canContribute,
    invitedAt: r.invitedAt.toISOString(),
  }));
  if (out.length > 0) {
    await audit({
      actorId: actor.userId,
      action: 'carePlanInvitation:list',
      resourceType: 'user',
      resourceId: actor.userId,
      outcome: 'allowed',
      detail: { invitationIds: out.map((i) => i.invitationId) },
    });
  }
  return out;
}

/** Whether the actor has an invitation to answer (for the header's link to /my-plan). */
export async function hasCarePlanInvitation(actor: Actor): Promise<boolean> {
  const email = await emailOf(actor.userId);
  if (!email) return false;
  const found = await getPrisma().carePlanInvitation.findFirst({
    where: { email, respondedAt: null, carePlan: { status: 'active', patientId: { not: actor.userId } } },
    select: { id: true },
  });
  return found !== null;
}

/**
 * Accept (a grant is made, with what the person chose to let them do) or decline. Anyone else,
 * an answered invitation, or one on a plan that is no longer active: "not found", and the refusal
 * is audited.
 */
export async function respondToCarePlanInvitation(options: {
  actor: Actor;
  invitationId: string;
  accept: boolean;
}): Promise<{ ok: true; planId: string | null; patientName: string } | NotFound | Invalid> {
  const { actor } = options;
  const prisma = getPrisma();
  const invitationId = options.invitationId.slice(0, 200);
  const invitation = await prisma.carePlanInvitation.findUnique({
    where: { id: invitationId },
    select: {
      id: true,
      email: true,
      respondedAt: true,
      canContribute: true,
      invitedById: true,
      carePlanId: true,
      carePlan: { select: { status: true, patientId: true, patient: { select: { name: true } } } },
    },
  });
  const invitee = invitation
    ? await prisma.user.findFirst({
        where: { email: { equals: invitation.email, mode: 'insensitive' } },
        select: { id: true },
      })
    : null;
  const allowed =
    invitation !== null &&
    invitation.carePlan.status === 'active' &&
    invitation.carePlan.patientId !== actor.userId &&
    can(actor, 'carePlanInvitation:respond', { type: 'carePlanInvitation', inviteeUserId: invitee?.id ?? null });
  const op = options.accept ? 'accept-invite' : 'decline-invite';
  if (!invitation || !allowed) {
    await audit({
      actorId: actor.userId,
      action: 'carePlanInvitation:respond',
      resourceType: 'carePlanInvitation',
      resourceId: invitationId,
      outcome: 'denied',
      detail: { op },
    });
    return notFound(INVITATION_NOT_FOUND);
  }
  if (invitation.respondedAt !== null) {
    return invalid('This invitation has already been answered.', [
      { path: 'invitationId', message: 'Invitation: it has already been accepted, declined or cancelled.' },
    ]);
  }
  const planId = invitation.carePlanId;
  const patientName = invitation.carePlan.patient.name;
  return prisma.$transaction(async (tx) => {
    // Claim it: of two answers at once, one wins and the other is told it was already answered.
    const claimed = await tx.carePlanInvitation.updateMany({
      where: { id: invitation.id, respondedAt: null },
      data: { respondedAt: new Date(), outcome: options.accept ? 'accepted' : 'declined', respondedById: actor.userId },
    });
    if (claimed.count === 0) {
      return invalid('This invitation has already been answered.', [
        { path: 'invitationId', message: 'Invitation: it has already been accepted, declined or cancelled.' },
      ]);
    }
    if (!options.accept) {
      await auditCarePlanChange(actor, planId, 'share', { op, id: invitation.id }, tx);
      return { ok: true as const, planId: null, patientName };
    }
    // One live grant per person (a partial unique index): keep theirs if the person has already
    // shared with them directly since, with what this invitation says.
    const live = await tx.carePlanCarerGrant.findFirst({
      where: { carePlanId: planId, carerId: actor.userId, revokedAt: null },
      select: { id: true },
    });
    const grant = live
      ? await tx.carePlanCarerGrant.update({
          where: { id: live.id },
          data: { canContribute: invitation.canContribute },
          select: { id: true },
        })
      : await tx.carePlanCarerGrant.create({
          data: {
            carePlanId: planId,
            carerId: actor.userId,
            canContribute: invitation.canContribute,
            grantedById: invitation.invitedById,
          },
          select: { id: true },
        });
    await tx.carePlanInvitation.update({ where: { id: invitation.id }, data: { grantId: grant.id } });
    await auditCarePlanChange(actor, planId, 'share', { op, id: invitation.id, grantId: grant.id }, tx);
    return { ok: true as const, planId, patientName };
  });
}
