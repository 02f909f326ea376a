// Use case: the care plans of a workspace that a clinician is in the care team of, with what each
// is missing. A clinician sees only the plans of people they care for (can('carePlan:view')); the
// listing itself is audited once, naming the plans shown.
import { can, ROLES_THAT_MAY, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { activeFirst } from '@/lib/care-plan/archive';
import { checkCompleteness } from '@/lib/care-plan/completeness';
import type { PlanStatus } from '@/lib/care-plan/types';
import type { Role, Sector } from '@/lib/pathway/schema';
import { audit, auditEach } from './audit';
import { todayIso } from './results';

export interface CarePlanSummary {
  id: string;
  title: string;
  status: PlanStatus;
  /** When it was archived (full ISO), if it is. */
  archivedAt: string | null;
  patientName: string;
  pathwayTitles: string[];
  updatedAt: string;
  reviewDate: string | null;
  /** Labels of the completeness items not met. */
  missing: string[];
}

export async function listCarePlans(options: {
  actor: Actor;
  workspaceId: string;
  today?: string;
}): Promise<CarePlanSummary[]> {
  const { actor, workspaceId } = options;
  if (!can(actor, 'workspace:view', { type: 'workspace', workspaceId })) return [];
  const rows = await getPrisma().carePlan.findMany({
    where: {
      workspaceId,
      members: { some: { userId: actor.userId } },
      // can()'s own clinician roles (ROLES_THAT_MAY.careForPlanPatients), not a copy.
      workspace: { memberships: { some: { userId: actor.userId, accessRole: { in: [...ROLES_THAT_MAY.careForPlanPatients] } } } },
    },
    orderBy: { updatedAt: 'desc' },
    include: {
      patient: { select: { name: true } },
      pathways: { orderBy: { position: 'asc' }, include: { pathway: { select: { title: true } } } },
      members: true,
      goals: { select: { kind: true, status: true } },
      actions: { select: { ownerKind: true, memberId: true, dueDate: true, status: true, description: true } },
      medicines: { select: { id: true } },
      escalation: true,
      carerGrants: { where: { revokedAt: null }, select: { carerId: true, canContribute: true } },
    },
  });
  const today = options.today ?? todayIso();
  const visible = rows.filter((r) =>
    can(actor, 'carePlan:view', {
      type: 'carePlan',
      workspaceId: r.workspaceId,
      patientId: r.patientId,
      careTeamUserIds: r.members.map((m) => m.userId).filter((id): id is string => id !== null),
      carerGrants: r.carerGrants,
    }),
  );
  // Archived plans after the active ones (lib/care-plan/archive.ts).
  const out = visible.map((r) => {
    const completeness = checkCompleteness(
      {
        whatMattersToMe: r.whatMattersToMe,
        coordinatorId: r.coordinatorId,
        members: r.members.map((m) => ({
          id: m.id,
          userId: m.userId,
          name: m.name,
          role: m.role as Role,
          jobTitle: m.jobTitle,
          organisation: m.organisation,
          sector: m.sector as Sector,
          phone: m.phone,
          email: m.email,
          availability: m.availability,
          isCoordinator: m.id === r.coordinatorId,
        })),
        crisisContact: { name: r.crisisContactName, phone: r.crisisContactPhone, detail: r.crisisContactDetail },
        goals: r.goals.map((g, i) => ({
          id: String(i),
          kind: g.kind,
          description: '',
          setBy: 'person' as const,
          targetDate: null,
          status: g.status,
        })),
        actions: r.actions.map((a, i) => ({
          id: String(i),
          description: a.description,
          ownerKind: a.ownerKind,
          memberId: a.memberId,
          ownerName: null,
          dueDate: a.dueDate ? a.dueDate.toISOString().slice(0, 10) : null,
          status: a.status,
          completedAt: null,
          pathwayId: null,
          stepId: null,
        })),
        medicationSummary: r.medicationSummary,
        medicines: r.medicines.map((m) => ({ id: m.id, name: '', howToTake: '', purpose: '' })),
        escalation: r.escalation.map((e) => ({ level: e.level, signs: e.signs, whatToDo: e.whatToDo })),
        reviewDate: r.reviewDate ? r.reviewDate.toISOString().slice(0, 10) : null,
      },
      today,
    );
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      archivedAt: r.archivedAt ? r.archivedAt.toISOString() : null,
      patientName: r.patient.name,
      pathwayTitles: r.pathways.map((l) => l.pathway.title),
      updatedAt: r.updatedAt.toISOString(),
      reviewDate: r.reviewDate ? r.reviewDate.toISOString().slice(0, 10) : null,
      missing: completeness.missing.map((m) => m.label),
    };
  });
  const listed = activeFirst(out);
  await audit({
    actorId: actor.userId,
    action: 'carePlan:list',
    resourceType: 'workspace',
    resourceId: workspaceId,
    outcome: 'allowed',
    detail: { planIds: listed.map((p) => p.id) },
  });
  // The list shows something of each plan (name, review date, what is missing), so each plan's own
  // record says so: the care team and the person see it under "who has looked".
  await auditEach({
    actorId: actor.userId,
    action: 'carePlan:view',
    resourceType: 'carePlan',
    resourceIds: listed.map((p) => p.id),
    detail: { via: 'list' },
  });
  return listed;
}
