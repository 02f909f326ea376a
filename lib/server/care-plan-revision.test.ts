import { describe, expect, it } from 'vitest';
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
  revisionTime,
  timeRevision,
} from './care-plan-revision';

describe('care plan row revisions', () => {
  it('reads back the moment a time revision names, to the millisecond, and nothing else', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(revisionTime(timeRevision(at))?.getTime()).toBe(at.getTime());
    for (const other of [undefined, '', 'yesterday', '2026-03-04', '2026-02-30T00:00:00.000Z']) {
      expect(revisionTime(other)).toBeNull();
    }
  });

  it('changes a medicine’s or team member’s revision with any value a form can change, and only then', () => {
    const medicine = { name: 'Salbutamol', howToTake: 'Two puffs', purpose: 'Breathlessness' };
    expect(medicineRevision({ ...medicine })).toBe(medicineRevision(medicine));
    expect(medicineRevision({ ...medicine, purpose: 'When short of breath' })).not.toBe(medicineRevision(medicine));
    // Values are kept apart, so moving text from one field to the next is a change too.
    expect(medicineRevision({ name: 'Salbutamol Two', howToTake: 'puffs', purpose: 'Breathlessness' })).not.toBe(
      medicineRevision(medicine),
    );
    const member = {
      userId: null,
      name: 'Pat Okafor',
      role: 'allied_health',
      jobTitle: 'Physiotherapist',
      organisation: '',
      sector: 'community_health',
      phone: '',
      email: '',
      availability: '',
    };
    expect(memberRevision({ ...member })).toBe(memberRevision(member));
    expect(memberRevision({ ...member, phone: '01632 960 777' })).not.toBe(memberRevision(member));
    expect(memberRevision({ ...member, userId: 'u1' })).not.toBe(memberRevision(member));
  });

  it('changes a plan form’s revision with any value that form shows, and not with what other forms show', () => {
    const plan: {
      title: string;
      whatMattersToMe: string;
      reviewDate: Date | null;
      coordinatorId: string | null;
      crisisContactName: string;
      crisisContactPhone: string;
      crisisContactDetail: string;
      medicationSummary: string;
    } = {
      title: 'Arthur’s plan',
      whatMattersToMe: 'My allotment.',
      reviewDate: new Date('2027-03-01T00:00:00Z'),
      coordinatorId: 'm1',
      crisisContactName: 'NHS 111',
      crisisContactPhone: '111',
      crisisContactDetail: '',
      medicationSummary: 'Two inhalers.',
    };
    const all = (p: typeof plan) => [detailsRevision(p), peopleRevision(p), medicationRevision(p)];
    expect(all({ ...plan })).toEqual(all(plan));
    // Each change moves exactly one form's revision on.
    const moved = (change: Partial<typeof plan>) =>
      all({ ...plan, ...change }).map((r, i) => (r === all(plan)[i] ? 'same' : 'moved'));
    expect(moved({ title: 'Plan' })).toEqual(['moved', 'same', 'same']);
    expect(moved({ reviewDate: null })).toEqual(['moved', 'same', 'same']);
    expect(moved({ reviewDate: new Date('2027-03-02T00:00:00Z') })).toEqual(['moved', 'same', 'same']);
    expect(moved({ coordinatorId: null })).toEqual(['same', 'moved', 'same']);
    expect(moved({ crisisContactDetail: 'Evenings' })).toEqual(['same', 'moved', 'same']);
    expect(moved({ medicationSummary: 'Inhalers.' })).toEqual(['same', 'same', 'moved']);

    const red = { signs: 'Lips blue', whatToDo: 'Call 999' };
    expect(escalationRevision('red', { ...red })).toBe(escalationRevision('red', red));
    expect(escalationRevision('red', { ...red, whatToDo: 'Call 111' })).not.toBe(escalationRevision('red', red));
    // Not written and written empty read the same to the person: saving over either loses nothing.
    expect(escalationRevision('amber', null)).toBe(escalationRevision('amber', { signs: '', whatToDo: '' }));

    const link = { currentStepId: 's1', currentStepSince: new Date('2026-01-01T09:00:00Z') };
    expect(pathwayLinkRevision({ ...link })).toBe(pathwayLinkRevision(link));
    expect(pathwayLinkRevision({ ...link, currentStepId: 's2' })).not.toBe(pathwayLinkRevision(link));
    // Moved on and back again: the since date tells the two apart.
    expect(pathwayLinkRevision({ ...link, currentStepSince: new Date('2026-02-01T09:00:00Z') })).not.toBe(
      pathwayLinkRevision(link),
    );
  });

  it('changes a pathway’s removal revision with where the person is and with the merges of its steps, in any order', () => {
    const link = { currentStepId: 'review', currentStepSince: new Date('2026-03-04T00:00:00.000Z') };
    const removal = pathwayRemovalRevision(link, ['m1', 'm2']);
    expect(pathwayRemovalRevision({ ...link }, ['m2', 'm1'])).toBe(removal);
    // The first part is the current step form's revision, so a refusal can say which part changed.
    expect(removal.split('.')[0]).toBe(pathwayLinkRevision(link));
    expect(pathwayRemovalRevision(link, ['m1'])).not.toBe(removal);
    expect(pathwayRemovalRevision(link, ['m1', 'm2', 'm3'])).not.toBe(removal);
    expect(pathwayRemovalRevision(link, [])).not.toBe(pathwayRemovalRevision(link, ['m1']));
    expect(pathwayRemovalRevision({ ...link, currentStepId: 'referral' }, ['m1', 'm2'])).not.toBe(removal);
  });

  it('finds the merges that join a step of a pathway, and ignores steps stored in another shape', () => {
    const merges = [
      {
        id: 'a',
        steps: [
          { pathwayId: 'copd', stepId: 'review' },
          { pathwayId: 'frailty', stepId: 'review' },
        ],
      },
      {
        id: 'b',
        steps: [
          { pathwayId: 'frailty', stepId: 'falls' },
          { pathwayId: 'diabetes', stepId: 'feet' },
        ],
      },
      { id: 'c', steps: { pathwayId: 'copd' } },
      { id: 'd', steps: [null, 'copd'] },
    ];
    expect(mergesTouching(merges, 'copd').map((m) => m.id)).toEqual(['a']);
    expect(mergesTouching(merges, 'frailty').map((m) => m.id)).toEqual(['a', 'b']);
    expect(mergesTouching(merges, 'asthma')).toEqual([]);
  });
});
