// What the person agrees, as a revision: a change by the care team to what the plan says makes it a
// different plan ("It has changed since"); the plan being lived (notes, ticks, progress, where the
// person is) does not.
import { describe, expect, it } from 'vitest';
import { samplePlan } from '@/lib/care-plan/test-fixtures';
import type { CarePlanView } from '@/lib/care-plan/types';
import { planAgreementRevision } from './care-plan-revision';

const plan = samplePlan();
const agreed = planAgreementRevision(plan);
const after = (change: (p: CarePlanView) => CarePlanView) => planAgreementRevision(change(structuredClone(plan)));

describe('planAgreementRevision', () => {
  it('is the same for the same plan, read again', () => {
    expect(planAgreementRevision(samplePlan())).toBe(agreed);
  });

  it('does not move as the plan is lived: notes, jobs ticked off, goals reached, the step the person is on, who it is shared with, the order of goals', () => {
    expect(after((p) => ({ ...p, notes: [] }))).toBe(agreed);
    expect(
      after((p) => ({
        ...p,
        actions: p.actions.map((a) => ({ ...a, status: 'done' as const, completedAt: '2026-11-25T10:00:00.000Z' })),
      })),
    ).toBe(agreed);
    expect(after((p) => ({ ...p, goals: p.goals.map((g) => ({ ...g, status: 'achieved' as const })) }))).toBe(agreed);
    expect(
      after((p) => ({
        ...p,
        pathways: p.pathways.map((l) => ({ ...l, currentStepId: null, currentStepSince: null })),
      })),
    ).toBe(agreed);
    expect(
      after((p) => ({
        ...p,
        carers: [
          {
            id: 'c',
            carerId: 'u',
            name: 'Joan',
            email: 'j@x',
            canContribute: true,
            grantedAt: '2026-11-25T10:00:00.000Z',
          },
        ],
      })),
    ).toBe(agreed);
    expect(after((p) => ({ ...p, goals: [...p.goals].reverse() }))).toBe(agreed);
    expect(after((p) => ({ ...p, updatedAt: '2027-01-01T00:00:00.000Z' }))).toBe(agreed);
  });

  it('does not move when how to reach someone in the team is kept up to date', () => {
    expect(
      after((p) => ({
        ...p,
        members: p.members.map((m) => ({
          ...m,
          phone: '0161 111 1111',
          email: 'new@nhs.net',
          availability: 'Mornings',
        })),
      })),
    ).toBe(agreed);
  });

  it('moves with each change to what the plan says', () => {
    const changes: [string, (p: CarePlanView) => CarePlanView][] = [
      ['title', (p) => ({ ...p, title: `${p.title}.` })],
      ['what matters', (p) => ({ ...p, whatMattersToMe: 'Seeing my grandchildren.' })],
      ['review date', (p) => ({ ...p, reviewDate: '2027-04-01' })],
      ['coordinator', (p) => ({ ...p, coordinatorId: 'm-gp' })],
      ['crisis contact', (p) => ({ ...p, crisisContact: { ...p.crisisContact, phone: '0161 000 0000' } })],
      ['medication summary', (p) => ({ ...p, medicationSummary: '' })],
      ['a medicine', (p) => ({ ...p, medicines: p.medicines.map((m) => ({ ...m, howToTake: 'Twice a day' })) })],
      ['a goal', (p) => ({ ...p, goals: p.goals.map((g, i) => (i === 0 ? { ...g, targetDate: '2027-06-01' } : g)) })],
      ['a goal added', (p) => ({ ...p, goals: [...p.goals, { ...p.goals[0]!, id: 'g9' }] })],
      [
        'a job given to someone else',
        (p) => ({ ...p, actions: p.actions.map((a, i) => (i === 0 ? { ...a, ownerKind: 'carer' as const } : a)) }),
      ],
      [
        'a job cancelled',
        (p) => ({ ...p, actions: p.actions.map((a, i) => (i === 0 ? { ...a, status: 'cancelled' as const } : a)) }),
      ],
      [
        'what to do when things get worse',
        (p) => ({ ...p, escalation: p.escalation.map((e, i) => (i === 0 ? { ...e, whatToDo: 'Rest.' } : e)) }),
      ],
      [
        'a goal paused',
        (p) => ({ ...p, goals: p.goals.map((g, i) => (i === 0 ? { ...g, status: 'paused' as const } : g)) }),
      ],
      [
        'someone new in the team',
        (p) => ({ ...p, members: [...p.members, { ...p.members[0]!, id: 'm-new', name: 'Sam Social' }] }),
      ],
      [
        'a team member’s job title',
        (p) => ({ ...p, members: p.members.map((m, i) => (i === 0 ? { ...m, jobTitle: 'Locum GP' } : m)) }),
      ],
      ['a pathway taken off', (p) => ({ ...p, pathways: p.pathways.slice(1) })],
      [
        'a pathway’s newer saved version',
        (p) => ({ ...p, pathways: p.pathways.map((l, i) => (i === 0 ? { ...l, versionNumber: 2 } : l)) }),
      ],
      [
        'two steps merged into one',
        (p) => ({
          ...p,
          merges: [
            {
              id: 'mg1',
              title: 'One review',
              steps: p.pathways.map((l) => ({ pathwayId: l.pathwayId, stepId: l.document!.steps[0]!.id })),
              createdAt: '2026-11-25T10:00:00.000Z',
            },
          ],
        }),
      ],
    ];
    const seen = new Set([agreed]);
    for (const [what, change] of changes) {
      const revision = after(change);
      expect(revision, what).not.toBe(agreed);
      seen.add(revision);
    }
    expect(seen.size).toBe(changes.length + 1);
  });
});
