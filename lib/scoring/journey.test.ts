// Journey figures and fault lines, checked against values worked out by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, good, link, step, variant } from '../../tests/fixtures/pathways/build';
import { pathwayInputArb } from '../../tests/fixtures/pathways/arbitrary';
import { isDigitalOnly, type Step, type StepInput } from '../pathway/schema';
import { parsePathway } from '../pathway/validate';
import { FLAG, roleBit } from './codes';
import { PathwayContext, isGeneralPractice, isProfessionalContact } from './context';
import { faultLineMask, faultLineMaskFromSides, faultLineSides, faultLinesCrossed } from './faultlines';
import { journeyFigures } from './journey';
import { scorePathway } from './score';

function stepOf(over: Partial<StepInput>): Step {
  const p = build([step('a', 'entry', over), step('z', 'exit')], [link('a', 'z')]);
  return p.steps[0] as Step;
}

describe('fault lines (004 §4.4)', () => {
  const gp = stepOf({});
  const pharmacy = stepOf({ setting: 'pharmacy', leadRole: 'pharmacist' });
  const communityNurse = stepOf({ sector: 'community_health', setting: 'home', leadRole: 'community_nurse' });
  const outpatients = stepOf({ sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' });
  const mentalHealth = stepOf({ sector: 'mental_health', setting: 'mental_health_service', leadRole: 'consultant' });
  const socialCare = stepOf({ sector: 'social_care', setting: 'social_care_service', leadRole: 'social_worker' });
  const charity = stepOf({ sector: 'voluntary_community', setting: 'voluntary_service', leadRole: 'voluntary_worker' });
  const gpHomeVisit = stepOf({ setting: 'home' });

  it('community and hospital', () => {
    expect(faultLinesCrossed(gp, outpatients)).toContain('community_hospital');
    // a mental health service is on neither side of this line
    expect(faultLinesCrossed(outpatients, mentalHealth)).not.toContain('community_hospital');
  });

  it('general practice, other primary care and community health services', () => {
    expect(faultLinesCrossed(gp, pharmacy)).toEqual(['general_practice_primary_community']);
    expect(faultLinesCrossed(gp, communityNurse)).toEqual(['general_practice_primary_community']);
    expect(faultLinesCrossed(pharmacy, communityNurse)).toEqual(['general_practice_primary_community']);
    // a GP home visit is still general practice
    expect(faultLinesCrossed(gp, gpHomeVisit)).toEqual([]);
  });

  it('NHS and social care', () => {
    expect(faultLinesCrossed(gp, socialCare)).toContain('nhs_social_care');
    expect(faultLinesCrossed(charity, socialCare)).not.toContain('nhs_social_care');
  });

  it('mental and physical health', () => {
    expect(faultLinesCrossed(outpatients, mentalHealth)).toContain('mental_physical');
    expect(faultLinesCrossed(gp, mentalHealth)).toContain('mental_physical');
    expect(faultLinesCrossed(mentalHealth, socialCare)).not.toContain('mental_physical');
  });

  it('in hours and out of hours; always-open and unknown hours never cross', () => {
    const inHours = stepOf({ hours: 'in_hours' });
    expect(faultLinesCrossed(inHours, stepOf({ hours: 'out_of_hours' }))).toEqual(['in_out_of_hours']);
    expect(faultLinesCrossed(inHours, stepOf({ hours: 'always' }))).toEqual([]);
    expect(faultLinesCrossed(inHours, stepOf({}))).toEqual([]);
  });

  it('the packed fast path agrees with the plain definition for any two steps', () => {
    fc.assert(
      fc.property(pathwayInputArb(8), (input) => {
        const r = parsePathway(input);
        if (!r.ok) throw new Error('invalid');
        for (const a of r.pathway.steps) {
          for (const b of r.pathway.steps) {
            expect(faultLineMaskFromSides(faultLineSides(a), faultLineSides(b))).toBe(faultLineMask(a, b));
          }
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('journeyFigures', () => {
  it('counts the good pathway', () => {
    const j = scorePathway(good()).journey;
    expect(j.steps).toBe(6);
    expect(j.reachableSteps).toBe(6);
    // entry, shared decision, clinic, peer group, review; not the exit
    expect(j.contacts).toBe(5);
    expect(j.distinctSectors).toBe(3);
    // only decide -> clinic crosses a line: general practice to community health services
    expect(j.crossings).toEqual([
      { transition: 't2', lines: ['general_practice_primary_community'], information: 'shared_record' },
    ]);
    expect(j.faultLineCrossings.general_practice_primary_community).toBe(1);
    expect(j.crossingsWithoutInformation).toBe(0);
    expect(j.expected).toBeNull(); // no target times or probabilities given
  });

  it('counts crossings that pass no information', () => {
    const p = build(
      [
        step('e', 'entry'),
        step('h', 'assessment', { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' }),
        step('x', 'exit'),
      ],
      [link('e', 'h', { information: 'none' }), link('h', 'x', { information: 'none' })],
    );
    const j = scorePathway(p).journey;
    expect(j.crossingsWithoutInformationIds).toEqual(['e->h', 'h->x']);
  });

  it('counts repeated assessments the same way as RCGP 3', () => {
    const p = variant({ entry: { assessment: 'spirometry' }, clinic: { assessment: 'spirometry' } });
    expect(scorePathway(p).journey.repeatedAssessments).toBe(0); // shared record all the way
    const lost = build(
      [
        step('e', 'entry', { assessment: 'bloods' }),
        step('c', 'assessment', { sector: 'community_health', setting: 'community', assessment: 'bloods' }),
        step('x', 'exit'),
      ],
      [link('e', 'c', { information: 'letter' }), link('c', 'x')],
    );
    expect(scorePathway(lost).journey.repeatedAssessmentIds).toEqual(['c']);
  });
});

describe('expected days and contacts over all routes', () => {
  it('solves a loop exactly: half the people go round again', () => {
    // E -> R (10 days); R -> E with probability 0.5, R -> X (5 days) with 0.5.
    // Visits: E = 1 + 0.5 R and R = E, so E = R = 2; X is reached once.
    // Days = 2 x 10 + 2 x 0.5 x 5 = 25; contacts = visits to E and R = 4; steps = 5.
    const p = build(
      [step('E', 'entry'), step('R', 'review'), step('X', 'exit')],
      [
        link('E', 'R', { targetDays: 10 }),
        link('R', 'E', { probability: 0.5, targetDays: 0 }),
        link('R', 'X', { probability: 0.5, targetDays: 5 }),
      ],
    );
    const e = journeyFigures(new PathwayContext(p)).expected;
    expect(e).toEqual({
      days: 25,
      contacts: 4,
      steps: 5,
      faultLineCrossings: 0,
      assumedProbabilities: 0,
      transitionsWithoutDays: 0,
      converged: true,
    });
  });

  it('shares a missing probability equally between the routes of a step, and says so', () => {
    const p = build(
      [
        step('E', 'entry'),
        step('D', 'decision'),
        step('A', 'intervention'),
        step('B', 'intervention'),
        step('X', 'exit'),
      ],
      [
        link('E', 'D', { targetDays: 0 }),
        link('D', 'A', { targetDays: 10 }),
        link('D', 'B', { targetDays: 20 }),
        link('A', 'X', { targetDays: 0 }),
        link('B', 'X', { targetDays: 0 }),
      ],
    );
    const e = journeyFigures(new PathwayContext(p)).expected;
    expect(e?.days).toBe(15);
    expect(e?.assumedProbabilities).toBe(2);
  });

  it('treats given probabilities that add up to less than 1 as the journey ending there', () => {
    const p = build(
      [step('E', 'entry'), step('A', 'intervention'), step('X', 'exit')],
      [link('E', 'A', { probability: 0.4, targetDays: 10 }), link('A', 'X', { targetDays: 10 })],
    );
    // 40% go on: days = 0.4 x 10 + 0.4 x 10 = 8
    expect(journeyFigures(new PathwayContext(p)).expected?.days).toBe(8);
  });

  it('counts transitions the person may take that have no target time (days are then a lower bound)', () => {
    const p = build(
      [step('E', 'entry'), step('A', 'review'), step('X', 'exit')],
      [link('E', 'A', { targetDays: 3 }), link('A', 'X')],
    );
    const e = journeyFigures(new PathwayContext(p)).expected;
    expect(e?.days).toBe(3);
    expect(e?.transitionsWithoutDays).toBe(1);
  });

  it('starts equally often from each entry', () => {
    const p = build(
      [step('E1', 'entry'), step('E2', 'entry'), step('X', 'exit')],
      [link('E1', 'X', { targetDays: 10 }), link('E2', 'X', { targetDays: 30 })],
    );
    expect(journeyFigures(new PathwayContext(p)).expected?.days).toBe(20);
  });

  it('bounds a loop the person can never leave and says it did not settle', () => {
    const p = build(
      [step('E', 'entry'), step('A', 'review'), step('B', 'review'), step('X', 'exit')],
      [
        link('E', 'A', { probability: 1, targetDays: 1 }),
        link('E', 'X', { probability: 0 }),
        link('A', 'B', { probability: 1, targetDays: 1 }),
        link('B', 'A', { probability: 1, targetDays: 1 }),
      ],
    );
    const e = journeyFigures(new PathwayContext(p)).expected;
    expect(e?.converged).toBe(false);
    expect(Number.isFinite(e?.days)).toBe(true);
    expect(e?.days).toBeGreaterThan(1000); // about 1,000 passes round the loop
  });
});

describe('PathwayContext', () => {
  it('its coded per-step facts agree with the plain definitions for any pathway', () => {
    fc.assert(
      fc.property(pathwayInputArb(12), (input) => {
        const r = parsePathway(input);
        if (!r.ok) throw new Error('invalid');
        const ctx = new PathwayContext(r.pathway);
        r.pathway.steps.forEach((s, i) => {
          expect(ctx.contact[i] === 1).toBe(isProfessionalContact(s));
          expect(ctx.generalPractice[i] === 1).toBe(isGeneralPractice(s));
          expect(ctx.digitalOnly[i] === 1).toBe(isDigitalOnly(s));
          expect(ctx.benefit[i] === 1).toBe(!!s.patientBenefit?.trim());
          expect(ctx.hasRoleIn(i, roleBit('carer'))).toBe(s.leadRole === 'carer' || s.roles.includes('carer'));
          expect(ctx.hasFlag(i, FLAG.carePlanAgreed)).toBe(s.flags.carePlanAgreed);
        });
      }),
      { numRuns: 60 },
    );
  });
});
