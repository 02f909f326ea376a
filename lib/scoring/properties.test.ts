// Property-based tests of the scoring engine over generated valid pathways: both the seeded
// generator used by the benchmark and fast-check arbitraries that explore odd corners.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathwayInputArb } from '../../tests/fixtures/pathways/arbitrary';
import { generatePathway } from '../pathway/generate';
import { ROLES, type Pathway } from '../pathway/schema';
import { parsePathway } from '../pathway/validate';
import { criterionDefinition } from './frameworks';
import { scorePathway } from './score';
import type { CollaborationRecord, CriterionResult } from './types';

const validPathway = pathwayInputArb(24).map((input) => {
  const r = parsePathway(input);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.pathway;
});
const generated = fc
  .record({ steps: fc.integer({ min: 2, max: 150 }), seed: fc.integer() })
  .map(({ steps, seed }) => generatePathway({ steps, seed }));
const anyPathway = fc.oneof(validPathway, generated);

const collabArb: fc.Arbitrary<CollaborationRecord | undefined> = fc.option(
  fc.record(
    {
      participants: fc.array(fc.record({ role: fc.constantFrom(...ROLES), contributions: fc.nat(5) }), {
        maxLength: 5,
      }),
      versionCount: fc.nat(4),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);
const todayArb = fc.option(fc.constantFrom('2019-05-01', '2026-06-30', '2035-01-01'), { nil: undefined });

function allCriteria(p: Pathway, collab?: CollaborationRecord, today?: string): CriterionResult[] {
  return scorePathway(p, collab, { today }).frameworks.flatMap((f) => f.criteria);
}

describe('scorePathway properties', () => {
  it('never throws, and every score lies in 0..1 and agrees with its status', () => {
    fc.assert(
      fc.property(anyPathway, collabArb, todayArb, (p, collab, today) => {
        const result = scorePathway(p, collab, { today });
        expect(result.frameworks.map((f) => f.criteria.length)).toEqual([5, 12]);
        for (const f of result.frameworks) {
          if (f.score !== null) {
            expect(f.score).toBeGreaterThanOrEqual(0);
            expect(f.score).toBeLessThanOrEqual(1);
          }
          for (const c of f.criteria) {
            if (c.status === 'needs_judgement') expect(c.score).toBeNull();
            else {
              expect(c.score).not.toBeNull();
              const s = c.score as number;
              expect(s).toBeGreaterThanOrEqual(0);
              expect(s).toBeLessThanOrEqual(1);
              if (c.status === 'met') expect(s).toBe(1);
              if (c.status === 'not_met') expect(s).toBe(0);
              if (c.status === 'partly') {
                expect(s).toBeGreaterThan(0);
                expect(s).toBeLessThan(1);
              }
            }
            // the framework data says which statuses a criterion can have; the rule keeps to it
            expect(criterionDefinition(c.id).statuses).toContain(c.status);
            expect(c.measure.trim()).not.toBe('');
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same input, or a copy of it, gives the same output, and the input is not changed', () => {
    fc.assert(
      fc.property(anyPathway, collabArb, todayArb, (p, collab, today) => {
        const before = structuredClone(p);
        const a = scorePathway(p, collab, { today });
        const b = scorePathway(structuredClone(p), collab ? structuredClone(collab) : undefined, { today });
        expect(b).toEqual(a);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        expect(p).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  it('finding targets and evidence always exist in the pathway, with the right kind', () => {
    fc.assert(
      fc.property(anyPathway, collabArb, (p, collab) => {
        const stepIds = new Set(p.steps.map((s) => s.id));
        const transitionIds = new Set(p.transitions.map((t) => t.id));
        for (const c of allCriteria(p, collab)) {
          for (const f of c.findings) {
            if (f.targetKind === 'step') expect(stepIds.has(f.target)).toBe(true);
            else expect(transitionIds.has(f.target)).toBe(true);
          }
          for (const id of c.evidence) expect(stepIds.has(id) || transitionIds.has(id)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('every finding is a sentence with a suggestion that names the step (or an end of the transition) by its title', () => {
    fc.assert(
      fc.property(anyPathway, (p) => {
        const byId = new Map(p.steps.map((s) => [s.id, s]));
        const transitions = new Map(p.transitions.map((t) => [t.id, t]));
        for (const c of allCriteria(p)) {
          for (const f of c.findings) {
            expect(f.message).toMatch(/[.!]$/);
            let titles: string[];
            if (f.targetKind === 'step') titles = [byId.get(f.target)?.title as string];
            else {
              const t = transitions.get(f.target);
              titles = [byId.get(t?.from as string)?.title as string, byId.get(t?.to as string)?.title as string];
            }
            expect(titles.some((title) => f.suggestion.includes(`'${title}'`))).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('adding funding to every step that moves work onto general practice never lowers rcgp-5 (and meets it)', () => {
    fc.assert(
      fc.property(anyPathway, (p) => {
        const rcgp5 = (x: Pathway) => allCriteria(x).find((c) => c.id === 'rcgp-5') as CriterionResult;
        const before = rcgp5(p);
        const funded = structuredClone(p);
        for (const s of funded.steps)
          if (s.gpWorkload && s.gpWorkload.minutesPerPatient > 0) s.gpWorkload.funded = true;
        const after = rcgp5(funded);
        expect(after.score as number).toBeGreaterThanOrEqual(before.score as number);
        expect(after.status).toBe('met');
      }),
      { numRuns: 150 },
    );
  });

  it('journey figures are consistent counts, and expected figures are finite and non-negative', () => {
    fc.assert(
      fc.property(anyPathway, (p) => {
        const j = scorePathway(p).journey;
        expect(j.steps).toBe(p.steps.length);
        expect(j.reachableSteps).toBeLessThanOrEqual(j.steps);
        expect(j.contacts).toBeLessThanOrEqual(j.steps);
        expect(j.transitionsCrossingFaultLines).toBe(j.crossings.length);
        expect(j.crossingsWithoutInformation).toBe(j.crossings.filter((c) => c.information === 'none').length);
        const perLine = Object.values(j.faultLineCrossings).reduce((a, b) => a + b, 0);
        expect(perLine).toBe(j.crossings.reduce((a, c) => a + c.lines.length, 0));
        if (j.expected) {
          for (const v of [j.expected.days, j.expected.contacts, j.expected.steps, j.expected.faultLineCrossings]) {
            expect(Number.isFinite(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(0);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('scores large generated pathways (2,000 steps) without trouble', () => {
    const r = scorePathway(generatePathway({ steps: 2000, seed: 11 }));
    expect(r.frameworks).toHaveLength(2);
    expect(r.journey.steps).toBe(2000);
  });
});
