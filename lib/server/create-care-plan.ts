// Use case: a clinician makes a care plan for a person from one or more of the workspace's pathways.
// One plan per person per workspace: several conditions go into one plan, not one plan each (RCGP,
// issue 6 §1). The clinician who makes it joins its care team, so they can open and edit it.
import { can, type Actor } from '@/lib/auth/can';
import { getPrisma } from '@/lib/db/client';
import { firstStepId } from '@/lib/care-plan/journey';
import { CreateCarePlanInput, fieldIssues } from '@/lib/care-plan/input';
import { parsePathway } from '@/lib/pathway/validate';
import { SECTORS, type Role, type Sector } from '@/lib/pathway/schema';
import { audit } from './audit';
import { CARE_PLAN_NOT_FOUND, auditCarePlanChange, loadCarePlanFacts } from './care-plan-access';
import { planPathwayDocuments } from './plan-pathway-document';
import { invalid, isUniqueViolation, notFound, type Invalid, type NotFound } from './results';

/** The answer when no patient account has both the NHS number and the email address given. */
export const PATIENT_NOT_FOUND =
  'Patient’s NHS number: we could not find a patient account with this NHS number and email address. Check both with the person.';

export type CreateCarePlanResult = { ok: true; planId: string } | NotFound | Invalid;

/** Where each professional role usually sits, for the web of care (the clinician can change it). */
export const SECTOR_FOR_ROLE: Readonly<Record<Role, Sector>> = {
  gp: 'primary_care',
  practice_nurse: 'primary_care',
  pharmacist: 'primary_care',
  gpwsi: 'primary_care',
  care_coordinator: 'primary_care',
  admin_staff: 'primary_care',
  community_nurse: 'community_health',
  community_consultant: 'community_health',
  allied_health: 'community_health',
  specialist_nurse: 'secondary_care',
  consultant: 'secondary_care',
  social_worker: 'social_care',
  voluntary_worker: 'voluntary_community',
  manager: 'primary_care',
  commissioner: 'primary_care',
  patient: 'self_care',
  carer: 'self_care',
};

export async function createCarePlan(options: {
  actor: Actor;
  workspaceId: string;
  input: unknown;
}): Promise<CreateCarePlanResult> {
  const { actor, workspaceId } = options;
  const prisma = getPrisma();
  const workspace = await prisma.workspace.findFirst({
    where: { id: workspaceId, memberships: { some: { userId: actor.userId } } },
    select: { id: true },
  });
  const mayCreate = (patientId: string) =>
    can(actor, 'carePlan:create', { type: 'carePlan', workspaceId, patientId, careTeamUserIds: [], carerGrants: [] });
  if (!workspace || !mayCreate('')) {
    await audit({
      actorId: actor.userId,
      action: 'carePlan:create',
      resourceType: 'workspace',
      resourceId: workspaceId,
      outcome: 'denied',
    });
    return notFound('This workspace was not found, or you do not have access to it.');
  }

  const parsed = CreateCarePlanInput.safeParse(options.input);
  if (!parsed.success) return invalid('Check the details of the new care plan.', fieldIssues(parsed.error));
  const input = parsed.data;

  // The person is found by their NHS number and email together, never by either alone: a clinician
  // learns nothing from an email (or a number) by itself, and a typo in one cannot pick another patient.
  const patient = await prisma.user.findFirst({
    where: { nhsNumber: input.patientNhsNumber, email: input.patientEmail, professionalRole: 'patient' },
    select: { id: true, name: true },
  });
  // The lookup is audited whatever it finds: a clinician looking people up is itself a record.
  await audit({
    actorId: actor.userId,
    action: 'carePlan:findPatient',
    resourceType: 'user',
    resourceId: patient?.id ?? null,
    outcome: patient ? 'allowed' : 'denied',
    detail: { workspaceId, found: patient !== null },
  });
  if (!patient) {
    // One answer whichever of the two did not match (or neither): it quotes nothing typed, so it is the
    // same, byte for byte, for an email that is a patient's, a number that is, and neither.
    return invalid('Check the details of the new care plan.', [
      { path: 'patientNhsNumber', message: PATIENT_NOT_FOUND },
    ]);
  }
  if (!mayCreate(patient.id)) {
    await audit({
      actorId: actor.userId,
      action: 'carePlan:create',
      resourceType: 'workspace',
      resourceId: workspaceId,
      outcome: 'denied',
    });
    return notFound('This workspace was not found, or you do not have access to it.');
  }

  const ids = [...new Set(input.pathwayIds)];
  const pathways = await prisma.pathway.findMany({
    where: { id: { in: ids }, workspaceId, workspace: { memberships: { some: { userId: actor.userId } } } },
    select: { id: true, document: true },
  });
  if (pathways.length !== ids.length) {
    return invalid('Check the details of the new care plan.', [
      { path: 'pathwayIds', message: 'Pathways: one of the pathways chosen is not in this workspace. Choose again.' },
    ]);
  }

  const existing = await prisma.carePlan.findFirst({
    where: { workspaceId, patientId: patient.id },
    select: { id: true },
  });
  if (existing) {
    const reachable = await loadCarePlanFacts(actor, existing.id);
    if (!reachable) {
      // Someone outside the care team asked about this person: the plan's own record shows it, so the
      // care team sees the attempt on the plan's access record.
      await audit({
        actorId: actor.userId,
        action: 'carePlan:create',
        resourceType: 'carePlan',
        resourceId: existing.id,
        outcome: 'denied',
        detail: { workspaceId, reason: 'a plan for this person already exists' },
      });
    }
    return invalid('This person already has a care plan here.', [
      {
        path: 'patientEmail',
        // Outside the care team, the person is not named: only that a plan exists, which one plan per
        // person per workspace makes unavoidable.
        message: reachable
          ? `Patient’s email address: ${patient.name} already has a care plan in this workspace. Add the pathways to that plan instead.`
          : 'Patient’s email address: this person already has a care plan in this workspace. Ask their care coordinator to add you to the care team.',
      },
    ]);
  }

  const creator = await prisma.user.findUnique({
    where: { id: actor.userId },
    select: { name: true, email: true, professionalRole: true },
  });
  if (!creator) return notFound(CARE_PLAN_NOT_FOUND);
  // A new plan starts at the first step of the version the person will see (the latest saved one).
  const followed = await planPathwayDocuments(prisma, pathways);
  const now = new Date();
  let planId: string;
  try {
    // The plan and its audit row commit together: no plan without its record of who made it.
    planId = await prisma.$transaction(async (tx) => {
      const created = await tx.carePlan.create({
        data: {
          workspaceId,
          patientId: patient.id,
          title: input.title?.trim() || `Care plan for ${patient.name}`,
          createdById: actor.userId,
          pathways: {
            create: ids.map((id, position) => {
              const doc = parsePathway(followed.get(id)?.document);
              return {
                pathwayId: id,
                position,
                currentStepId: doc.ok ? firstStepId(doc.pathway) : null,
                currentStepSince: now,
              };
            }),
          },
          members: {
            create: {
              userId: actor.userId,
              name: creator.name,
              role: creator.professionalRole,
              sector: SECTOR_FOR_ROLE[creator.professionalRole as Role] ?? SECTORS[1],
              email: creator.email,
            },
          },
        },
        select: { id: true },
      });
      await auditCarePlanChange(
        actor,
        created.id,
        'create',
        { workspaceId, patientId: patient.id, pathwayIds: ids },
        tx,
      );
      return created.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      return invalid('This person already has a care plan here.', [
        {
          path: 'patientEmail',
          message: 'Patient’s email address: this person already has a care plan in this workspace.',
        },
      ]);
    }
    throw error;
  }
  return { ok: true, planId };
}
