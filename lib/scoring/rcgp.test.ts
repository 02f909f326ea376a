// RCGP five tests: for each test, small hand-made pathways that are met, partly met (where the
// test has a partly state) and not met, asserting the exact targets of the findings.
// The fixtures start from good() (tests/fixtures/pathways/build.ts), which meets every test, and
// change one thing, so each expectation follows from that one change.
import { describe, expect, it } from 'vitest';
import {
  build,
  good,
  goodCollab,
  goodSteps,
  goodTransitions,
  link,
  step,
  TODAY,
  variant,
} from '../../tests/fixtures/pathways/build';
import type { Pathway, StepInput, TransitionInput } from '../pathway/schema';
import { scorePathway } from './score';
import type { CriterionId, CriterionResult } from './types';

function crit(p: Pathway, id: CriterionId): CriterionResult {
  const result = scorePathway(p, goodCollab, { today: TODAY });
  const c = result.frameworks.flatMap((f) => f.criteria).find((x) => x.id === id);
  if (!c) throw new Error(`no ${id}`);
  return c;
}
const targets = (c: CriterionResult) => c.findings.map((f) => f.target);

describe('rcgp-1 community services led by community-based clinicians', () => {
  it('is met when every community clinical step has a community-based lead', () => {
    const c = crit(good(), 'rcgp-1');
    expect(c.status).toBe('met');
    expect(c.score).toBe(1);
    expect(targets(c)).toEqual([]);
    // decision (GP), community clinic (community consultant), review (GP); entry, support and exit are not counted
    expect(c.evidence).toEqual(['decide', 'clinic', 'review']);
    expect(c.measure).toBe('3 of 3 community clinical steps led by a community-based clinician');
    expect(c.rule).toBe('rcgp-1@2');
  });

  it('is partly met when at least half are, scored by the share', () => {
    const c = crit(variant({ clinic: { leadRole: 'consultant' } }), 'rcgp-1');
    expect(c.status).toBe('partly');
    expect(c.score).toBeCloseTo(2 / 3, 3);
    expect(targets(c)).toEqual(['clinic']);
    expect(c.findings[0]?.message).toContain('hospital consultant');
    expect(c.findings[0]?.suggestion).toContain("'Community clinic'");
  });

  it('is not met when fewer than half are', () => {
    const c = crit(variant({ clinic: { leadRole: 'consultant' }, decide: { leadRole: 'manager' } }), 'rcgp-1');
    expect(c.status).toBe('not_met');
    expect(c.score).toBe(0);
    expect(targets(c)).toEqual(['decide', 'clinic']);
  });

  it('is not met, with advice and no step blamed, when no clinical work happens in the community', () => {
    const p = build(
      [
        step('e', 'entry'),
        step('a', 'assessment', { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' }),
        step('x', 'exit'),
      ],
      [link('e', 'a'), link('a', 'x')],
    );
    const c = crit(p, 'rcgp-1');
    expect(c.status).toBe('not_met');
    expect(c.findings).toEqual([]);
    expect(c.advice).toHaveLength(1);
  });

  it('does not count a community clinical step the person cannot reach: neither credit nor fault', () => {
    // A community clinic led by a hospital consultant, drawn but joined to nothing: the second
    // version counts only what the person can reach, as every other criterion does.
    const drawn = variant(
      {},
      {
        steps: [
          step('loose', 'intervention', { sector: 'community_health', setting: 'community', leadRole: 'consultant' }),
        ],
      },
    );
    const c = crit(drawn, 'rcgp-1');
    expect(c.status).toBe('met');
    expect(c.measure).toBe('3 of 3 community clinical steps led by a community-based clinician');
    expect(targets(c)).toEqual([]);
    // Nor does a well-led one out of reach make up for a badly led one the person meets.
    const credit = crit(
      variant(
        { clinic: { leadRole: 'consultant' }, decide: { leadRole: 'manager' } },
        { steps: [step('away', 'review', { setting: 'home' }), step('away2', 'review', { setting: 'home' })] },
      ),
      'rcgp-1',
    );
    expect(credit.status).toBe('not_met');
    expect(credit.evidence).toEqual(['review']);
    expect(targets(credit)).toEqual(['decide', 'clinic']);
  });

  it('names the community clinical steps no route leads to when they are the only ones', () => {
    const p = build(
      [
        step('e', 'entry'),
        step('a', 'assessment', { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' }),
        step('x', 'exit'),
        step('u', 'assessment', { title: 'Practice assessment' }),
      ],
      [link('e', 'a'), link('a', 'x'), link('u', 'x')],
    );
    const c = crit(p, 'rcgp-1');
    expect(c.status).toBe('not_met');
    expect(c.measure).toBe('No clinical step the person can reach takes place in a community setting');
    expect(targets(c)).toEqual(['u']);
    expect(c.findings[0]?.message).toBe(
      "'Practice assessment' is clinical work in the community, but no route from an entry step leads to it, so the person never gets there.",
    );
    expect(c.advice).toEqual([]);
  });

  it('does not count a social care assessment at home (not a clinical service; see notes)', () => {
    const p = variant(
      {},
      {
        steps: [step('sc', 'assessment', { sector: 'social_care', setting: 'home', leadRole: 'social_worker' })],
        transitions: [link('group', 'sc'), link('sc', 'review')],
      },
    );
    const c = crit(p, 'rcgp-1');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.measure).toMatch(/^3 of 3 /);
  });
});

describe('rcgp-2 GPs remain independent advocates', () => {
  it('is met by the good pathway', () => {
    const c = crit(good(), 'rcgp-2');
    expect(c.status).toBe('met');
    expect(c.findings).toEqual([]);
    // the GP leads entry, decision, review and exit, and takes part in the community clinic
    expect(c.evidence).toEqual(['entry', 'decide', 'clinic', 'review', 'exit']);
  });

  it('is not met when no GP takes part, with advice rather than findings', () => {
    const p = build(
      [step('e', 'entry', { leadRole: 'practice_nurse' }), step('x', 'exit', { leadRole: 'practice_nurse' })],
      [link('e', 'x')],
    );
    const c = crit(p, 'rcgp-2');
    expect(c.status).toBe('not_met');
    expect(c.findings).toEqual([]);
    expect(c.advice).toHaveLength(1);
  });

  it('blames a GP step that no route reaches', () => {
    const p = build(
      [
        step('e', 'entry', { leadRole: 'practice_nurse' }),
        step('x', 'exit', { leadRole: 'practice_nurse' }),
        step('lonely', 'review'),
      ],
      [link('e', 'x'), link('lonely', 'x')],
    );
    const c = crit(p, 'rcgp-2');
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['lonely']);
  });

  it('flags a transition into primary care that passes no information (partly: 2 of 3 checks pass)', () => {
    const p = build(variantSteps(), variantTransitions({ t4: { information: 'none' } }), { metadata: good().metadata });
    const c = crit(p, 'rcgp-2');
    expect(targets(c)).toEqual(['t4']);
    expect(c.status).toBe('partly');
    expect(c.score).toBeCloseTo(2 / 3, 3);
  });

  it('flags a bounce-back on the transition that returns the referral to general practice', () => {
    // review -> referral (GP) -> triage (hospital admin, nobody sees the person) -> back to review
    const p = variant(
      {},
      {
        steps: [
          step('ref', 'referral', { title: 'Referral to respiratory clinic' }),
          step('triage', 'admin', {
            title: 'Referral triage',
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'admin_staff',
          }),
        ],
        transitions: [
          link('review', 'ref', { id: 't6' }),
          link('ref', 'triage', { id: 't7' }),
          link('triage', 'review', { id: 't8' }),
        ],
      },
    );
    const c = crit(p, 'rcgp-2');
    expect(targets(c)).toEqual(['t8']);
    expect(c.findings[0]?.message).toContain("'Referral to respiratory clinic'");
    expect(c.findings[0]?.message).toContain('bounce-back');
    // checks: 2 transitions into primary care pass, 3 steps outside primary care can reach the GP, 1 bounce-back fails
    expect(c.status).toBe('partly');
    expect(c.score).toBeCloseTo(5 / 6, 3);
  });

  it('does not call it a bounce-back when the person is seen on the way', () => {
    const p = variant(
      {},
      {
        steps: [
          step('ref', 'referral'),
          step('seen', 'assessment', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
          }),
        ],
        transitions: [link('review', 'ref'), link('ref', 'seen'), link('seen', 'review')],
      },
    );
    const c = crit(p, 'rcgp-2');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('does not call an advice request (not a referral) a bounce-back', () => {
    const p = variant(
      {},
      {
        steps: [
          step('advice', 'decision', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
          }),
        ],
        transitions: [link('review', 'advice'), link('advice', 'review')],
      },
    );
    expect(crit(p, 'rcgp-2').findings).toEqual([]);
  });

  it('counts a referral step on the way out, even when the GP step itself is not a referral', () => {
    const p = variant(
      {},
      {
        steps: [
          step('refout', 'referral', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'admin_staff',
          }),
          step('reject', 'decision', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
          }),
        ],
        transitions: [link('review', 'refout'), link('refout', 'reject'), link('reject', 'review', { id: 'back' })],
      },
    );
    expect(targets(crit(p, 'rcgp-2'))).toEqual(['back']);
  });

  it('flags each step outside primary care with no route back to the GP, but not exits', () => {
    const p = variant(
      {},
      {
        steps: [
          step('hosp', 'review', {
            title: 'Hospital follow-up',
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
          }),
          step('hexit', 'exit', { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' }),
        ],
        transitions: [link('clinic', 'hosp'), link('hosp', 'hexit')],
      },
    );
    const c = crit(p, 'rcgp-2');
    expect(targets(c)).toEqual(['hosp']);
    expect(c.findings[0]?.suggestion).toContain("'Hospital follow-up'");
    expect(c.status).toBe('partly'); // 3 of 4 checks pass
  });

  it('is not met when no exit can be reached from an entry, although there is nothing else to check (review item 1)', () => {
    // A GP entry and an exit with no transitions: version 1 was met on "0 of 0 transitions ... 0 of 0 steps".
    const p = build([step('e', 'entry'), step('x', 'exit')], []);
    const c = crit(p, 'rcgp-2');
    expect(c.status).toBe('not_met');
    expect(c.score).toBe(0);
    expect(targets(c)).toEqual(['e']);
    expect(c.findings[0]?.message).toBe(
      "From 'Step e' there is no route to the end of the pathway, so it does not show where the person's care goes or how it comes back to their GP.",
    );
    expect(c.measure).toBe(
      'no transitions into primary care from a service in another sector; 0 bounce-backs; no steps outside primary care; no exit can be reached from an entry step',
    );
    // Joined up, the same two steps are met: the GP is there and nothing leaves primary care.
    expect(crit(build([step('e', 'entry'), step('x', 'exit')], [link('e', 'x')]), 'rcgp-2').status).toBe('met');
  });

  it('does not ask a self-care step led by the person to pass information to the GP (review item 3)', () => {
    const p = build(
      [
        step('self', 'entry', { title: 'Notices symptoms', sector: 'self_care', setting: 'home', leadRole: 'patient' }),
        step('gpa', 'assessment', { title: 'GP assessment' }),
        step('x', 'exit'),
      ],
      [link('self', 'gpa', { information: 'none' }), link('gpa', 'x')],
    );
    const c = crit(p, 'rcgp-2');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.measure).toContain('no transitions into primary care from a service in another sector');
  });

  it('says "to" rather than "back to" when the person has not been in general practice before', () => {
    const p = build(
      [
        step('e', 'entry', {
          title: 'Calls 111',
          sector: 'community_health',
          setting: 'remote',
          leadRole: 'community_nurse',
        }),
        step('gpa', 'assessment', { title: 'GP assessment' }),
        step('x', 'exit'),
      ],
      [link('e', 'gpa', { id: 'in', information: 'none' }), link('gpa', 'x')],
    );
    const c = crit(p, 'rcgp-2');
    expect(targets(c)).toEqual(['in']);
    expect(c.findings[0]?.message).toBe(
      "The move from 'Calls 111' (community health services) to 'GP assessment' passes no information to primary care, so the practice does not learn what happened.",
    );
    // After general practice, it is a move back.
    const back = crit(build(variantSteps(), variantTransitions({ t4: { information: 'none' } })), 'rcgp-2');
    expect(back.findings[0]?.message).toContain(") back to 'Annual review' passes no information");
  });

  it('is not met when fewer than half of the checks pass', () => {
    const p = build(
      [
        ...variantSteps(),
        step('hosp', 'review', { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' }),
        step('hosp2', 'intervention', {
          sector: 'secondary_care',
          setting: 'hospital_inpatient',
          leadRole: 'consultant',
        }),
        step('hexit', 'exit', { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' }),
      ],
      [
        ...variantTransitions({ t4: { information: 'none' } }),
        link('clinic', 'hosp'),
        link('hosp', 'hosp2'),
        link('hosp2', 'hexit'),
      ],
    );
    const c = crit(p, 'rcgp-2');
    // 0 of 1 transitions into primary care inform it; 2 of 4 steps outside primary care lead back: 2 of 5
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['t4', 'hosp', 'hosp2']);
  });
});

describe('rcgp-3 person-focused, generalists and specialists together', () => {
  it('is met by the good pathway', () => {
    const c = crit(good(), 'rcgp-3');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.evidence).toEqual(expect.arrayContaining(['review', 'decide', 'clinic']));
  });

  it('is partly met when a treatment decision is not shared (2 of 3 parts)', () => {
    // The good pathway tags no assessments, so the repeated-assessment part has nothing to check
    // and is left out of the average (rule version 2; version 1 counted it as a full part: 3 of 4).
    const c = crit(variant({ decide: { flags: { sharedDecision: false } } }), 'rcgp-3');
    expect(c.status).toBe('partly');
    expect(c.score).toBeCloseTo(2 / 3, 3);
    expect(c.findings[0]?.message).toBe(
      "'Options discussed' decides about the person's treatment, but is not marked as decided with the person.",
    );
    expect(targets(c)).toEqual(['decide']);
  });

  it('is not met for a multi-condition pathway with no whole-person review, although 3 of 4 parts pass', () => {
    const multi = variant(
      { review: { flags: { holisticReview: false } } },
      { over: { conditions: ['COPD', 'Heart failure'] } },
    );
    const c = crit(multi, 'rcgp-3');
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['review']);
    expect(c.findings[0]?.suggestion).toContain("'Annual review'");
    // the same pathway for one condition is only partly met
    const single = crit(variant({ review: { flags: { holisticReview: false } } }), 'rcgp-3');
    expect(single.status).toBe('partly');
  });

  it('is not met when most parts fail', () => {
    const p = variant({
      review: { flags: { holisticReview: false } },
      decide: { flags: { sharedDecision: false } },
      clinic: { roles: [] },
    });
    const c = crit(p, 'rcgp-3');
    expect(c.status).toBe('not_met'); // (0 + 0 + 0) / 3: no tagged assessments, so that part is left out
    expect(targets(c)).toEqual(['review', 'decide']);
    expect(c.advice.length).toBeGreaterThan(0); // generalists and specialists never together
  });

  it('flags an assessment repeated in another sector when the record is not shared on the way', () => {
    const tagged = { entry: { assessment: 'spirometry' }, clinic: { assessment: 'spirometry' } };
    // t1 and t2 both carry the shared record: the result travels, no repeat
    expect(crit(variant(tagged), 'rcgp-3').findings).toEqual([]);
    const p = build(variantSteps(tagged), variantTransitions({ t2: { information: 'letter' } }), {
      metadata: good().metadata,
    });
    const c = crit(p, 'rcgp-3');
    expect(targets(c)).toEqual(['clinic']);
    expect(c.findings[0]?.message).toContain("'Breathlessness raised with GP'");
    expect(c.score).toBe(0.875); // duplication part 1 - 1/2
  });

  it('does not count a repeat within the same sector', () => {
    const p = variant({ entry: { assessment: 'spirometry' }, review: { assessment: 'spirometry' } });
    expect(crit(p, 'rcgp-3').findings).toEqual([]);
  });

  it('is not met by a trivial pathway: parts with nothing to check are left out (review item 1)', () => {
    // A GP entry and an exit with no transitions: no treatment decisions and no tagged assessments.
    // Version 1 counted each of those as a full part and gave partly (0.5).
    const c = crit(build([step('e', 'entry'), step('x', 'exit')], []), 'rcgp-3');
    expect(c.status).toBe('not_met');
    expect(c.score).toBe(0);
    expect(targets(c)).toEqual([]);
    expect(c.measure).toBe(
      'no whole-person review; no treatment decisions to share; generalists and specialists never work together; no tagged assessments to compare',
    );
    expect(c.advice.map((a) => a.message)).toEqual([
      'No step looks at the whole person: there is no whole-person, multi-morbidity or medication review.',
      'No step has a GP or practice nurse and a specialist working together, and there is no advice-and-guidance exchange.',
    ]);
  });

  it('does not count an ordinary outpatient referral as advice and guidance (review item 2)', () => {
    // GP decision -> letter -> consultant clinic that sees the person -> back to general practice:
    // the COPD demo's diagnosis-decision -> resp-outpatients. The person is seen: it is a referral.
    const clinic = crit(
      variant(
        { clinic: { roles: [] } },
        {
          steps: [
            step('opd', 'assessment', {
              title: 'Respiratory outpatients',
              sector: 'secondary_care',
              setting: 'hospital_outpatient',
              leadRole: 'consultant',
              channels: ['face_to_face'],
            }),
          ],
          transitions: [link('review', 'opd'), link('opd', 'review')],
        },
      ),
      'rcgp-3',
    );
    expect(clinic.status).toBe('partly');
    expect(clinic.evidence).not.toContain('opd');
    expect(clinic.measure).toContain('generalists and specialists never work together');
    expect(targets(clinic)).toEqual([]);
  });

  it('counts an advice-and-guidance exchange as generalists and specialists working together', () => {
    const noJoint = { clinic: { roles: [] as never[] } };
    const without = crit(variant(noJoint), 'rcgp-3');
    expect(without.status).toBe('partly');
    // No single step is to blame for generalists and specialists never meeting: advice, no finding.
    expect(targets(without)).toEqual([]);
    expect(without.advice.map((a) => a.message)).toEqual([
      'No step has a GP or practice nurse and a specialist working together, and there is no advice-and-guidance exchange.',
    ]);
    const withAdvice = crit(
      variant(noJoint, {
        steps: [
          step('advice', 'decision', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
          }),
        ],
        transitions: [link('review', 'advice'), link('advice', 'review')],
      }),
      'rcgp-3',
    );
    expect(withAdvice.status).toBe('met');
    expect(targets(withAdvice)).toEqual([]);
    expect(withAdvice.evidence).toContain('advice');
  });
});

describe('rcgp-3 counts only what the person can reach', () => {
  it('does not count a joint step or an advice exchange no route leads to, and names the joint step', () => {
    const noJoint = { clinic: { roles: [] as never[] } };
    const loose = crit(
      variant(noJoint, {
        steps: [step('mdt', 'review', { title: 'Joint case review', roles: ['consultant'] })],
        transitions: [link('mdt', 'review')],
      }),
      'rcgp-3',
    );
    expect(loose.status).toBe('partly');
    expect(loose.evidence).not.toContain('mdt');
    expect(loose.measure).toContain('generalists and specialists never work together');
    expect(targets(loose)).toEqual(['mdt']);
    expect(loose.findings[0]?.message).toBe(
      "'Joint case review' has a GP or practice nurse and a specialist working together, but no route from an entry step leads to it, so the person never gets there.",
    );
    expect(loose.advice.map((a) => a.message)).not.toContain(
      'No step has a GP or practice nurse and a specialist working together, and there is no advice-and-guidance exchange.',
    );
    // An advice exchange asked from a general-practice step the person cannot reach is not one.
    const askedFromNowhere = crit(
      variant(noJoint, {
        steps: [
          step('gpAsk', 'assessment', { title: 'GP letter' }),
          step('advice', 'decision', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
          }),
        ],
        transitions: [link('gpAsk', 'advice'), link('advice', 'review')],
      }),
      'rcgp-3',
    );
    expect(askedFromNowhere.evidence).not.toContain('advice');
    expect(askedFromNowhere.measure).toContain('generalists and specialists never work together');
  });

  it('does not count an assessment the person cannot reach as done, so nothing repeats it', () => {
    const p = variant(
      {},
      {
        steps: [
          step('loose', 'assessment', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
            assessment: 'Spirometry',
          }),
          step('again', 'assessment', { assessment: 'Spirometry' }),
        ],
        transitions: [link('loose', 'again'), link('decide', 'again'), link('again', 'clinic')],
      },
    );
    const c = crit(p, 'rcgp-3');
    expect(targets(c)).toEqual([]);
    expect(c.status).toBe('met');
    expect(scorePathway(p, goodCollab, { today: TODAY }).journey.repeatedAssessments).toBe(0);
    // Joined to the route, the same hospital assessment is done first, and the practice's is a repeat.
    const reached = variant(
      {},
      {
        steps: [
          step('loose', 'assessment', {
            sector: 'secondary_care',
            setting: 'hospital_outpatient',
            leadRole: 'consultant',
            assessment: 'Spirometry',
          }),
          step('again', 'assessment', { assessment: 'Spirometry' }),
        ],
        transitions: [link('decide', 'loose'), link('loose', 'again'), link('again', 'clinic')],
      },
    );
    expect(targets(crit(reached, 'rcgp-3'))).toEqual(['again']);
  });

  it('leaves a treatment decision the person cannot reach out of the shared-decision part (RCGP 3 and NV 1 alike)', () => {
    const loose = variant(
      {},
      {
        steps: [step('d2', 'decision', { title: 'Loose decision' }), step('treat2', 'intervention')],
        transitions: [link('d2', 'treat2'), link('treat2', 'exit')],
      },
    );
    const c = crit(loose, 'rcgp-3');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    const nv1 = scorePathway(loose, goodCollab, { today: TODAY })
      .frameworks.flatMap((f) => f.criteria)
      .find((x) => x.id === 'nv-1');
    expect(nv1?.status).toBe('met');
    expect(nv1?.findings.map((f) => f.target)).toEqual([]);
    expect(nv1?.rule).toBe('nv-1@2');
    expect(c.rule).toBe('rcgp-3@3');
  });
});

describe('rcgp-4 no new bureaucratic structures', () => {
  const panel = (benefit?: string) =>
    step('panel', 'admin', {
      title: 'Triage panel',
      leadRole: 'admin_staff',
      ...(benefit ? { patientBenefit: benefit } : {}),
    });

  it('is met with no admin steps', () => {
    const c = crit(good(), 'rcgp-4');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.measure).toBe('No administrative steps');
  });

  it('is met when an admin step on the way says what it adds for the person', () => {
    const p = variant(
      {},
      {
        steps: [panel('Seen by the right team first time')],
        transitions: [link('decide', 'panel'), link('panel', 'clinic')],
      },
    );
    const c = crit(p, 'rcgp-4');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.evidence).toEqual(['panel']);
  });

  it('is partly met when an admin step on the way does not say what it adds', () => {
    const p = variant({}, { steps: [panel()], transitions: [link('decide', 'panel'), link('panel', 'clinic')] });
    const c = crit(p, 'rcgp-4');
    expect(c.status).toBe('partly');
    expect(c.score).toBe(0.5);
    expect(targets(c)).toEqual(['panel']);
    expect(c.findings[0]?.message).toBe(
      "'Triage panel' is an administrative step on the person's route, and the pathway does not say what it adds for them.",
    );
    expect(c.findings[0]?.suggestion).toContain("'Triage panel'");
  });

  it('is not met when two admin steps follow each other (finding on the transition)', () => {
    const mids = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
    const p = build(
      [
        step('e', 'entry'),
        step('a1', 'admin', { patientBenefit: 'x' }),
        step('a2', 'admin', { patientBenefit: 'y' }),
        ...mids.map((id) => step(id, 'intervention')),
        step('x', 'exit'),
      ],
      [
        link('e', 'a1'),
        link('a1', 'a2'),
        link('a2', 'm1'),
        ...mids.slice(1).map((id, i) => link(mids[i] as string, id)),
        link('m6', 'x'),
      ],
    );
    const c = crit(p, 'rcgp-4');
    expect(c.status).toBe('not_met'); // 2 of 10 is exactly 20%, so only the chain fails
    expect(targets(c)).toEqual(['a1->a2']);
  });

  it('is not met when more than one step in five is admin', () => {
    const p = variant(
      {},
      {
        steps: [panel('a'), step('form', 'admin', { patientBenefit: 'b' })],
        transitions: [link('decide', 'panel'), link('panel', 'clinic'), link('group', 'form'), link('form', 'review')],
      },
    );
    const c = crit(p, 'rcgp-4'); // 2 of 8 = 25%
    expect(c.status).toBe('not_met');
    // Both say what they add, but over the limit each is named as part of the excess.
    expect(targets(c)).toEqual(['panel', 'form']);
    expect(c.findings[0]?.message).toBe(
      "'Triage panel' is one of 2 administrative steps (25% of the pathway), more than one in five.",
    );
    expect(c.advice[0]?.message).toContain('25%');
  });

  it('does not blame an admin step the person never passes through', () => {
    const p = variant({}, { steps: [panel()], transitions: [link('panel', 'exit')] });
    expect(crit(p, 'rcgp-4').findings).toEqual([]);
  });
});

describe('rcgp-5 no diversion of funding from general practice', () => {
  it('is met when no work moves onto general practice', () => {
    const c = crit(good(), 'rcgp-5');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
  });

  it('is not met when a step moves unfunded work onto general practice', () => {
    const c = crit(variant({ review: { gpWorkload: { minutesPerPatient: 20, funded: false } } }), 'rcgp-5');
    expect(c.status).toBe('not_met');
    expect(targets(c)).toEqual(['review']);
    expect(c.findings[0]?.message).toContain('20 minutes per patient');
  });

  it('is met when the moved work is funded', () => {
    const c = crit(variant({ review: { gpWorkload: { minutesPerPatient: 20, funded: true } } }), 'rcgp-5');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.evidence).toEqual(['review']);
  });

  it('ignores zero minutes', () => {
    const c = crit(variant({ review: { gpWorkload: { minutesPerPatient: 0, funded: false } } }), 'rcgp-5');
    expect(c.status).toBe('met');
    expect(targets(c)).toEqual([]);
    expect(c.measure).toBe('No step moves work onto general practice');
  });
});

// Helpers to change steps and transitions of the good pathway by id.
function variantSteps(changes: Record<string, Partial<StepInput>> = {}): StepInput[] {
  return goodSteps().map((s) => ({ ...s, ...(changes[s.id] ?? {}) }) as StepInput);
}
function variantTransitions(changes: Record<string, Partial<TransitionInput>>): TransitionInput[] {
  return goodTransitions().map((t) => ({ ...t, ...(changes[t.id as string] ?? {}) }));
}
