// Fixtures for the care plan and FHIR unit tests: the demo pathways, and a plan built from them.
// Test-only: nothing in the app imports this file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePathway } from '@/lib/pathway/validate';
import type { Pathway } from '@/lib/pathway/schema';
import type { CarePlanView } from './types';

export function demoPathway(file: 'copd.json' | 'frailty.json' | 't2dm-ckd.json'): Pathway {
  const raw = JSON.parse(readFileSync(path.join(process.cwd(), 'prisma', 'demo', 'pathways', file), 'utf8')) as unknown;
  const parsed = parsePathway(raw);
  if (!parsed.ok) throw new Error(`demo pathway ${file} is not valid`);
  return parsed.pathway;
}

/** A complete plan for a person on the COPD and frailty pathways. */
export function samplePlan(overrides: Partial<CarePlanView> = {}): CarePlanView {
  const copd = demoPathway('copd.json');
  const frailty = demoPathway('frailty.json');
  const base: CarePlanView = {
    id: 'plan1',
    workspace: { id: 'ws1', slug: 'riverside', name: 'Riverside GP Cluster' },
    patient: { id: 'patient1', name: 'Arthur Pennock' },
    title: 'Arthur’s care plan',
    status: 'active',
    archivedAt: null,
    whatMattersToMe: 'I want to keep walking to the allotment.',
    coordinatorId: 'm-nurse',
    crisisContact: { name: 'NHS 111', phone: '111', detail: 'Day or night.' },
    medicationSummary: 'Your medicines are on your repeat prescription.',
    medicines: [
      { id: 'med1', name: 'Inhalers', howToTake: 'As your nurse showed you', purpose: 'To help your breathing' },
    ],
    reviewDate: '2027-03-01',
    pathways: [
      {
        linkId: 'l1',
        pathwayId: 'p-copd',
        title: copd.title,
        conditions: copd.conditions,
        document: copd,
        currentStepId: 'pulmonary-rehab',
        currentStepSince: '2026-11-01T10:00:00.000Z',
      },
      {
        linkId: 'l2',
        pathwayId: 'p-frailty',
        title: frailty.title,
        conditions: frailty.conditions,
        document: frailty,
        currentStepId: 'care-coordinator',
        currentStepSince: null,
      },
    ],
    merges: [],
    goals: [
      {
        id: 'g1',
        kind: 'health',
        description: 'Walk to the allotment',
        setBy: 'person',
        targetDate: '2027-04-30',
        status: 'active',
      },
      {
        id: 'g2',
        kind: 'social',
        description: 'See my grandchildren every weekend',
        setBy: 'person',
        targetDate: null,
        status: 'active',
      },
    ],
    actions: [
      {
        id: 'a1',
        description: 'Go to the rehab class',
        ownerKind: 'person',
        memberId: null,
        ownerName: null,
        dueDate: '2027-01-15',
        status: 'in_progress',
        completedAt: null,
        pathwayId: null,
        stepId: null,
      },
      {
        id: 'a2',
        description: 'Arrange the home assessment',
        ownerKind: 'team_member',
        memberId: 'm-nurse',
        ownerName: 'Bea Lindqvist-Hart',
        dueDate: '2026-12-18',
        status: 'to_do',
        completedAt: null,
        pathwayId: null,
        stepId: null,
      },
    ],
    members: [
      {
        id: 'm-gp',
        userId: 'u-gp',
        name: 'Dr Ada Fernsby',
        role: 'gp',
        jobTitle: '',
        organisation: 'Riverside Surgery',
        sector: 'primary_care',
        phone: '01632 960001',
        email: 'gp@pathweave.test',
        availability: '',
        isCoordinator: false,
      },
      {
        id: 'm-nurse',
        userId: 'u-nurse',
        name: 'Bea Lindqvist-Hart',
        role: 'community_nurse',
        jobTitle: 'Community respiratory nurse',
        organisation: 'Riverside Community Health',
        sector: 'community_health',
        phone: '01632 960002',
        email: '',
        availability: 'Monday to Friday, 8am to 6pm',
        isCoordinator: true,
      },
    ],
    escalation: [
      { level: 'green', signs: 'Breathing as usual.', whatToDo: 'Keep going with your plan.' },
      { level: 'amber', signs: 'More out of breath than usual.', whatToDo: 'Call Bea today.' },
      { level: 'red', signs: 'Very out of breath and rescue medicines are not helping.', whatToDo: 'Call 999.' },
    ],
    carers: [],
    notes: [
      {
        id: 'n1',
        authorId: 'patient1',
        authorName: 'Arthur Pennock',
        body: 'Ask about the bus pass.',
        createdAt: '2026-11-20T09:00:00.000Z',
      },
    ],
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
  };
  return { ...base, ...overrides };
}
