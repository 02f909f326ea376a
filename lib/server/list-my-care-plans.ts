// Use case: the plans a person may open from /my-plan: their own, and the plans of people who have
// granted them access as a carer (live grants only, so a revoked grant disappears at once). Archived
// plans are listed too, after the active ones: the person can still read a plan no longer in use.
import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { activeFirst } from '@/lib/care-plan/archive';
import type { PlanStatus } from '@/lib/care-plan/types';
import { audit, auditEach } from './audit';

export interface MyCarePlanSummary {
  id: string;
  title: string;
  patientName: string;
  relation: 'patient' | 'carer';
  status: PlanStatus;
  /** When it was archived (full ISO), if it is. */
  archivedAt: string | null;
}

export async function listMyCarePlans(options: { actor: Actor }): Promise<MyCarePlanSummary[]> {
  const { actor } = options;
  const rows = await getPrisma().carePlan.findMany({
    where: {
      OR: [{ patientId: actor.userId }, { carerGrants: { some: { carerId: actor.userId, revokedAt: null } } }],
    },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      title: true,
      status: true,
      archivedAt: true,
      workspaceId: true,
      patientId: true,
      patient: { select: { name: true } },
      members: { where: { userId: { not: null } }, select: { userId: true } },
      carerGrants: { where: { revokedAt: null }, select: { carerId: true, canContribute: true } },
    },
  });
  const mine = rows
    .filter((r) =>
      can(actor, 'carePlan:view', {
        type: 'carePlan',
        workspaceId: r.workspaceId,
        patientId: r.patientId,
        careTeamUserIds: r.members.map((m) => m.userId as string),
        carerGrants: r.carerGrants,
      }),
    )
    .map((r) => ({
      id: r.id,
      title: r.title,
      patientName: r.patient.name,
      relation: r.patientId === actor.userId ? ('patient' as const) : ('carer' as const),
      status: r.status,
      archivedAt: r.archivedAt ? r.archivedAt.toISOString() : null,
    }));
  // Own plans first, then archived ones after all the active ones.
  mine.sort((a, b) => Number(a.relation === 'carer') - Number(b.relation === 'carer'));
  const out = activeFirst(mine);
  if (out.length > 0) {
    await audit({
      actorId: actor.userId,
      action: 'carePlan:list',
      resourceType: 'user',
      resourceId: actor.userId,
      outcome: 'allowed',
      detail: { planIds: out.map((p) => p.id) },
    });
    // The list shows each plan's title and its person's name, so each plan's own record says so:
    // the person sees a carer's look under "who has looked at my plan".
    await auditEach({
      actorId: actor.userId,
      action: 'carePlan:view',
      resourceType: 'carePlan',
      resourceIds: out.map((p) => p.id),
      detail: { via: 'my-list' },
    });
  }
  return out;
}

/**
 * Whether this person has a plan to open at /my-plan (their own, or one shared with them), for the
 * header's link. Existence only, for the person themselves: nothing of any plan is read.
 */
export async function hasCarePlanToOpen(actor: Actor): Promise<boolean> {
  const found = await getPrisma().carePlan.findFirst({
    where: { OR: [{ patientId: actor.userId }, { carerGrants: { some: { carerId: actor.userId, revokedAt: null } } }] },
    select: { id: true },
  });
  return found !== null;
}
