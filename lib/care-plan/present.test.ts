import { describe, expect, it } from 'vitest';
import { presentPlan } from './present';
import { samplePlan } from './test-fixtures';

const TODAY = '2026-11-23';

describe('the plan as the person and their carer read it', () => {
  const plan = samplePlan();
  plan.actions.push({
    ...plan.actions[0]!,
    id: 'a3',
    description: 'Book the lift',
    ownerKind: 'carer',
    status: 'to_do',
    dueDate: '2026-11-20',
  });
  plan.goals.push({
    id: 'g3',
    kind: 'social',
    description: 'A break for June',
    setBy: 'together',
    targetDate: null,
    status: 'achieved',
  });

  it('speaks to the person as “you”', () => {
    const p = presentPlan(plan, TODAY, 'patient');
    expect(p.coordinatorLabel).toBe('Your care coordinator');
    expect(p.actions.find((a) => a.id === 'a1')?.who).toBe('You');
    expect(p.actions.find((a) => a.id === 'a3')?.who).toBe('Your carer');
    expect(p.goals.find((g) => g.id === 'g3')?.setBy).toBe('You and your care team');
  });

  it('speaks to the carer about the person by name, and to the carer as “you”', () => {
    const p = presentPlan(plan, TODAY, 'carer');
    expect(p.coordinatorLabel).toBe('Arthur’s care coordinator');
    expect(p.actions.find((a) => a.id === 'a1')?.who).toBe('Arthur');
    expect(p.actions.find((a) => a.id === 'a3')?.who).toBe('You');
    expect(p.goals.find((g) => g.id === 'g1')?.setBy).toBe('Arthur');
  });

  it('lists open jobs first, soonest first, flags late ones, and lets the person tick off only their own', () => {
    const p = presentPlan(plan, TODAY);
    expect(p.actions.map((a) => a.id)).toEqual(['a3', 'a2', 'a1']);
    const late = p.actions.find((a) => a.id === 'a3');
    expect(late).toMatchObject({ overdue: true, due: '3 days late', isOwn: true });
    expect(p.actions.find((a) => a.id === 'a2')?.isOwn).toBe(false);
  });

  it('puts the coordinator first in the team and leaves the person out of their own contacts', () => {
    const withPerson = samplePlan();
    withPerson.members.push({
      ...withPerson.members[0]!,
      id: 'me',
      role: 'patient',
      name: 'Arthur Pennock',
      isCoordinator: false,
    });
    const p = presentPlan(withPerson, TODAY);
    expect(p.team.map((m) => m.name)).toEqual(['Bea Lindqvist-Hart', 'Dr Ada Fernsby']);
    expect(p.coordinator?.role).toBe('Community respiratory nurse');
  });

  it('gives the waits and places of what happens next in words', () => {
    const p = presentPlan(plan, TODAY);
    const group = p.next.find((n) => n.title === 'Local lung health peer support group');
    expect(group).toMatchObject({
      wait: 'in about 2 weeks',
      where: 'at a local group or charity',
      when: 'Keep going after the course',
    });
    expect(p.positions[0]?.current).toMatchObject({
      title: 'Pulmonary rehabilitation programme',
      where: 'at a local clinic',
      since: '1 November 2026',
    });
    expect(p.reviewDate).toBe('Monday 1 March 2027');
  });

  it('leaves out parts of the red-amber-green plan that say nothing', () => {
    const p = presentPlan(samplePlan({ escalation: [{ level: 'amber', signs: ' ', whatToDo: '' }] }), TODAY);
    expect(p.escalation).toEqual([]);
  });
});
