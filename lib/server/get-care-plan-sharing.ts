// Use case: the person's sharing page: who can see their plan now, and who used to (to share again
// with one click). Only the person (can('carePlan:share')); the read is audited like any other.
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import type { PlanStatus } from '@/lib/care-plan/types';
import { audit } from './audit';
import { authorizeCarePlan } from './care-plan-access';

export interface CarePlanSharing {
  planId: string;
  patientName: string;
  /** While archived, nobody new can be invited (grant-care-plan-access.ts); the rest still works. */
  status: PlanStatus;
  live: { grantId: string; carerId: string; name: string; email: string; canContribute: boolean; grantedAt: string }[];
  past: { carerId: string; name: string; email: string; revokedAt: string }[];
  /** Invitations nobody has answered yet, by the email the person gave (no name: see grant-care-plan-access.ts). */
  invited: { invitationId: string; email: string; canContribute: boolean; invitedAt: string }[];
  /** Addresses whose latest invitation was answered no (and not asked again since): the address only. */
  declined: { email: string; respondedAt: string }[];
}

export async function getCarePlanSharing(options: { actor: Actor; planId: string }): Promise<CarePlanSharing | null> {
  const { actor } = options;
  // Only the person may (carePlan:share); a refusal is recorded as the read it was (carePlan:view).
  const access = await authorizeCarePlan(actor, options.planId, 'share', {
    auditAs: 'view',
    detail: { via: 'sharing' },
  });
  if (!access) return null;
  const plan = await getPrisma().carePlan.findUnique({
    where: { id: access.planId },
    select: {
      patient: { select: { name: true } },
      carerGrants: { orderBy: { grantedAt: 'asc' }, include: { carer: { select: { name: true, email: true } } } },
      invitations: {
        // Taken-back invitations leave no trace here: what the address last said (or is still
        // deciding) is what counts.
        where: { OR: [{ outcome: null }, { outcome: { not: 'cancelled' } }] },
        orderBy: { invitedAt: 'asc' },
        select: { id: true, email: true, canContribute: true, invitedAt: true, respondedAt: true, outcome: true },
      },
    },
  });
  if (!plan) return null;
  await audit({
    actorId: actor.userId,
    action: 'carePlan:view',
    resourceType: 'carePlan',
    resourceId: access.planId,
    outcome: 'allowed',
    detail: { via: 'sharing' },
  });
  const live = plan.carerGrants
    .filter((g) => g.revokedAt === null)
    .map((g) => ({
      grantId: g.id,
      carerId: g.carerId,
      name: g.carer.name,
      email: g.carer.email,
      canContribute: g.canContribute,
      grantedAt: g.grantedAt.toISOString(),
    }));
  const liveIds = new Set(live.map((g) => g.carerId));
  const past = new Map<string, CarePlanSharing['past'][number]>();
  for (const g of plan.carerGrants) {
    if (g.revokedAt === null || liveIds.has(g.carerId)) continue;
    past.set(g.carerId, {
      carerId: g.carerId,
      name: g.carer.name,
      email: g.carer.email,
      revokedAt: g.revokedAt.toISOString(),
    });
  }
  const open = plan.invitations.filter((i) => i.respondedAt === null);
  const invited = open.map((i) => ({
    invitationId: i.id,
    email: i.email,
    canContribute: i.canContribute,
    invitedAt: i.invitedAt.toISOString(),
  }));
  // An address that said no to its latest invitation: not one asked again since (still waiting,
  // or since said yes), and not one who can see the plan now (shared with again directly).
  const latest = new Map<string, (typeof plan.invitations)[number]>();
  for (const i of plan.invitations) latest.set(i.email.toLowerCase(), i);
  const canSee = new Set(live.map((g) => g.email.toLowerCase()));
  const declined = new Map<string, CarePlanSharing['declined'][number]>();
  for (const [email, i] of latest) {
    if (i.outcome !== 'declined' || i.respondedAt === null || canSee.has(email)) continue;
    declined.set(email, { email: i.email, respondedAt: i.respondedAt.toISOString() });
  }
  return {
    planId: access.planId,
    patientName: plan.patient.name,
    status: access.status,
    live,
    past: [...past.values()],
    invited,
    declined: [...declined.values()],
  };
}
