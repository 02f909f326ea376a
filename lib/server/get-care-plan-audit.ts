// Use case: "who has looked at my plan" (issue 6 §3), from the audit trail. The person sees every
// allowed read and change of their plan by someone else: who, when, and what, in plain words. The
// care team (can('carePlan:viewAudit')) also sees refused attempts. Reading the trail is audited too.
import type { Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { AUDIT_OP_WORDS as OPS, AUDIT_VIA_WORDS as VIA } from '@/lib/care-plan/copy';
import { ROLE_FOR_PATIENTS } from '@/lib/care-plan/plain';
import type { Role } from '@/lib/pathway/schema';
import { auditCarePlanChange, authorizeCarePlan } from './care-plan-access';
import { audit } from './audit';

export interface CarePlanAuditEntry {
  id: string;
  at: string;
  who: string;
  role: string;
  /** "Looked at the plan", "Downloaded the plan as a PDF", "Changed a goal"… */
  what: string;
  outcome: 'allowed' | 'denied';
  /** A refused change of an archived plan (not a lack of access). */
  refusedAsArchived: boolean;
  isSelf: boolean;
}

export function describeAuditEvent(action: string, detail: unknown): string {
  const d = (detail && typeof detail === 'object' ? detail : {}) as { via?: unknown; op?: unknown };
  const reason = (detail && typeof detail === 'object' ? (detail as { reason?: unknown }).reason : undefined);
  if (action === 'carePlan:create' && reason) return 'Tried to make a second plan for this person';
  if (action === 'carePlan:create') return 'Made the plan';
  if (action === 'carePlan:viewAudit') return 'Looked at this list';
  if (typeof d.op === 'string' && OPS[d.op]) return OPS[d.op] as string;
  if (action === 'carePlan:view') return (typeof d.via === 'string' && VIA[d.via]) || 'Looked at the plan';
  // Reads of the sharing page recorded, before they were recorded as reads (carePlan:view), under the
  // permission they need (carePlan:share): the notice of a taken-back invitation, a refused opening.
  if (action === 'carePlan:share' && (d.op === 'cancel-invite-notice' || (d.op === undefined && d.via === 'sharing')))
    return VIA.sharing as string;
  if (action === 'carePlan:edit') return 'Changed the plan';
  if (action === 'carePlan:share') return 'Changed who can see the plan';
  if (action === 'carePlan:patientUpdate') return 'Added to the plan';
  return 'Opened the plan';
}

export async function getCarePlanAudit(options: {
  actor: Actor;
  planId: string;
  limit?: number;
  workspaceId?: string;
  /** Only for the care team (their page under the workspace): anyone else is refused before the trail is read. */
  clinicianOnly?: boolean;
}): Promise<{ entries: CarePlanAuditEntry[]; relation: 'patient' | 'carer' | 'clinician' } | null> {
  const { actor } = options;
  const access = await authorizeCarePlan(
    actor,
    options.planId,
    'viewAudit',
    options.workspaceId !== undefined ? { workspaceId: options.workspaceId } : {},
  );
  if (!access) return null;
  if (options.clinicianOnly && access.relation !== 'clinician') {
    await audit({
      actorId: actor.userId,
      action: 'carePlan:viewAudit',
      resourceType: 'carePlan',
      resourceId: access.planId,
      outcome: 'denied',
      detail: { via: 'workspace page' },
    });
    return null;
  }
  const showDenied = access.relation === 'clinician';
  const events = await getPrisma().auditEvent.findMany({
    where: {
      resourceType: 'carePlan',
      resourceId: access.planId,
      ...(showDenied ? {} : { outcome: 'allowed', NOT: { actorId: actor.userId } }),
    },
    orderBy: { at: 'desc' },
    take: Math.min(Math.max(options.limit ?? 200, 1), 1000),
    include: { actor: { select: { name: true, professionalRole: true } } },
  });
  await auditCarePlanChange(actor, access.planId, 'viewAudit', { via: 'page' });
  return {
    relation: access.relation,
    entries: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      who:
        e.actorId === access.patientId
          ? actor.userId === access.patientId
            ? 'You'
            : 'The person'
          : (e.actor?.name ?? 'Someone no longer on Pathweave'),
      role: e.actorId === access.patientId ? '' : e.actor ? ROLE_FOR_PATIENTS[e.actor.professionalRole as Role] : '',
      what: describeAuditEvent(e.action, e.detail),
      outcome: e.outcome === 'denied' ? 'denied' : 'allowed',
      refusedAsArchived:
        e.outcome === 'denied' && (e.detail as { reason?: unknown } | null)?.reason === 'archived',
      isSelf: e.actorId === actor.userId,
    })),
  };
}
