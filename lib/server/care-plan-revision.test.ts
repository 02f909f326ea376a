import { describe, expect, it } from 'vitest';
import { medicineRevision, memberRevision, revisionTime, timeRevision } from './care-plan-revision';

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
});
