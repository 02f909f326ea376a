// Use cases of the person invited to see someone's plan (see grant-care-plan-access.ts): the
// invitations waiting for them, and accepting or declining one. An invitation is for an email; only
// the account with that email may answer it (can('carePlanInvitation:respond')). Accepting makes
// the grant, on the plan's record, in the same transaction.
import type { SignedInActor } from '@/lib/auth/actor';
import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { audit } from './audit';
import { auditCarePlanChange, auditCarePlanRefusal, lockPlanRow } from './care-plan-access';
import { invalid, notFound, type Invalid, type NotFound } from './results';

export interface CarePlanInvitationSummary {
  invitationId: string;
  patientName: string;
  /** The care team's organisation (the plan's workspace), to tell two people of the same name apart. */
  workspaceName: string;
  canContribute: boolean;
  invitedAt: string;
}

export const INVITATION_NOT_FOUND = 'This invitation was not found. It may have been cancelled.';

const alreadyAnswered = () =>
  invalid('This invitation has already been answered or taken back.', [
    { path: 'invitationId', message: 'This invitation has already been answered or taken back.' },
  ]);

/** Open invitations to the actor's own email (stored in lower case), on active plans not their own. */
function openInvitationsTo(actor: SignedInActor) {
  return {
    email: actor.email.toLowerCase(),
    respondedAt: null,
    carePlan: { status: 'active' as const, patientId: { not: actor.userId } },
  };
}

/** Open invitations to the actor's email, on active plans that are not their own, oldest first. */
export async function listMyCarePlanInvitations(options: {
  actor: SignedInActor;
}): Promise<CarePlanInvitationSummary[]> {
  const { actor } = options;
  const rows = await getPrisma().carePlanInvitation.findMany({
    where: openInvitationsTo(actor),
    orderBy: { invitedAt: 'asc' },
    select: {
      id: true,
      canContribute: true,
      invitedAt: true,
      carePlan: { select: { patient: { select: { name: true } }, workspace: { select: { name: true } } } },
    },
  });
  // Scoped to the actor's own email, so every row is one they may answer; answering checks can().
  const out = rows.map((r) => ({
    invitationId: r.id,
    patientName: r.carePlan.patient.name,
    workspaceName: r.carePlan.workspace.name,
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
export async function hasCarePlanInvitation(actor: SignedInActor): Promise<boolean> {
  const found = await getPrisma().carePlanInvitation.findFirst({
    where: openInvitationsTo(actor),
    select: { id: true },
  });
  return found !== null;
}

/**
 * Accept (a grant is made, with what the person chose to let them do) or decline. Anyone else, or
 * an invitation on a plan that is no longer active: "not found", and the refusal is audited.
 *
 * `shownCanContribute` is what the invitee was shown the invitation lets them do: a yes counts only
 * if the person has not changed it since, so nobody gets more (or less) than what they agreed to.
 *
 * A yes goes on the plan's own trail, under the invitee's name: they were told the person would
 * see it. A no does not: it is recorded against the invitation, and the person sees only that the
 * address they typed said no, never whose account it is.
 */
export async function respondToCarePlanInvitation(options: {
  actor: Actor;
  invitationId: string;
  accept: boolean;
  shownCanContribute?: boolean;
}): Promise<{ ok: true; planId: string | null; patientName: string } | NotFound | Invalid> {
  const { actor } = options;
  const prisma = getPrisma();
  const invitationId = options.invitationId.slice(0, 200);
  const op = options.accept ? 'accept-invite' : 'decline-invite';
  /** A refused answer, on the invitation's record (with why, once the invitation is known to be theirs). */
  const auditRefusal = (reason?: string) =>
    audit({
      actorId: actor.userId,
      action: 'carePlanInvitation:respond',
      resourceType: 'carePlanInvitation',
      resourceId: invitationId,
      outcome: 'denied',
      detail: reason === undefined ? { op } : { op, reason },
    });
  const refuse = async () => {
    await auditRefusal();
    return notFound(INVITATION_NOT_FOUND);
  };
  const invitation = await prisma.carePlanInvitation.findUnique({
    where: { id: invitationId },
    select: {
      id: true,
      email: true,
      invitedById: true,
      carePlanId: true,
      carePlan: { select: { patientId: true, patient: { select: { name: true } } } },
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
    can(actor, 'carePlanInvitation:respond', {
      type: 'carePlanInvitation',
      inviteeUserId: invitee?.id ?? null,
      patientId: invitation.carePlan.patientId,
    });
  if (!invitation || !allowed) return refuse();
  const planId = invitation.carePlanId;
  const patientName = invitation.carePlan.patient.name;
  const outcome = await prisma.$transaction(async (tx) => {
    // The plan's row is held until the answer commits, and its status read as it is now: an archive
    // at the same moment waits for the answer, or the answer sees the archive (lockPlanRow). A plain
    // read would let a yes make a grant on a plan archived a moment before.
    const plan = await lockPlanRow(tx, planId);
    if (!plan.active) return 'inactive' as const;
    // Claim it: of two answers at once, one wins and the other is told it was already answered.
    const claimed = await tx.carePlanInvitation.updateMany({
      where: {
        id: invitation.id,
        respondedAt: null,
        ...(options.accept && options.shownCanContribute !== undefined
          ? { canContribute: options.shownCanContribute }
          : {}),
      },
      data: { respondedAt: new Date(), outcome: options.accept ? 'accepted' : 'declined', respondedById: actor.userId },
    });
    if (claimed.count === 0) {
      const now = await tx.carePlanInvitation.findUnique({
        where: { id: invitation.id },
        select: { respondedAt: true },
      });
      return now?.respondedAt ? ('answered' as const) : ('changed' as const);
    }
    if (!options.accept) {
      await audit(
        {
          actorId: actor.userId,
          action: 'carePlanInvitation:respond',
          resourceType: 'carePlanInvitation',
          resourceId: invitation.id,
          outcome: 'allowed',
          detail: { op, planId },
        },
        tx,
      );
      return 'declined' as const;
    }
    const current = await tx.carePlanInvitation.findUnique({
      where: { id: invitation.id },
      select: { canContribute: true },
    });
    const canContribute = current?.canContribute ?? false;
    // One live grant per person (a partial unique index): keep theirs if the person has already
    // shared with them directly since, with what this invitation says.
    const live = await tx.carePlanCarerGrant.findFirst({
      where: { carePlanId: planId, carerId: actor.userId, revokedAt: null },
      select: { id: true },
    });
    const grant = live
      ? await tx.carePlanCarerGrant.update({ where: { id: live.id }, data: { canContribute }, select: { id: true } })
      : await tx.carePlanCarerGrant.create({
          data: { carePlanId: planId, carerId: actor.userId, canContribute, grantedById: invitation.invitedById },
          select: { id: true },
        });
    await tx.carePlanInvitation.update({ where: { id: invitation.id }, data: { grantId: grant.id } });
    await auditCarePlanChange(actor, planId, 'share', { op, id: invitation.id, grantId: grant.id }, tx);
    return 'accepted' as const;
  });
  if (outcome === 'inactive' || outcome === 'answered' || outcome === 'changed') {
    // Refused although the invitation is theirs: why, on the invitation's record. A yes refused because
    // the plan is archived is also on the plan's record, as a yes that went through would be (a no never
    // is: see above); one answered twice, or to an invitation changed since it was shown, is not: the
    // care team's list would read it as an attempt without access, which it was not.
    const reason = { inactive: 'archived', answered: 'already answered', changed: 'changed since shown' }[outcome];
    await auditRefusal(reason);
    if (options.accept && outcome === 'inactive') {
      await auditCarePlanRefusal(actor, planId, 'share', { op, id: invitation.id, reason });
    }
  }
  switch (outcome) {
    case 'inactive':
      return notFound(INVITATION_NOT_FOUND);
    case 'answered':
      return alreadyAnswered();
    case 'changed':
      return invalid(`${patientName} has changed what this invitation lets you do.`, [
        {
          path: 'invitationId',
          message: `${patientName} has changed what this invitation lets you do. Read it again, then answer.`,
        },
      ]);
    case 'declined':
      return { ok: true, planId: null, patientName };
    case 'accepted':
      return { ok: true, planId, patientName };
  }
}

/**
 * An invitation this person has just said no to, for the next page's notice: worded from what is
 * stored, never from the link. null when it is not theirs or not declined.
 */
export async function declinedInvitation(actor: Actor, invitationId: string): Promise<{ patientName: string } | null> {
  const row = await getPrisma().carePlanInvitation.findFirst({
    where: { id: invitationId.slice(0, 200), outcome: 'declined', respondedById: actor.userId },
    select: { carePlan: { select: { patient: { select: { name: true } } } } },
  });
  return row ? { patientName: row.carePlan.patient.name } : null;
}
