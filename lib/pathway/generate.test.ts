// The seeded generator: valid, deterministic, the right size, and varied enough to exercise the rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, generatePathway } from './generate';
import { parsePathway } from './validate';

describe('generatePathway', () => {
  it('always produces a valid pathway', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.integer(), (steps, seed) => {
        const r = parsePathway(generatePathway({ steps, seed }));
        if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      }),
      { numRuns: 60 },
    );
  });

  it('is deterministic: the same seed gives the same pathway, another seed a different one', () => {
    expect(generatePathway({ steps: 100, seed: 7 })).toEqual(generatePathway({ steps: 100, seed: 7 }));
    expect(generatePathway({ steps: 100, seed: 7 })).not.toEqual(generatePathway({ steps: 100, seed: 8 }));
  });

  it('has N steps and about 1.4N transitions, including loops', () => {
    const p = generatePathway({ steps: 500, seed: 3 });
    expect(p.steps).toHaveLength(500);
    expect(p.transitions.length).toBe(700);
    const index = new Map(p.steps.map((s, i) => [s.id, i]));
    const backwards = p.transitions.filter((t) => (index.get(t.to) as number) <= (index.get(t.from) as number));
    expect(backwards.length).toBeGreaterThan(0);
  });

  it('uses every sector and several kinds, so every rule has work to do', () => {
    const p = generatePathway({ steps: 500, seed: 3 });
    expect(new Set(p.steps.map((s) => s.sector)).size).toBe(7);
    expect(new Set(p.steps.map((s) => s.kind)).size).toBe(12);
    expect(p.steps.some((s) => s.assessment)).toBe(true);
  });

  it('createRng gives numbers in [0, 1) and repeats for a seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
