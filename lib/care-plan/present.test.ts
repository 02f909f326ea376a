import { describe, expect, it } from 'vitest';
import { planCopy, reviewSentence, urgentHelpLines } from './copy';
import { todayIso } from '@/lib/server/results';
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

describe('urgent help when the plan does not say who to call', () => {
  it('gives the standard NHS advice when there is no crisis contact or no “if things get worse” part', () => {
    expect(presentPlan(samplePlan(), TODAY).urgentFallback).toBe(false);
    expect(presentPlan(samplePlan({ crisisContact: { name: ' ', phone: '', detail: '' } }), TODAY).urgentFallback).toBe(
      true,
    );
    expect(presentPlan(samplePlan({ escalation: [] }), TODAY).urgentFallback).toBe(true);
  });

  it('says 999 for an emergency, NHS 111 otherwise, and the mental health option', () => {
    const lines = urgentHelpLines(planCopy('patient', 'Arthur Pennock'));
    expect(lines).toEqual([
      'Call 999 if someone is seriously ill or hurt and their life is at risk.',
      'Use NHS 111 if you need help urgently and it is not an emergency. Go to 111.nhs.uk or call 111.',
      'For urgent help with your mental health, call 111 and choose the mental health option.',
    ]);
    const carer = urgentHelpLines(planCopy('carer', 'Arthur Pennock'));
    expect(carer[1]).toBe(
      'Use NHS 111 if Arthur needs help urgently and it is not an emergency. Go to 111.nhs.uk or call 111.',
    );
    expect(carer[2]).toBe('For urgent help with Arthur’s mental health, call 111 and choose the mental health option.');
  });
});

describe('the review date and when the plan last changed', () => {
  it('says when the plan will be looked at again while that date is to come', () => {
    const p = presentPlan(samplePlan(), TODAY);
    expect(p.review).toEqual({ date: 'Monday 1 March 2027', passed: false });
    expect(reviewSentence(planCopy('patient', 'Arthur Pennock'), p.review!)).toBe(
      'We will look at this plan again on Monday 1 March 2027.',
    );
    // On the day itself it is not yet late.
    expect(presentPlan(samplePlan(), '2027-03-01').review?.passed).toBe(false);
  });

  it('says the review was due, and to ask about it, once the date has gone', () => {
    const p = presentPlan(samplePlan(), '2027-03-02');
    expect(p.review).toEqual({ date: 'Monday 1 March 2027', passed: true });
    expect(reviewSentence(planCopy('patient', 'Arthur Pennock'), p.review!)).toBe(
      'This plan was due to be looked at on Monday 1 March 2027. Ask your team about it.',
    );
    expect(reviewSentence(planCopy('carer', 'Arthur Pennock'), p.review!)).toBe(
      'This plan was due to be looked at on Monday 1 March 2027. Ask the care team about it.',
    );
    expect(presentPlan(samplePlan({ reviewDate: null }), TODAY).review).toBeNull();
  });

  it('says when the plan last changed, on the day in the UK', () => {
    expect(presentPlan(samplePlan(), TODAY).lastChanged).toBe('20 November 2026');
    // 11:30pm UTC on 20 July is 12:30am on 21 July in British Summer Time.
    expect(presentPlan(samplePlan({ updatedAt: '2026-07-20T23:30:00.000Z' }), TODAY).lastChanged).toBe('21 July 2026');
  });
});

describe('words for a reader who can look but not change the plan', () => {
  it('does not tell them to tick off jobs or write notes they have no buttons for', () => {
    for (const audience of ['patient', 'carer', 'clinician'] as const) {
      const viewOnly = planCopy(audience, 'Arthur Pennock', { canUpdate: false });
      expect(viewOnly.actionsHelp).not.toMatch(/tick/i);
      expect(viewOnly.notesHelp).not.toMatch(/write/i);
      expect(planCopy(audience, 'Arthur Pennock', { canUpdate: true }).actionsHelp).toMatch(/Tick off/);
    }
    expect(planCopy('carer', 'Arthur Pennock', { canUpdate: false }).notesHelp).toBe(
      'These are notes about Arthur’s care. Arthur and the care team can read them.',
    );
  });
});

describe('what happens next on a plan with several pathways', () => {
  const COPD = 'COPD: breathlessness to long-term support';
  const FRAILTY = 'Frailty: recognising and supporting older people living with frailty';

  it('names the pathway of each next step when the plan has two or more', () => {
    const p = presentPlan(samplePlan(), TODAY);
    expect(p.next.find((n) => n.title === 'Local lung health peer support group')?.pathwayLabel).toBe(COPD);
    const frailty = p.next.filter((n) => n.pathwayTitles.includes(FRAILTY));
    expect(frailty.length).toBeGreaterThan(0);
    for (const n of frailty) expect(n.pathwayLabel).toBe(FRAILTY);
    const one = presentPlan(samplePlan({ pathways: samplePlan().pathways.slice(0, 1) }), TODAY);
    expect(one.next.every((n) => n.pathwayLabel === null)).toBe(true);
  });

  it('marks as choices only the steps out of a decision step', () => {
    const base = samplePlan();
    // Not at a decision: the next steps are not choices.
    expect(presentPlan(base, TODAY).next.some((n) => n.choice)).toBe(false);
    const atDecision = samplePlan({
      pathways: [{ ...base.pathways[0]!, currentStepId: 'diagnosis-decision' }, base.pathways[1]!],
    });
    const p = presentPlan(atDecision, TODAY);
    const copd = p.next.filter((n) => n.pathwayTitles.includes(COPD));
    expect(copd.length).toBe(3);
    expect(copd.every((n) => n.choice)).toBe(true);
    expect(p.next.filter((n) => n.pathwayTitles.includes(FRAILTY)).some((n) => n.choice)).toBe(false);
  });

  it('says where and how soon as a full sentence, with or without a wait', () => {
    const base = samplePlan();
    const doc = structuredClone(base.pathways[0]!.document!);
    for (const t of doc.transitions) if (t.from === 'pulmonary-rehab') delete t.targetDays;
    const p = presentPlan(samplePlan({ pathways: [{ ...base.pathways[0]!, document: doc }] }), TODAY);
    expect(p.next.find((n) => n.title === 'Local lung health peer support group')?.whereAndWhen).toBe(
      'This happens at a local group or charity.',
    );
    expect(
      presentPlan(base, TODAY).next.find((n) => n.title === 'Local lung health peer support group')?.whereAndWhen,
    ).toBe('This usually happens in about 2 weeks, at a local group or charity.');
  });
});

// The server runs in UTC; the person reads their plan in the UK. Just after midnight in British Summer
// Time the UTC date is still yesterday's, so every day shown must be the day in the UK.
describe('days on the plan are days in the UK, not in UTC', () => {
  const SUMMER = new Date('2026-07-01T23:30:00Z'); // 12:30am on 2 July in London
  const WINTER = new Date('2026-01-01T23:30:00Z'); // still 11:30pm on 1 January in London

  function planWithJobs(dueToday: string, dueYesterday: string) {
    const base = samplePlan();
    return samplePlan({
      reviewDate: dueYesterday,
      actions: [
        { ...base.actions[0]!, id: 'today', dueDate: dueToday, status: 'to_do' },
        { ...base.actions[0]!, id: 'yesterday', dueDate: dueYesterday, status: 'to_do' },
      ],
    });
  }

  it('says a job is due today, and yesterday’s is late, just after midnight in summer', () => {
    const p = presentPlan(planWithJobs('2026-07-02', '2026-07-01'), todayIso(SUMMER));
    expect(p.actions.find((a) => a.id === 'today')).toMatchObject({ due: 'Due today', overdue: false });
    expect(p.actions.find((a) => a.id === 'yesterday')).toMatchObject({ due: '1 day late', overdue: true });
    expect(p.review).toEqual({ date: 'Wednesday 1 July 2026', passed: true });
  });

  it('keeps the same day late in the evening in winter', () => {
    const p = presentPlan(planWithJobs('2026-01-01', '2025-12-31'), todayIso(WINTER));
    expect(p.actions.find((a) => a.id === 'today')).toMatchObject({ due: 'Due today', overdue: false });
    expect(p.actions.find((a) => a.id === 'yesterday')).toMatchObject({ due: '1 day late', overdue: true });
    expect(presentPlan(samplePlan({ reviewDate: '2026-01-01' }), todayIso(WINTER)).review?.passed).toBe(false);
  });

  function planAt(moment: string) {
    const base = samplePlan();
    return samplePlan({
      pathways: [{ ...base.pathways[0]!, currentStepSince: moment }],
      notes: [{ ...base.notes[0]!, createdAt: moment }],
    });
  }

  it('gives the day a step started and a note was written as the day in the UK', () => {
    const summer = presentPlan(planAt(SUMMER.toISOString()), TODAY);
    expect(summer.positions[0]?.current?.since).toBe('2 July 2026');
    expect(summer.notes[0]?.day).toBe('2026-07-02');
    const winter = presentPlan(planAt(WINTER.toISOString()), TODAY);
    expect(winter.positions[0]?.current?.since).toBe('1 January 2026');
    expect(winter.notes[0]?.day).toBe('2026-01-01');
  });
});

describe('whether the person has agreed the plan', () => {
  const agreedOn = '2026-11-24T23:30:00.000Z'; // London is on GMT in November: still the 24th
  it('is said to the person, their carer (by first name) and the care team (by full name)', () => {
    const notYet = { agreedAt: null, stillAsAgreed: false, revision: 'r' };
    expect(presentPlan(samplePlan({ agreement: notYet }), TODAY, 'patient').agreement).toBe(
      'You have not agreed this plan yet.',
    );
    expect(presentPlan(samplePlan({ agreement: notYet }), TODAY, 'carer').agreement).toBe(
      'Arthur has not agreed this plan yet.',
    );
    expect(presentPlan(samplePlan({ agreement: notYet }), TODAY, 'clinician').agreement).toBe(
      'Arthur Pennock has not agreed this plan yet.',
    );
    const agreed = { agreedAt: agreedOn, stillAsAgreed: true, revision: 'r' };
    expect(presentPlan(samplePlan({ agreement: agreed }), TODAY, 'patient').agreement).toBe(
      'You agreed this plan on 24 November 2026.',
    );
    expect(presentPlan(samplePlan({ agreement: agreed }), TODAY, 'clinician').agreement).toBe(
      'Arthur Pennock agreed this plan on 24 November 2026.',
    );
  });

  it('says when the plan has changed since, and the day in London (British Summer Time)', () => {
    const changed = { agreedAt: '2026-06-30T23:30:00.000Z', stillAsAgreed: false, revision: 'r' };
    expect(presentPlan(samplePlan({ agreement: changed }), TODAY, 'patient').agreement).toBe(
      'You agreed this plan on 1 July 2026. It has changed since.',
    );
  });

  it('waits for nothing once the plan is archived', () => {
    const notYet = { agreedAt: null, stillAsAgreed: false, revision: 'r' };
    expect(presentPlan(samplePlan({ agreement: notYet, status: 'archived' }), TODAY, 'patient').agreement).toBe(
      'You have not agreed this plan.',
    );
  });

  it('says nothing for a plan not read to be shown', () => {
    expect(presentPlan(samplePlan(), TODAY, 'patient').agreement).toBeNull();
  });
});
