// Use case: read one care plan, as the person, a carer they chose, or a clinician of the care team.
// Every read is audited with how it was read (page, print, PDF, FHIR, API), which is what the person
// sees under "who has looked at my plan". Denied and missing both return null.
import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { parsePathway } from '@/lib/pathway/validate';
import { SECTORS, type Role, type Sector } from '@/lib/pathway/schema';
import type { CarePlanAccessView, CarePlanView } from '@/lib/care-plan/types';
import { authorizeCarePlan, type CarePlanAccess } from './care-plan-access';
import { audit } from './audit';
import {
  detailsRevision,
  escalationRevision,
  medicationRevision,
  medicineRevision,
  memberRevision,
  mergesTouching,
  pathwayLinkRevision,
  pathwayRemovalRevision,
  peopleRevision,
  planAgreementRevision,
  timeRevision,
} from './care-plan-revision';
import { planPathwayDocuments } from './plan-pathway-document';

export type CarePlanReadVia = 'page' | 'editor' | 'print' | 'pdf' | 'fhir' | 'api';

export interface CarePlanRead {
  plan: CarePlanView;
  access: CarePlanAccessView;
}

const day = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}

/**
 * Loads the plan's content. Only for a plan already authorized (`access`). `forCareTeam` (a clinician
 * of the care team reading it) adds the email address of the account linked to each team member.
 */
export async function loadCarePlanView(
  planId: string,
  options: { forCareTeam?: boolean; /** A transaction to read in (default: the client). */ db?: PrismaClient | Prisma.TransactionClient } = {},
): Promise<CarePlanView | null> {
  const db = options.db ?? getPrisma();
  const p = await db.carePlan.findUnique({
    where: { id: planId },
    include: {
      workspace: { select: { id: true, slug: true, name: true } },
      patient: { select: { id: true, name: true } },
      pathways: {
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
        include: { pathway: { select: { id: true, title: true, conditions: true, document: true } } },
      },
      merges: { orderBy: { createdAt: 'asc' } },
      goals: { orderBy: [{ position: 'asc' }, { createdAt: 'asc' }] },
      actions: {
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
        include: { member: { select: { name: true } } },
      },
      members: {
        orderBy: [{ position: 'asc' }, { createdAt: 'asc' }],
        include: { user: { select: { email: true } } },
      },
      medicines: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      escalation: true,
      carerGrants: {
        where: { revokedAt: null },
        orderBy: { grantedAt: 'asc' },
        include: { carer: { select: { name: true, email: true } } },
      },
      notes: { orderBy: { createdAt: 'desc' }, include: { author: { select: { name: true } } } },
    },
  });
  if (!p) return null;
  // The latest saved version of each pathway, not the working copy a workshop is changing.
  const followed = await planPathwayDocuments(
    db,
    p.pathways.map((l) => l.pathway),
  );
  const view: CarePlanView = {
    id: p.id,
    workspace: p.workspace,
    patient: p.patient,
    title: p.title,
    status: p.status,
    archivedAt: p.archivedAt ? p.archivedAt.toISOString() : null,
    whatMattersToMe: p.whatMattersToMe,
    coordinatorId: p.coordinatorId,
    crisisContact: { name: p.crisisContactName, phone: p.crisisContactPhone, detail: p.crisisContactDetail },
    medicationSummary: p.medicationSummary,
    medicines: p.medicines.map((m) => ({
      id: m.id,
      name: m.name,
      howToTake: m.howToTake,
      purpose: m.purpose,
      revision: medicineRevision(m),
    })),
    reviewDate: day(p.reviewDate),
    pathways: p.pathways.map((l) => {
      const source = followed.get(l.pathwayId);
      const parsed = parsePathway(source?.document ?? l.pathway.document);
      const saved = parsed.ok && source?.versionNumber != null ? parsed.pathway : null;
      return {
        linkId: l.id,
        pathwayId: l.pathwayId,
        // A saved version names the pathway as it was saved; a rename in the working copy waits for the next.
        title: saved ? saved.title : l.pathway.title,
        conditions: saved ? saved.conditions : l.pathway.conditions,
        document: parsed.ok ? parsed.pathway : null,
        versionNumber: source?.versionNumber ?? null,
        currentStepId: l.currentStepId,
        currentStepSince: l.currentStepSince ? l.currentStepSince.toISOString() : null,
        revision: pathwayLinkRevision(l),
        removalRevision: pathwayRemovalRevision(
          l,
          mergesTouching(p.merges, l.pathwayId).map((m) => m.id),
        ),
      };
    }),
    merges: p.merges.map((m) => ({
      id: m.id,
      title: m.title,
      steps: (Array.isArray(m.steps) ? m.steps : []).flatMap((s) => {
        const r = s as { pathwayId?: unknown; stepId?: unknown };
        return typeof r.pathwayId === 'string' && typeof r.stepId === 'string'
          ? [{ pathwayId: r.pathwayId, stepId: r.stepId }]
          : [];
      }),
      createdAt: m.createdAt.toISOString(),
    })),
    goals: p.goals.map((g) => ({
      id: g.id,
      kind: g.kind,
      description: g.description,
      setBy: g.setBy,
      targetDate: day(g.targetDate),
      status: g.status,
      revision: timeRevision(g.updatedAt),
    })),
    actions: p.actions.map((a) => ({
      id: a.id,
      description: a.description,
      ownerKind: a.ownerKind,
      memberId: a.memberId,
      ownerName: a.member?.name ?? null,
      dueDate: day(a.dueDate),
      status: a.status,
      completedAt: a.completedAt ? a.completedAt.toISOString() : null,
      pathwayId: a.pathwayId,
      stepId: a.stepId,
      revision: timeRevision(a.updatedAt),
    })),
    members: p.members.map((m) => ({
      id: m.id,
      userId: m.userId,
      name: m.name,
      role: m.role as Role,
      jobTitle: m.jobTitle,
      organisation: m.organisation,
      sector: isSector(m.sector) ? m.sector : 'primary_care',
      phone: m.phone,
      email: m.email,
      availability: m.availability,
      isCoordinator: m.id === p.coordinatorId,
      revision: memberRevision(m),
      // Which account opens the plan is the care team's to manage: the person and their carer see the
      // contact email address only.
      ...(options.forCareTeam ? { accountEmail: m.user?.email ?? null } : {}),
    })),
    escalation: ['green', 'amber', 'red'].flatMap((level) => {
      const e = p.escalation.find((x) => x.level === level);
      return e ? [{ level: e.level, signs: e.signs, whatToDo: e.whatToDo }] : [];
    }),
    carers: p.carerGrants.map((g) => ({
      id: g.id,
      carerId: g.carerId,
      name: g.carer.name,
      email: g.carer.email,
      canContribute: g.canContribute,
      grantedAt: g.grantedAt.toISOString(),
    })),
    notes: p.notes.map((n) => ({
      id: n.id,
      authorId: n.authorId,
      authorName: n.author.name,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
    })),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    formRevisions: {
      details: detailsRevision(p),
      people: peopleRevision(p),
      medication: medicationRevision(p),
      escalation: {
        green: escalationRevision('green', p.escalation.find((e) => e.level === 'green') ?? null),
        amber: escalationRevision('amber', p.escalation.find((e) => e.level === 'amber') ?? null),
        red: escalationRevision('red', p.escalation.find((e) => e.level === 'red') ?? null),
      },
    },
  };
  const revision = planAgreementRevision(view);
  view.agreement = {
    agreedAt: p.agreedAt ? p.agreedAt.toISOString() : null,
    stillAsAgreed: p.agreedAt !== null && p.agreedRevision === revision,
    revision,
  };
  return view;
}

export function accessView(actor: Actor, access: CarePlanAccess): CarePlanAccessView {
  return {
    relation: access.relation,
    canEdit: can(actor, 'carePlan:edit', access.resource),
    canPatientUpdate: can(actor, 'carePlan:patientUpdate', access.resource),
    canShare: can(actor, 'carePlan:share', access.resource),
    canViewAudit: can(actor, 'carePlan:viewAudit', access.resource),
  };
}

/** The plan and what the actor may do with it, or null (not there, or not theirs: the same). */
export async function getCarePlan(options: {
  actor: Actor;
  planId: string;
  via: CarePlanReadVia;
  /** Only a plan of this workspace (the clinician's pages are under a workspace's address). */
  workspaceId?: string;
  /**
   * Only for someone who may edit it (the care team's page): anyone else is refused before anything
   * is read, and the refusal, not a view, is what the audit trail records.
   */
  requireEdit?: boolean;
}): Promise<CarePlanRead | null> {
  const access = await authorizeCarePlan(options.actor, options.planId, 'view', {
    auditAllowed: !options.requireEdit,
    detail: { via: options.via },
    ...(options.workspaceId !== undefined ? { workspaceId: options.workspaceId } : {}),
  });
  if (!access) return null;
  if (options.requireEdit) {
    const allowed = can(options.actor, 'carePlan:edit', access.resource);
    await audit({
      actorId: options.actor.userId,
      action: 'carePlan:view',
      resourceType: 'carePlan',
      resourceId: access.planId,
      outcome: allowed ? 'allowed' : 'denied',
      detail: { via: options.via },
    });
    if (!allowed) return null;
  }
  const plan = await loadCarePlanView(access.planId, { forCareTeam: access.relation === 'clinician' });
  if (!plan) return null;
  const view = accessView(options.actor, access);
  return { plan: view.relation === 'carer' ? withOtherCarersUnnamed(plan, options.actor.userId) : plan, access: view };
}

/** How a note by another carer is signed for a carer: who else the person shares with is the person's to know. */
export const ANOTHER_CARER = 'Another carer';

/**
 * The plan as a carer reads it, on every page, print view, PDF and API answer: notes written by
 * someone the person shares the plan with, other than this carer, are signed "Another carer", and
 * their author is not given. Notes by the person, the care team and the carer themself keep their
 * names. (The list of people the person shares with is not shown to a carer either.)
 */
export function withOtherCarersUnnamed(plan: CarePlanView, readerId: string): CarePlanView {
  const named = new Set<string>([plan.patient.id, readerId]);
  for (const m of plan.members) if (m.userId) named.add(m.userId);
  return {
    ...plan,
    notes: plan.notes.map((n) => (named.has(n.authorId) ? n : { ...n, authorId: '', authorName: ANOTHER_CARER })),
  };
}

type PathwayLink = CarePlanView['pathways'][number];

/** The JSON API's answer: the plan as this reader may have it (see carePlanForReader). */
export interface CarePlanApiRead {
  plan: Omit<CarePlanView, 'pathways'> & { pathways: (Omit<PathwayLink, 'document'> & { document?: PathwayLink['document'] })[] };
  access: CarePlanAccessView;
}

/**
 * What the JSON API hands over, by who is reading. The pages render on the server and show each
 * reader only their part; the API hands over data, so it is trimmed here:
 * - a carer does not get the list of other people the person shared with (their names and email
 *   addresses are not the carer's to see: only the person manages sharing);
 * - the person and their carer get each linked pathway's title, conditions and the step they are
 *   on, not the pathway's whole design (its sponsor, incentives and workload notes are the care
 *   team's working material, not part of the person's plan).
 */
export function carePlanForReader(read: CarePlanRead): CarePlanApiRead {
  const { relation } = read.access;
  const plan = read.plan;
  return {
    access: read.access,
    plan: {
      ...plan,
      carers: relation === 'carer' ? [] : plan.carers,
      pathways: relation === 'clinician' ? plan.pathways : plan.pathways.map(({ document: _document, ...link }) => link),
    },
  };
}
