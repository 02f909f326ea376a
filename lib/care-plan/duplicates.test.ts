import { describe, expect, it } from 'vitest';
import type { Step } from '@/lib/pathway/schema';
import { emptyFlags } from '@/lib/pathway/schema';
import { duplicateReasons, findDuplicates, titleSimilarity } from './duplicates';
import { demoPathway } from './test-fixtures';

const copd = demoPathway('copd.json');
const frailty = demoPathway('frailty.json');
const diabetes = demoPathway('t2dm-ckd.json');
const plan = [
  { id: 'p-copd', title: copd.title, document: copd },
  { id: 'p-frailty', title: frailty.title, document: frailty },
];

function step(overrides: Partial<Step>): Step {
  return {
    id: 's',
    kind: 'review',
    title: 'Review',
    sector: 'primary_care',
    setting: 'gp_practice',
    leadRole: 'practice_nurse',
    roles: [],
    channels: [],
    adaptations: [],
    flags: emptyFlags(),
    outcomeMeasures: [],
    ...overrides,
  };
}

describe('duplicate steps across the pathways of a plan', () => {
  it('finds the social care assessment, the two practice reviews and the two discharges in COPD + frailty', () => {
    const groups = findDuplicates(plan);
    const pairs = groups.map((g) => g.steps.map((s) => `${s.pathwayId}:${s.stepId}`));
    expect(pairs).toContainEqual(['p-copd:social-care-assessment', 'p-frailty:social-care-assessment']);
    expect(pairs).toContainEqual(['p-copd:copd-annual-review', 'p-frailty:frailty-review']);
    expect(pairs).toContainEqual(['p-copd:discharge-bundle', 'p-frailty:hospital-discharge']);
    // Every group spans both pathways: nothing is flagged within one pathway alone.
    for (const g of groups) expect(new Set(g.steps.map((s) => s.pathwayId)).size).toBe(2);
    const reviews = groups.find((g) => g.key === 'p-copd:copd-annual-review|p-frailty:frailty-review');
    expect(reviews?.reasons).toContain('same_appointment');
    expect(reviews?.explanation).toMatch(/one appointment could cover both/);
    expect(reviews?.suggestedTitle).toBe('Annual COPD review and regular frailty review at the practice');
  });

  it('never suggests merging where people come in or leave, or decisions', () => {
    const groups = findDuplicates(plan);
    const kinds = groups.flatMap((g) => g.steps.map((s) => s.kind));
    expect(kinds).not.toContain('entry');
    expect(kinds).not.toContain('exit');
    expect(kinds).not.toContain('decision');
  });

  it('leaves out steps already merged', () => {
    const before = findDuplicates(plan);
    const merged = findDuplicates(plan, [
      {
        id: 'm1',
        title: 'One review',
        createdAt: '2026-11-01T00:00:00Z',
        steps: [
          { pathwayId: 'p-copd', stepId: 'copd-annual-review' },
          { pathwayId: 'p-frailty', stepId: 'frailty-review' },
        ],
      },
    ]);
    expect(merged.length).toBe(before.length - 1);
    expect(merged.some((g) => g.steps.some((s) => s.stepId === 'copd-annual-review'))).toBe(false);
  });

  it('finds nothing when the plan has one pathway, or pathways with nothing in common', () => {
    expect(findDuplicates([plan[0]!])).toEqual([]);
    expect(
      findDuplicates([
        { id: 'a', title: 'A', document: copd },
        { id: 'b', title: 'B', document: null },
      ]),
    ).toEqual([]);
    const far = findDuplicates([
      {
        id: 'a',
        title: 'A',
        document: { ...copd, steps: [step({ id: 'x', kind: 'review', leadRole: 'gp' })], transitions: [] },
      },
      {
        id: 'b',
        title: 'B',
        document: {
          ...diabetes,
          steps: [step({ id: 'y', kind: 'support', title: 'Befriending', leadRole: 'voluntary_worker' })],
          transitions: [],
        },
      },
    ]);
    expect(far).toEqual([]);
  });

  it('flags the same assessment tag even in different sectors', () => {
    const a = step({ id: 'a', kind: 'assessment', title: 'Breathing test', assessment: 'spirometry' });
    const b = step({
      id: 'b',
      kind: 'assessment',
      title: 'Lung test at hospital',
      sector: 'secondary_care',
      setting: 'hospital_outpatient',
      leadRole: 'consultant',
      assessment: 'spirometry',
    });
    expect(duplicateReasons(a, b)).toEqual(['same_assessment']);
  });

  it('scores title similarity on meaningful words', () => {
    expect(
      titleSimilarity('Social care needs assessment at home', 'Social care needs assessment and support plan'),
    ).toBeGreaterThanOrEqual(0.5);
    expect(titleSimilarity('Annual COPD review', 'Befriending')).toBe(0);
    expect(titleSimilarity('', 'x')).toBe(0);
  });

  it('gives the same key for the same steps whatever the pathway order', () => {
    const forward = findDuplicates(plan)
      .map((g) => g.key)
      .sort();
    const backward = findDuplicates([...plan].reverse())
      .map((g) => g.key)
      .sort();
    expect(backward).toEqual(forward);
  });
});
