import { describe, expect, it } from 'vitest';
import { scorePathway } from '@/lib/scoring';
import type { CriterionResult, FrameworkResult } from '@/lib/scoring/types';
import { addStep, connect, moveStep, removeStep, removeTransition, updateMetadata, updateStep, updateTransition } from './commands';
import { deepEqual, diffPathways, diffScores, isEmptyDiff } from './diff';
import { generatePathway } from './generate';
import type { Pathway } from './schema';

const base: Pathway = generatePathway({ steps: 8, seed: 5, layout: true });

describe('diffPathways', () => {
  it('finds nothing between a pathway and a copy of it', () => {
    const d = diffPathways(base, structuredClone(base));
    expect(isEmptyDiff(d, { includeLayout: true })).toBe(true);
  });

  it('lists steps added, removed and changed, with each changed field before and after', () => {
    let b = addStep(base, { kind: 'support', sector: 'voluntary_community', title: 'Breathe Easy group' }).doc;
    b = removeStep(b, 's4');
    const oldS2 = base.steps.find((s) => s.id === 's2')!;
    b = updateStep(b, 's2', { title: 'Spirometry', flags: { carerInvolved: !oldS2.flags.carerInvolved } });
    const d = diffPathways(base, b);
    expect(d.steps.added.map((s) => s.title)).toEqual(['Breathe Easy group']);
    expect(d.steps.removed.map((s) => s.id)).toEqual(['s4']);
    expect(d.steps.changed).toHaveLength(1);
    expect(d.steps.changed[0]).toMatchObject({ id: 's2', title: 'Spirometry' });
    expect(d.steps.changed[0]!.changes).toEqual([
      { field: 'title', before: oldS2.title, after: 'Spirometry' },
      { field: 'flags.carerInvolved', before: oldS2.flags.carerInvolved, after: !oldS2.flags.carerInvolved },
    ]);
    // The transitions of the removed step show as removed.
    const touching = base.transitions.filter((t) => t.from === 's4' || t.to === 's4').map((t) => t.id);
    expect(d.transitions.removed.map((t) => t.id).sort()).toEqual(touching.sort());
    expect(isEmptyDiff(d)).toBe(false);
  });

  it('reports a removed optional field with after undefined', () => {
    const withHours = updateStep(base, 's3', { hours: 'out_of_hours' });
    const without = updateStep(withHours, 's3', { hours: null });
    const d = diffPathways(withHours, without);
    expect(d.steps.changed[0]!.changes).toEqual([{ field: 'hours', before: 'out_of_hours', after: undefined }]);
  });

  it('lists transitions added, removed and changed', () => {
    const t1 = base.transitions[0]!;
    let b = connect(base, 's1', 's8', { information: 'letter' }).doc;
    b = removeTransition(b, base.transitions[1]!.id);
    const newInfo = t1.information === 'none' ? 'shared_record' : 'none';
    b = updateTransition(b, t1.id, { information: newInfo });
    const d = diffPathways(base, b);
    expect(d.transitions.added).toHaveLength(1);
    expect(d.transitions.added[0]).toMatchObject({ from: 's1', to: 's8', information: 'letter' });
    expect(d.transitions.removed.map((t) => t.id)).toEqual([base.transitions[1]!.id]);
    expect(d.transitions.changed).toEqual([
      { id: t1.id, before: t1, after: { ...t1, information: newInfo }, changes: [{ field: 'information', before: t1.information, after: newInfo }] },
    ]);
  });

  it('lists changes to the pathway’s own fields and metadata', () => {
    const b = updateMetadata(base, { title: 'COPD v2', metadata: { evaluationPlan: 'PREMs at 12 months' }, conditions: ['COPD'] });
    const d = diffPathways(base, b);
    const fields = d.metadata.map((c) => c.field);
    expect(fields).toContain('title');
    expect(fields).toContain('metadata.evaluationPlan');
    expect(d.metadata.find((c) => c.field === 'title')).toEqual({ field: 'title', before: base.title, after: 'COPD v2' });
    expect(d.steps.changed).toHaveLength(0);
  });

  it('counts a move on the canvas as layout, not as a change to care', () => {
    const b = moveStep(base, 's2', { x: 9999, y: 1 });
    const d = diffPathways(base, b);
    expect(d.moved).toEqual(['s2']);
    expect(d.steps.changed).toHaveLength(0);
    expect(isEmptyDiff(d)).toBe(true);
    expect(isEmptyDiff(d, { includeLayout: true })).toBe(false);
  });

  it('deepEqual treats a key holding undefined as absent', () => {
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });
});

function criterion(id: CriterionResult['id'], status: CriterionResult['status'], score: number | null, findings = 0): CriterionResult {
  return {
    id,
    title: `Criterion ${id}`,
    status,
    score,
    measure: 'm',
    evidence: [],
    findings: Array.from({ length: findings }, (_, i) => ({ target: `s${i + 1}`, targetKind: 'step' as const, message: `f${i}`, suggestion: '' })),
    advice: [],
    rule: `${id}@1`,
  };
}

function framework(criteria: CriterionResult[], percent: number | null): FrameworkResult {
  return {
    id: 'rcgp-five-tests',
    version: '1',
    title: 'RCGP',
    score: percent === null ? null : percent / 100,
    percent,
    scored: criteria.length,
    needsJudgement: 0,
    notMet: 0,
    criteria,
  };
}

describe('diffScores', () => {
  it('gives each criterion its status and score change, direction and findings resolved or added', () => {
    const a = { frameworks: [framework([criterion('rcgp-1', 'not_met', 0, 3), criterion('rcgp-2', 'met', 1), criterion('rcgp-3', 'partly', 0.5, 1), criterion('rcgp-4', 'met', 1)], 50)] };
    const b = { frameworks: [framework([criterion('rcgp-1', 'partly', 0.5, 1), criterion('rcgp-2', 'not_met', 0, 2), criterion('rcgp-3', 'needs_judgement', null), criterion('rcgp-5', 'met', 1)], 60)] };
    const d = diffScores(a, b);
    expect(d.frameworks).toHaveLength(1);
    const fw = d.frameworks[0]!;
    expect(fw.percentDelta).toBe(10);
    const byId = Object.fromEntries(fw.criteria.map((c) => [c.criterionId, c]));
    expect(byId['rcgp-1']).toMatchObject({ direction: 'better', scoreDelta: 0.5, statusChanged: true, findingsResolved: 2, findingsAdded: 0 });
    expect(byId['rcgp-2']).toMatchObject({ direction: 'worse', scoreDelta: -1, findingsAdded: 2 });
    expect(byId['rcgp-3']).toMatchObject({ direction: 'changed', scoreDelta: null, statusChanged: true, findingsResolved: 1 });
    expect(byId['rcgp-4']).toMatchObject({ direction: 'changed', before: { status: 'met' }, after: null });
    expect(byId['rcgp-5']).toMatchObject({ direction: 'changed', before: null, after: { status: 'met', score: 1 } });
    expect(fw.criteria.map((c) => c.criterionId)).toEqual(['rcgp-1', 'rcgp-2', 'rcgp-3', 'rcgp-5', 'rcgp-4']);
  });

  it('says "same" when nothing moved', () => {
    const a = { frameworks: [framework([criterion('rcgp-1', 'partly', 0.4, 1)], 40)] };
    const d = diffScores(a, structuredClone(a));
    expect(d.frameworks[0]!.criteria[0]).toMatchObject({ direction: 'same', scoreDelta: 0, statusChanged: false, findingsAdded: 0, findingsResolved: 0 });
  });

  it('shows the engine’s scores improving when every route carries a shared record', () => {
    const none = { ...base, transitions: base.transitions.map((t) => ({ ...t, information: 'none' as const })) };
    const shared = { ...base, transitions: base.transitions.map((t) => ({ ...t, information: 'shared_record' as const })) };
    const a = scorePathway(none, undefined, { today: '2026-01-01' });
    const b = scorePathway(shared, undefined, { today: '2026-01-01' });
    const d = diffScores(a, b);
    expect(d.frameworks.map((f) => f.id).sort()).toEqual(['national-voices', 'rcgp-five-tests']);
    const all = d.frameworks.flatMap((f) => f.criteria);
    expect(all).toHaveLength(17);
    expect(all.some((c) => c.direction === 'better')).toBe(true);
    expect(all.some((c) => c.direction === 'worse')).toBe(false);
    for (const c of all) {
      if (c.before?.score != null && c.after?.score != null) expect(c.scoreDelta).toBeCloseTo(c.after.score - c.before.score, 3);
    }
    const crossings = d.journey.find((j) => j.figure === 'crossingsWithoutInformation')!;
    expect(crossings.before).toBeGreaterThan(0);
    expect(crossings.after).toBe(0);
  });
});
