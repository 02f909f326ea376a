// Journey figures and fault lines, checked against values worked out by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { build, good, link, step, variant } from '../../tests/fixtures/pathways/build';
import { pathwayInputArb } from '../../tests/fixtures/pathways/arbitrary';
import {
  HOURS,
  ROLES,
  SECTORS,
  SETTINGS,
  isDigitalOnly,
  type Pathway,
  type Step,
  type StepInput,
} from '../pathway/schema';
import { generatePathway } from '../pathway/generate';
import { parsePathway } from '../pathway/validate';
import { FLAG, roleBit } from './codes';
import { PathwayContext, isGeneralPractice, isProfessionalContact, q } from './context';
import {
  faultLineMask,
  faultLineMaskFromSides,
  faultLineSides,
  faultLineSidesFromCodes,
  faultLinesCrossed,
} from './faultlines';
import { expectedJourney, journeyFigures } from './journey';
import { formatScoreText, percentOfPeople } from './report';
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
      endingOutsideExits: 0,
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
    const expected = journeyFigures(new PathwayContext(p)).expected;
    expect(expected?.days).toBe(8);
    // ...and the 60% who stop at the entry are said to, not lost without a word.
    expect(expected?.endingOutsideExits).toBe(0.6);
    const text = formatScoreText(scorePathway(p));
    expect(text).toContain('60% of people end the journey at a step that is not an exit');
  });

  it('never rounds a share of people who stop to 0% or 100%, in the report or the panel', () => {
    // 0.3% stop at the entry: Math.round would have printed "0% of people end the journey", which says no one does.
    const p = build(
      [step('E', 'entry'), step('A', 'intervention'), step('X', 'exit')],
      [link('E', 'A', { probability: 0.997, targetDays: 1 }), link('A', 'X', { targetDays: 1 })],
    );
    const text = formatScoreText(scorePathway(p)).replace(/\s+/g, ' ');
    expect(text).toContain('under 1% of people end the journey at a step that is not an exit');
    expect(percentOfPeople(0.003)).toBe('Under 1%');
    expect(percentOfPeople(0.996)).toBe('Over 99%');
    expect(percentOfPeople(0.996, true)).toBe('over 99%');
    expect(percentOfPeople(0.7)).toBe('70%');
    expect(percentOfPeople(1)).toBe('100%');
    expect(percentOfPeople(0)).toBe('0%');
  });

  it('says how many end at a step with no way out, and no one when every route reaches an exit', () => {
    // A decision with two routes given 0.3 and 0.7: everyone goes on; one route stops at a dead end.
    const p = build(
      [
        step('E', 'entry'),
        step('D', 'decision'),
        step('A', 'intervention'),
        step('B', 'intervention'),
        step('X', 'exit'),
      ],
      [
        link('E', 'D', { targetDays: 1 }),
        link('D', 'A', { probability: 0.3, targetDays: 2 }),
        link('D', 'B', { probability: 0.7, targetDays: 2 }),
        link('A', 'X', { targetDays: 1 }),
      ],
    );
    expect(journeyFigures(new PathwayContext(p)).expected?.endingOutsideExits).toBe(0.7);
    const all = build(
      [step('E', 'entry'), step('A', 'intervention'), step('X', 'exit')],
      [link('E', 'A', { targetDays: 1 }), link('A', 'X', { targetDays: 1 })],
    );
    expect(journeyFigures(new PathwayContext(all)).expected?.endingOutsideExits).toBe(0);
    expect(formatScoreText(scorePathway(all))).not.toContain('end the journey at a step that is not an exit');
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

  it('solves a long loop that people rarely leave exactly, however many times they go round', () => {
    // s0 -> s1 -> ... -> s198; from s198, 99% go back to s1 and 1% leave to the exit s199.
    // Each step of the loop is visited 1 / 0.01 = 100 times, the entry and the exit once.
    const n = 200;
    const steps = [
      step('s0', 'entry'),
      ...Array.from({ length: n - 2 }, (_, i) => step(`s${i + 1}`, 'review')),
      step(`s${n - 1}`, 'exit'),
    ];
    const links = Array.from({ length: n - 2 }, (_, i) => link(`s${i}`, `s${i + 1}`, { targetDays: 1 }));
    links.push(link(`s${n - 2}`, `s${n - 1}`, { probability: 0.01, targetDays: 1 }));
    links.push(link(`s${n - 2}`, 's1', { probability: 0.99, targetDays: 1 }));
    const e = journeyFigures(new PathwayContext(build(steps, links))).expected;
    expect(e).toEqual({
      days: 1 + (n - 2) * 100, // one day per transition taken: every visit but the exit's leaves by one
      contacts: 1 + (n - 2) * 100, // the entry and the reviews
      steps: 1 + (n - 2) * 100 + 1,
      faultLineCrossings: 0,
      assumedProbabilities: 0,
      transitionsWithoutDays: 0,
      endingOutsideExits: 0,
      converged: true,
    });
  });

  it('agrees with solving the whole pathway at once, for any pathway', () => {
    // Reference: visits = start + P^T visits over every step, solved densely (Gauss-Jordan).
    const reference = (ctx: PathwayContext): number[] | null => {
      const n = ctx.n;
      const a = Array.from({ length: n }, (_, i) => {
        const row = new Array<number>(n + 1).fill(0);
        row[i] = 1;
        return row;
      });
      for (const s of ctx.entries) (a[s] as number[])[n] = ((a[s] as number[])[n] as number) + 1 / ctx.entries.length;
      for (let v = 0; v < n; v++) {
        const lo = ctx.outStart[v] as number;
        const hi = ctx.outStart[v + 1] as number;
        if (hi === lo || ctx.exits.includes(v)) continue;
        const given = [...ctx.outEdges.subarray(lo, hi)].map((e) => ctx.probability[e] as number);
        const sum = given.filter((x) => !Number.isNaN(x)).reduce((x, y) => x + y, 0);
        const missing = given.filter((x) => Number.isNaN(x)).length;
        for (let k = lo; k < hi; k++) {
          const e = ctx.outEdges[k] as number;
          const pr = ctx.probability[e] as number;
          const pe = Number.isNaN(pr) ? Math.max(0, 1 - sum) / missing : pr * (sum > 1 ? 1 / sum : 1);
          const row = a[ctx.to[e] as number] as number[];
          row[v] = (row[v] as number) - pe;
        }
      }
      for (let c = 0; c < n; c++) {
        let pivot = c;
        for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
        if (Math.abs(a[pivot]![c]!) < 1e-12) return null; // the person may never leave a loop
        [a[c], a[pivot]] = [a[pivot]!, a[c]!];
        for (let r = 0; r < n; r++) {
          if (r === c) continue;
          const factor = a[r]![c]! / a[c]![c]!;
          for (let g = c; g <= n; g++) a[r]![g] = a[r]![g]! - factor * a[c]![g]!;
        }
      }
      return a.map((row, v) => row[n]! / row[v]!);
    };
    fc.assert(
      fc.property(
        fc.record({
          steps: fc.integer({ min: 2, max: 40 }),
          seed: fc.integer(),
          back: fc.double({ min: 0, max: 0.9, noNaN: true }),
          probabilities: fc.boolean(),
        }),
        ({ steps, seed, back, probabilities }) => {
          const p = generatePathway({
            steps,
            seed,
            backEdgeShare: back,
            transitionsPerStep: 1.2 + back,
            probabilities,
          });
          const ctx = new PathwayContext(p);
          const visits = reference(ctx);
          const e = expectedJourney(ctx);
          if (!visits) return;
          expect(e.converged).toBe(true);
          const total = visits.reduce((x, y) => x + y, 0);
          // Both solves are floating point, and the system grows ill-conditioned as the expected
          // journey grows: a loop people almost never leave gives 10^8 to 10^9 expected steps, and
          // double precision (about 16 figures) then leaves only 7 or so reliable figures in either
          // answer. So the tolerance is relative there (1 in 10^6), and 0.05 of a step otherwise; a
          // wrong rule would miss by far more.
          expect(Math.abs(e.steps - total)).toBeLessThanOrEqual(Math.max(0.05, Math.abs(total) * 1e-6));
        },
      ),
      // Examples fast-check found: 501,327,658.07 against 501,327,659.95 steps (3.7 in 10^9), and
      // about 1.41 billion steps differing by 29.6 (2.1 in 10^8).
      {
        numRuns: 200,
        examples: [
          [{ steps: 34, seed: -1417305801, back: 0.8829962764866651, probabilities: false }],
          [{ steps: 37, seed: 1426185440, back: 0.8539468403905631, probabilities: false }],
        ],
      },
    );
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
        expect(ctx.codesKnown).toBe(true);
        expect(ctx.tagged).toEqual(r.pathway.steps.flatMap((s, i) => (s.assessment ? [i] : [])));
        expect(ctx.gpWorkloadSteps).toEqual(
          r.pathway.steps.flatMap((s, i) => (s.gpWorkload && s.gpWorkload.minutesPerPatient > 0 ? [i] : [])),
        );
        r.pathway.steps.forEach((s, i) => {
          expect(ctx.ids[i]).toBe(s.id);
          expect(ctx.quoted(i)).toBe(q(s));
          expect(
            faultLineSidesFromCodes(
              ctx.sector[i] as number,
              ctx.setting[i] as number,
              ctx.generalPractice[i] === 1,
              ctx.hours[i] as number,
            ),
          ).toBe(faultLineSides(s));
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

describe('fault-line sides from codes', () => {
  it('agree with faultLineSides for every sector, setting, lead role and hours', () => {
    const steps: StepInput[] = [];
    for (const sector of SECTORS) {
      for (const setting of SETTINGS) {
        for (const leadRole of ROLES) {
          for (const hours of [undefined, ...HOURS]) {
            steps.push(
              step(`s${steps.length}`, 'assessment', { sector, setting, leadRole, ...(hours ? { hours } : {}) }),
            );
          }
        }
      }
    }
    const p = build([step('in', 'entry'), ...steps, step('out', 'exit')], [link('in', 'out')]);
    const ctx = new PathwayContext(p);
    expect(ctx.codesKnown).toBe(true);
    p.steps.forEach((s, i) => {
      const fromCodes = faultLineSidesFromCodes(
        ctx.sector[i] as number,
        ctx.setting[i] as number,
        ctx.generalPractice[i] === 1,
        ctx.hours[i] as number,
      );
      expect(fromCodes).toBe(faultLineSides(s));
    });
  });

  it('are not used for a step outside the vocabulary: the crossings are read from the steps', () => {
    const p = build(
      [
        step('a', 'entry'),
        step('b', 'assessment', { sector: 'social_care', setting: 'social_care_service' }),
        step('z', 'exit'),
      ],
      [link('a', 'b'), link('b', 'z')],
    );
    // Only unvalidated input can do this; the engine must not treat the unknown setting as a known one.
    const odd = { ...p, steps: p.steps.map((s) => (s.id === 'b' ? { ...s, setting: 'moon_base' } : s)) } as Pathway;
    const ctx = new PathwayContext(odd);
    expect(ctx.codesKnown).toBe(false);
    const j = journeyFigures(ctx);
    const [a, b, z] = odd.steps as [Step, Step, Step];
    expect(j.crossings.map((c) => [...c.lines])).toEqual(
      [faultLinesCrossed(a, b), faultLinesCrossed(b, z)].filter((lines) => lines.length > 0),
    );
  });
});

describe('PathwayContext graph indexes', () => {
  const pathways = fc.oneof(
    pathwayInputArb(14).map((input) => {
      const r = parsePathway(input);
      if (!r.ok) throw new Error('invalid');
      return r.pathway;
    }),
    fc
      .record({
        steps: fc.integer({ min: 2, max: 60 }),
        seed: fc.integer(),
        back: fc.double({ min: 0, max: 0.9, noNaN: true }),
      })
      .map(({ steps, seed, back }) =>
        generatePathway({ steps, seed, backEdgeShare: back, transitionsPerStep: 1.2 + back }),
      ),
  );

  it('groups the steps into loops in topological order, each loop in pathway order', () => {
    // a -> b <-> c -> d (d loops on itself) -> z
    const p = build(
      [step('a', 'entry'), step('b', 'review'), step('c', 'assessment'), step('d', 'review'), step('z', 'exit')],
      [link('a', 'b'), link('c', 'b'), link('b', 'c'), link('c', 'd'), link('d', 'd'), link('d', 'z')],
    );
    const { count, members, start, comp, cyclic } = new PathwayContext(p).components();
    expect(count).toBe(4);
    expect(Array.from(members)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(start)).toEqual([0, 1, 3, 4, 5]);
    expect(Array.from(comp)).toEqual([0, 1, 1, 2, 3]);
    expect(Array.from(cyclic)).toEqual([0, 1, 1, 0]);
  });

  it('components are the mutually reachable steps, sources first, members ascending', () => {
    fc.assert(
      fc.property(pathways, (p) => {
        const ctx = new PathwayContext(p);
        const { count, members, start, comp, cyclic } = ctx.components();
        expect(start[count]).toBe(ctx.n);
        for (let e = 0; e < ctx.m; e++)
          expect(comp[ctx.from[e] as number]).toBeLessThanOrEqual(comp[ctx.to[e] as number] as number);
        for (let c = 0; c < count; c++) {
          const list = Array.from(members.subarray(start[c], start[c + 1]));
          expect(list.length).toBeGreaterThan(0);
          expect([...list].sort((x, y) => x - y)).toEqual(list);
          for (const v of list) expect(comp[v]).toBe(c);
          const v = list[0] as number;
          const reach = ctx.forwardFrom([v]);
          const back = ctx.backwardFrom([v]);
          for (let w = 0; w < ctx.n; w++) expect(reach[w] === 1 && back[w] === 1).toBe(comp[w] === c);
          expect(cyclic[c] === 1).toBe(list.length > 1 || ctx.hasSelfLoop(v));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('names the first other sector where the assessment was done, when several reach one step', () => {
    // Bloods in general practice (first), then the hospital, then social care, all by letter to a
    // hub; after it, bloods again in general practice and in community health services.
    const hospital = { sector: 'secondary_care', setting: 'hospital_outpatient', leadRole: 'consultant' } as const;
    const social = { sector: 'social_care', setting: 'social_care_service', leadRole: 'social_worker' } as const;
    const community = { sector: 'community_health', setting: 'community', leadRole: 'community_nurse' } as const;
    const p = build(
      [
        step('e', 'entry'),
        step('gp1', 'assessment', { assessment: 'bloods' }),
        step('h1', 'assessment', { ...hospital, assessment: 'bloods' }),
        step('s1', 'assessment', { ...social, assessment: 'bloods' }),
        step('hub', 'review'),
        step('gp2', 'assessment', { assessment: 'bloods' }),
        step('c2', 'assessment', { ...community, assessment: 'bloods' }),
        step('x', 'exit'),
      ],
      [
        link('e', 'gp1'),
        link('e', 'h1'),
        link('e', 's1'),
        link('gp1', 'hub', { information: 'letter' }),
        link('h1', 'hub', { information: 'letter' }),
        link('s1', 'hub', { information: 'letter' }),
        link('hub', 'gp2'),
        link('hub', 'c2'),
        link('gp2', 'x'),
        link('c2', 'x'),
      ],
    );
    const ctx = new PathwayContext(p);
    const named = ctx.duplicateAssessments().map((d) => [ctx.ids[d.step], ctx.ids[d.earlier]]);
    // The general practice repeat names the hospital (the first sector that is not its own);
    // the community one names general practice. Social care, third, is never needed.
    expect(named).toEqual([
      ['gp2', 'h1'],
      ['c2', 'gp1'],
    ]);
  });

  it('finds exactly the repeated assessments that a search from every tagged step finds', () => {
    // Brute force: a state (step, information lost on the way) search from each tagged step.
    const lossyRoute = (ctx: PathwayContext, from: number, to: number): boolean => {
      const seen = new Set<number>([from * 2]);
      const queue = [from * 2];
      while (queue.length > 0) {
        const key = queue.shift() as number;
        const v = key >> 1;
        for (let k = ctx.outStart[v] as number; k < (ctx.outStart[v + 1] as number); k++) {
          const e = ctx.outEdges[k] as number;
          const w = ctx.to[e] as number;
          const lost = (key & 1) === 1 || ctx.transition(e).information !== 'shared_record';
          if (lost && w === to) return true;
          const next = w * 2 + (lost ? 1 : 0);
          if (!seen.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
      return false;
    };
    const tagOf = (s: Step) => s.assessment?.trim().toLowerCase();
    fc.assert(
      fc.property(pathways, (p) => {
        const ctx = new PathwayContext(p);
        const dups = ctx.duplicateAssessments();
        const expected: number[] = [];
        p.steps.forEach((b, j) => {
          if (!b.assessment) return;
          // Only assessments the person can reach are done, and so can be repeated.
          const earlier = p.steps.some(
            (a, i) =>
              a.assessment &&
              ctx.reachable[i] &&
              tagOf(a) === tagOf(b) &&
              a.sector !== b.sector &&
              lossyRoute(ctx, i, j),
          );
          if (earlier) expected.push(j);
        });
        expect(dups.map((d) => d.step)).toEqual(expected);
        for (const d of dups) {
          const a = p.steps[d.earlier] as Step;
          const b = p.steps[d.step] as Step;
          expect(tagOf(a)).toBe(tagOf(b));
          expect(a.sector).not.toBe(b.sector);
          expect(lossyRoute(ctx, d.earlier, d.step)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
