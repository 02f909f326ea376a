import { describe, expect, it } from 'vitest';
import { checkCompleteness, COMPLETENESS_ITEMS } from './completeness';
import { samplePlan } from './test-fixtures';

const TODAY = '2026-11-23';

describe('checkCompleteness', () => {
  it('finds nothing missing in a complete plan, and lists every item as met', () => {
    const result = checkCompleteness(samplePlan(), TODAY);
    expect(result.missing.map((m) => [m.id, m.missing])).toEqual([]);
    expect(result.complete).toBe(true);
    expect(result.items.map((i) => i.id)).toEqual([...COMPLETENESS_ITEMS]);
  });

  it('names each missing item of an empty plan in words, not a percentage', () => {
    const result = checkCompleteness(
      samplePlan({
        whatMattersToMe: ' ',
        coordinatorId: null,
        crisisContact: { name: '', phone: '', detail: '' },
        goals: [],
        actions: [],
        members: [],
        medicationSummary: '',
        medicines: [],
        escalation: [],
        reviewDate: null,
      }),
      TODAY,
    );
    expect(result.complete).toBe(false);
    expect(result.missing.map((m) => m.id)).toEqual([...COMPLETENESS_ITEMS]);
    const text = result.missing.flatMap((m) => m.missing).join(' ');
    expect(text).toContain('No care coordinator is named.');
    expect(text).toContain('No crisis contact is named.');
    expect(text).toContain('There is no health goal.');
    expect(text).toContain('There is no social goal.');
    expect(text).toContain('No review date is set.');
    expect(text).toContain('The amber part does not say what to do.');
    expect(text).not.toMatch(/%/);
  });

  it('needs a coordinator who can be reached, not just a name', () => {
    const plan = samplePlan();
    plan.members = plan.members.map((m) => (m.id === 'm-nurse' ? { ...m, phone: '', email: '' } : m));
    const result = checkCompleteness(plan, TODAY);
    const coordinator = result.items.find((i) => i.id === 'coordinator');
    expect(coordinator?.met).toBe(false);
    expect(coordinator?.missing).toEqual([
      'Bea Lindqvist-Hart, the care coordinator, has no phone number or email address.',
    ]);
    expect(coordinator?.section).toBe('people');
  });

  it('counts a coordinator who has left the team as no coordinator', () => {
    const result = checkCompleteness(samplePlan({ coordinatorId: 'someone-gone' }), TODAY);
    expect(result.items.find((i) => i.id === 'coordinator')?.missing).toEqual(['No care coordinator is named.']);
  });

  it('names open actions with nobody or no date, and ignores done ones', () => {
    const plan = samplePlan();
    plan.actions = [
      { ...plan.actions[0]!, description: 'Book transport', dueDate: null },
      { ...plan.actions[1]!, description: 'Phone the pharmacy', memberId: null },
      { ...plan.actions[0]!, id: 'a3', description: 'Old job', dueDate: null, status: 'done' },
    ];
    const item = checkCompleteness(plan, TODAY).items.find((i) => i.id === 'whoDoesWhat');
    expect(item?.missing).toEqual([
      '“Book transport” has no date to be done by.',
      'Nobody is named for “Phone the pharmacy”.',
    ]);
  });

  it('treats a review date in the past as missing, and today as fine', () => {
    expect(
      checkCompleteness(samplePlan({ reviewDate: '2026-11-22' }), TODAY).items.find((i) => i.id === 'reviewDate')
        ?.missing,
    ).toEqual(['The review date (2026-11-22) has passed.']);
    expect(
      checkCompleteness(samplePlan({ reviewDate: TODAY }), TODAY).items.find((i) => i.id === 'reviewDate')?.met,
    ).toBe(true);
  });

  it('needs the red part to say what to do for the crisis plan', () => {
    const plan = samplePlan();
    plan.escalation = plan.escalation.map((e) => (e.level === 'red' ? { ...e, whatToDo: '' } : e));
    const result = checkCompleteness(plan, TODAY);
    expect(result.items.find((i) => i.id === 'crisis')?.missing).toEqual([
      'The red part of the plan does not say what to do in a crisis.',
    ]);
    expect(result.items.find((i) => i.id === 'escalation')?.missing).toEqual(['The red part does not say what to do.']);
  });

  it('accepts a written medication summary with no list, and does not count paused goals', () => {
    const plan = samplePlan({ medicines: [], medicationSummary: 'No regular medicines.' });
    plan.goals = plan.goals.map((g) => (g.kind === 'social' ? { ...g, status: 'paused' as const } : g));
    const result = checkCompleteness(plan, TODAY);
    expect(result.items.find((i) => i.id === 'medication')?.met).toBe(true);
    expect(result.items.find((i) => i.id === 'socialGoal')?.met).toBe(false);
  });

  it('asks for a way to reach every team member', () => {
    const plan = samplePlan();
    plan.members = [...plan.members, { ...plan.members[0]!, id: 'm3', name: 'Sam Ashdown', phone: '', email: '' }];
    expect(checkCompleteness(plan, TODAY).items.find((i) => i.id === 'careTeamContacts')?.missing).toEqual([
      'Sam Ashdown has no phone number or email address.',
    ]);
  });
});
