// A shared care plan as FHIR R4: a Bundle (type collection) of the CarePlan, its Goals and its
// CareTeam, with the Patient, Practitioners and RelatedPersons they refer to (issue 6, §6).
//
// Only what the plan holds is exported; nothing is coded that Pathweave does not know. Roles, goal
// kinds and "what matters to me" travel as text, not as guessed SNOMED codes. The pathways the plan
// is built from are named by their PlanDefinition canonical URLs (plan-definition.ts).
import type {
  Annotation,
  Bundle,
  BundleEntry,
  CarePlan,
  CarePlanActivity,
  CareTeam,
  CareTeamParticipant,
  ContactPoint,
  Goal,
  Patient,
  Practitioner,
  Reference,
  RelatedPerson,
  Resource,
} from '@medplum/fhirtypes';
import { ROLE_LABELS } from '@/lib/pathway/labels';
import { positionOnPathway } from '@/lib/care-plan/journey';
import { ESCALATION_FOR_PATIENTS } from '@/lib/care-plan/plain';
import {
  coordinatorOf,
  type ActionStatus,
  type CarePlanView,
  type CareTeamMemberView,
  type GoalStatus,
} from '@/lib/care-plan/types';
import { CODE_SYSTEM, fhirId, urnFor } from './ids';

export interface CarePlanBundleOptions {
  /** The app's origin, e.g. "https://pathweave.example.nhs.uk": names identifiers and PlanDefinitions. */
  baseUrl: string;
  /** When the export was made (ISO moment). */
  timestamp?: string;
}

/** FHIR's CarePlan.activity.detail.status for each action status. */
export const ACTIVITY_STATUS: Readonly<Record<ActionStatus, NonNullable<CarePlanActivity['detail']>['status']>> = {
  to_do: 'not-started',
  in_progress: 'in-progress',
  done: 'completed',
  cancelled: 'cancelled',
};

export const GOAL_LIFECYCLE: Readonly<Record<GoalStatus, Goal['lifecycleStatus']>> = {
  active: 'active',
  achieved: 'completed',
  paused: 'on-hold',
};

const GOAL_SET_BY_TEXT = {
  person: 'Set by the person',
  carer: 'Set by the person’s carer',
  care_team: 'Set by the care team',
  together: 'Set by the person and the care team together',
} as const;

export function planDefinitionUrl(baseUrl: string, pathwayId: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/fhir/PlanDefinition/${encodeURIComponent(pathwayId)}`;
}

function telecom(phone: string, email: string): ContactPoint[] | undefined {
  const out: ContactPoint[] = [];
  if (phone.trim()) out.push({ system: 'phone', value: phone.trim(), use: 'work' });
  if (email.trim()) out.push({ system: 'email', value: email.trim(), use: 'work' });
  return out.length ? out : undefined;
}

function entry(resource: Resource & { id: string }): BundleEntry {
  return { fullUrl: urnFor(resource.resourceType, resource.id), resource };
}

function ref<T extends Resource>(resourceType: T['resourceType'], id: string, display?: string): Reference<T> {
  return display ? { reference: urnFor(resourceType, id), display } : { reference: urnFor(resourceType, id) };
}

/** The member as a FHIR resource: carers are RelatedPersons, everyone else a Practitioner. */
function memberResource(m: CareTeamMemberView, patientId: string): Practitioner | RelatedPerson {
  const id = fhirId(`member-${m.id}`);
  if (m.role === 'carer') {
    const rp: RelatedPerson = {
      resourceType: 'RelatedPerson',
      id,
      patient: ref<Patient>('Patient', fhirId(patientId)),
      relationship: [{ text: 'Carer' }],
      name: [{ text: m.name }],
    };
    const t = telecom(m.phone, m.email);
    if (t) rp.telecom = t;
    return rp;
  }
  const p: Practitioner = { resourceType: 'Practitioner', id, name: [{ text: m.name }] };
  const t = telecom(m.phone, m.email);
  if (t) p.telecom = t;
  return p;
}

function memberRef(m: CareTeamMemberView): Reference<Practitioner | RelatedPerson> {
  return m.role === 'carer'
    ? ref<RelatedPerson>('RelatedPerson', fhirId(`member-${m.id}`), m.name)
    : ref<Practitioner>('Practitioner', fhirId(`member-${m.id}`), m.name);
}

/** Builds the Bundle. Pure: the same plan and options give the same Bundle. */
export function carePlanToFhirBundle(plan: CarePlanView, options: CarePlanBundleOptions): Bundle {
  const base = options.baseUrl.replace(/\/$/, '');
  const patientId = fhirId(plan.patient.id);
  const patientRef = ref<Patient>('Patient', patientId, plan.patient.name);
  const coordinator = coordinatorOf(plan);
  const carerMember = plan.members.find((m) => m.role === 'carer') ?? null;

  const patient: Patient = { resourceType: 'Patient', id: patientId, name: [{ text: plan.patient.name }] };
  const members = plan.members.filter((m) => m.role !== 'patient');
  const memberResources = members.map((m) => memberResource(m, plan.patient.id));

  const careTeamId = fhirId(`careteam-${plan.id}`);
  const participants: CareTeamParticipant[] = [
    { role: [{ text: 'The person' }], member: patientRef },
    ...members.map((m) => {
      const roles = [{ text: m.jobTitle.trim() || ROLE_LABELS[m.role] }];
      if (m.isCoordinator) roles.unshift({ text: 'Care coordinator' });
      const participant: CareTeamParticipant = { role: roles, member: memberRef(m) };
      return participant;
    }),
  ];
  const careTeam: CareTeam = {
    resourceType: 'CareTeam',
    id: careTeamId,
    status: 'active',
    name: `Care team for ${plan.patient.name}`,
    subject: patientRef,
    participant: participants,
  };

  const goals: Goal[] = plan.goals.map((g) => {
    const goal: Goal = {
      resourceType: 'Goal',
      id: fhirId(`goal-${g.id}`),
      lifecycleStatus: GOAL_LIFECYCLE[g.status],
      category: [
        {
          coding: [
            {
              system: CODE_SYSTEM.goalKind,
              code: g.kind,
              display: g.kind === 'health' ? 'Health goal' : 'Social goal',
            },
          ],
          text: g.kind === 'health' ? 'Health goal' : 'Social goal',
        },
      ],
      description: { text: g.description },
      subject: patientRef,
      note: [{ text: GOAL_SET_BY_TEXT[g.setBy] }],
    };
    if (g.status === 'achieved') {
      goal.achievementStatus = {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'achieved', display: 'Achieved' },
        ],
      };
    }
    if (g.targetDate) goal.target = [{ dueDate: g.targetDate }];
    if (g.setBy === 'person') goal.expressedBy = patientRef;
    else if (g.setBy === 'carer' && carerMember) goal.expressedBy = memberRef(carerMember);
    else if (g.setBy === 'care_team' && coordinator) goal.expressedBy = memberRef(coordinator);
    return goal;
  });

  const memberById = new Map(plan.members.map((m) => [m.id, m]));
  const activities: CarePlanActivity[] = plan.actions.map((a) => {
    const performer: Reference<Patient | Practitioner | RelatedPerson>[] = [];
    if (a.ownerKind === 'person') performer.push(patientRef);
    else if (a.ownerKind === 'carer' && carerMember) performer.push(memberRef(carerMember));
    else if (a.ownerKind === 'team_member' && a.memberId) {
      const m = memberById.get(a.memberId);
      if (m) performer.push(memberRef(m));
    }
    const detail: NonNullable<CarePlanActivity['detail']> = {
      status: ACTIVITY_STATUS[a.status],
      description: a.description,
    };
    if (a.dueDate) detail.scheduledString = `By ${a.dueDate}`;
    if (performer.length) detail.performer = performer;
    if (a.ownerKind === 'carer' && !carerMember) detail.description = `${a.description} (the person’s carer)`;
    return { detail };
  });
  // Where the person is on each pathway, as an activity in progress on that pathway.
  for (const link of plan.pathways) {
    const pos = positionOnPathway(link, plan.merges);
    if (!pos.current) continue;
    activities.push({
      detail: {
        status: 'in-progress',
        description: `Now at: ${pos.current.title} (${link.title})`,
        instantiatesCanonical: [planDefinitionUrl(base, link.pathwayId)],
      },
    });
  }

  const notes: Annotation[] = [];
  if (plan.whatMattersToMe.trim()) notes.push({ text: `What matters to me: ${plan.whatMattersToMe.trim()}` });
  if (plan.crisisContact.name.trim() || plan.crisisContact.phone.trim()) {
    notes.push({
      text: `Crisis contact: ${[plan.crisisContact.name, plan.crisisContact.phone, plan.crisisContact.detail].filter((s) => s.trim()).join(', ')}`,
    });
  }
  for (const e of plan.escalation) {
    notes.push({ text: `${ESCALATION_FOR_PATIENTS[e.level].heading}. Signs: ${e.signs} What to do: ${e.whatToDo}` });
  }
  if (plan.medicationSummary.trim() || plan.medicines.length) {
    const list = plan.medicines.map((m) =>
      [m.name, m.purpose && `for ${m.purpose}`, m.howToTake].filter(Boolean).join(', '),
    );
    notes.push({ text: `Medicines: ${[plan.medicationSummary.trim(), ...list].filter(Boolean).join('; ')}` });
  }
  if (plan.reviewDate) notes.push({ text: `Review date: ${plan.reviewDate}` });
  for (const m of plan.merges) {
    notes.push({ text: `Steps merged into one: ${m.title}` });
  }

  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: fhirId(plan.id),
    identifier: [{ system: `${base}/care-plans`, value: plan.id }],
    status: plan.status === 'active' ? 'active' : 'completed',
    intent: 'plan',
    title: plan.title,
    description: `Shared care plan made from ${plan.pathways.length === 1 ? 'the pathway' : 'the pathways'}: ${plan.pathways.map((p) => p.title).join('; ')}.`,
    subject: patientRef,
    created: plan.createdAt,
    careTeam: [ref<CareTeam>('CareTeam', careTeamId)],
    goal: goals.map((g) => ref<Goal>('Goal', g.id as string)),
    contributor: [patientRef],
  };
  if (plan.pathways.length)
    carePlan.instantiatesCanonical = plan.pathways.map((p) => planDefinitionUrl(base, p.pathwayId));
  if (coordinator) carePlan.author = memberRef(coordinator);
  if (activities.length) carePlan.activity = activities;
  if (notes.length) carePlan.note = notes;

  const entries: BundleEntry[] = [
    entry({ ...carePlan, id: carePlan.id as string }),
    entry({ ...careTeam, id: careTeamId }),
    ...goals.map((g) => entry({ ...g, id: g.id as string })),
    entry({ ...patient, id: patientId }),
    ...memberResources.map((r) => entry({ ...r, id: r.id as string })),
  ];
  return {
    resourceType: 'Bundle',
    id: fhirId(`bundle-${plan.id}`),
    type: 'collection',
    timestamp: options.timestamp ?? plan.updatedAt,
    entry: entries,
  };
}
