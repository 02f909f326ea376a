import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import type { Status } from '@/lib/scoring/types';
import { demoSource, storedScores } from './fixtures.test-helpers';
import {
  buildWorkspaceScorecard,
  criterionLabel,
  describeTrend,
  formatJourneyValue,
  journeyMaxima,
  paginate,
  trendsByPathway,
} from './model';
import type { CriterionScoreRow, ScorecardSource } from './types';

const ALL_CRITERIA = FRAMEWORKS.flatMap((f) => f.criteria.map((c, position) => ({ id: c.id, frameworkId: f.id, position })));

/** A synthetic pathway whose criteria are all met except those named. */
function synthetic(id: string, title: string, statuses: Partial<Record<string, Status>>, percent = 80): ScorecardSource {
  const versionId = `${id}-v1`;
  const criteria: CriterionScoreRow[] = ALL_CRITERIA.map((c) => {
    const status = statuses[c.id] ?? 'met';
    return {
      versionId,
      criterionId: c.id,
      frameworkId: c.frameworkId,
      position: c.position,
      status,
      findings: status === 'met' ? 0 : 1,
    };
  });
  const count = (fw: string, s: Status) => criteria.filter((c) => c.frameworkId === fw && c.status === s).length;
  return {
    pathways: [
      {
        id,
        title,
        conditions: ['Asthma'],
        status: 'draft',
        version: { id: versionId, number: 1, savedAt: '2026-01-01T00:00:00.000Z', scoredAt: '2026-01-01' },
        journey: { steps: 5, contacts: 3, organisations: 2, sectors: ['primary_care'], faultLineCrossings: 1, crossingsWithoutInformation: 0, repeatedAssessments: 0, expectedDays: 12.5, expectedContacts: 3 },
      },
    ],
    frameworks: FRAMEWORKS.map((f) => ({
      versionId,
      frameworkId: f.id,
      frameworkVersion: f.version,
      score: percent / 100,
      percent,
      scored: f.criteria.length - count(f.id, 'needs_judgement'),
      notMet: count(f.id, 'not_met'),
      needsJudgement: count(f.id, 'needs_judgement'),
    })),
    criteria,
    consensus: [],
  };
}

function merge(...sources: ScorecardSource[]): ScorecardSource {
  return {
    pathways: sources.flatMap((s) => s.pathways),
    frameworks: sources.flatMap((s) => s.frameworks),
    criteria: sources.flatMap((s) => s.criteria),
    consensus: sources.flatMap((s) => s.consensus),
  };
}

describe('buildWorkspaceScorecard: failing first', () => {
  it('puts the pathways with the most criteria not met first, then partly met, and unscored pathways last', () => {
    const unsaved: ScorecardSource = {
      pathways: [{ id: 'u', title: 'Aaa never saved', conditions: [], status: 'draft', version: null, journey: null }],
      frameworks: [],
      criteria: [],
      consensus: [],
    };
    const s = buildWorkspaceScorecard(
      merge(
        unsaved,
        synthetic('a', 'All met', {}),
        synthetic('b', 'Three not met', { 'rcgp-1': 'not_met', 'nv-2': 'not_met', 'nv-3': 'not_met' }),
        synthetic('d', 'Three not met and two partly', { 'rcgp-1': 'not_met', 'nv-2': 'not_met', 'nv-3': 'not_met', 'nv-4': 'partly', 'nv-5': 'partly' }),
        synthetic('c', 'One partly', { 'rcgp-2': 'partly' }),
      ),
    );
    expect(s.pathways.map((p) => p.id)).toEqual(['d', 'b', 'c', 'a', 'u']);
    expect(s.pathways.at(-1)?.scored).toBe(false);
    expect(s.totals).toEqual({ pathways: 5, scored: 4, withNotMet: 2, notMet: 6, needsJudgement: 0 });
  });

  it('never hides a criterion not met behind a good average', () => {
    const s = buildWorkspaceScorecard(
      merge(synthetic('good-average', 'Good average, one not met', { 'rcgp-5': 'not_met' }, 95), synthetic('poor-average', 'Poor average, nothing failed', { 'nv-1': 'partly', 'nv-2': 'partly' }, 55)),
    );
    expect(s.pathways[0]?.id).toBe('good-average');
    expect(s.pathways[0]?.failing[0]).toMatchObject({ criterionId: 'rcgp-5', status: 'not_met', label: 'RCGP 5' });
  });

  it('lists a pathway’s failing criteria not met first, then partly met, then needing judgement, in framework order within each', () => {
    const s = buildWorkspaceScorecard(synthetic('x', 'X', { 'nv-6': 'needs_judgement', 'nv-3': 'partly', 'nv-9': 'not_met', 'rcgp-2': 'not_met', 'rcgp-1': 'partly' }));
    expect(s.pathways[0]?.failing.map((f) => f.criterionId)).toEqual(['rcgp-2', 'nv-9', 'rcgp-1', 'nv-3', 'nv-6']);
  });

  it('orders the criteria overview by how many pathways fail each one', () => {
    const s = buildWorkspaceScorecard(
      merge(
        synthetic('a', 'A', { 'nv-8': 'not_met', 'rcgp-4': 'partly' }),
        synthetic('b', 'B', { 'nv-8': 'not_met', 'rcgp-3': 'not_met' }),
        synthetic('c', 'C', { 'nv-8': 'partly', 'rcgp-4': 'partly' }),
      ),
    );
    expect(s.criteria.slice(0, 3).map((c) => c.id)).toEqual(['nv-8', 'rcgp-3', 'rcgp-4']);
    expect(s.criteria[0]?.counts).toEqual({ not_met: 2, partly: 1, needs_judgement: 0, met: 0 });
    for (const c of s.criteria) expect(Object.values(c.counts).reduce((a, b) => a + b, 0)).toBe(3);
  });
});

describe('buildWorkspaceScorecard: the room’s ratings sit beside the computed results', () => {
  it('keeps a consensus rating out of every computed status, count and percentage', () => {
    const base = synthetic('a', 'A', { 'rcgp-1': 'not_met', 'nv-6': 'needs_judgement' }, 70);
    const without = buildWorkspaceScorecard(base);
    const withRatings = buildWorkspaceScorecard({
      ...base,
      consensus: [
        { versionId: 'a-v1', criterionId: 'rcgp-1', value: 'met', reason: 'The community clinic is GP-led in practice' },
        { versionId: 'a-v1', criterionId: 'nv-6', value: 'partly', reason: 'Carers took part, patients did not' },
        { versionId: 'other-version', criterionId: 'nv-1', value: 'not_met', reason: 'another version' },
      ],
    });
    const p = withRatings.pathways[0]!;
    const q = without.pathways[0]!;
    expect(p.cells['rcgp-1']?.status).toBe('not_met');
    expect(p.cells['rcgp-1']?.consensus).toEqual({ value: 'met', reason: 'The community clinic is GP-led in practice' });
    expect(p.cells['nv-1']?.consensus).toBeNull();
    expect([p.notMet, p.needsJudgement, p.frameworks]).toEqual([q.notMet, q.needsJudgement, q.frameworks]);
    // nv-6 needs judgement: the room's rating supplies that judgement, so it is not a difference.
    expect(p.consensus).toEqual({ rated: 2, notMet: 0, differs: 1, judged: 1 });
    const rcgp1 = withRatings.criteria.find((c) => c.id === 'rcgp-1')!;
    expect(rcgp1.counts.not_met).toBe(1);
    expect([rcgp1.rated, rcgp1.differs, rcgp1.judged]).toEqual([1, 1, 0]);
    const nv6 = withRatings.criteria.find((c) => c.id === 'nv-6')!;
    expect([nv6.rated, nv6.differs, nv6.judged]).toEqual([1, 0, 1]);
  });

  it('does not count a rating that agrees with the computed result as differing', () => {
    const base = synthetic('a', 'A', { 'rcgp-1': 'not_met' });
    const s = buildWorkspaceScorecard({ ...base, consensus: [{ versionId: 'a-v1', criterionId: 'rcgp-1', value: 'not_met', reason: '' }] });
    expect(s.pathways[0]?.consensus).toEqual({ rated: 1, notMet: 1, differs: 0, judged: 0 });
  });
});

describe('buildWorkspaceScorecard on the demo pathways scored by the engine', () => {
  const source = demoSource([
    { id: 'copd', title: 'COPD', file: 'copd.json', number: 3 },
    { id: 'frailty', title: 'Frailty', file: 'frailty.json', number: 1 },
    { id: 't2dm', title: 'Type 2 diabetes with CKD', file: 't2dm-ckd.json', number: 1 },
  ]);
  const s = buildWorkspaceScorecard(source);

  it('counts exactly what the engine stored for each pathway', () => {
    for (const p of s.pathways) {
      const file = { copd: 'copd.json', frailty: 'frailty.json', t2dm: 't2dm-ckd.json' }[p.id]!;
      const stored = storedScores(file, p.version!.number, p.version!.savedAt.slice(0, 10));
      const all = stored.frameworks.flatMap((f) => f.criteria);
      expect(p.notMet).toBe(stored.frameworks.reduce((n, f) => n + f.notMet, 0));
      expect(p.needsJudgement).toBe(stored.frameworks.reduce((n, f) => n + f.needsJudgement, 0));
      expect(Object.keys(p.cells)).toHaveLength(all.length);
      expect(p.frameworks.map((f) => f.percent)).toEqual(stored.frameworks.map((f) => f.percent));
      for (const c of all) expect(p.cells[c.id]?.status).toBe(c.status);
    }
  });

  it('orders the demo pathways failing first', () => {
    const notMet = s.pathways.map((p) => p.notMet);
    expect([...notMet].sort((a, b) => b - a)).toEqual(notMet);
    expect(s.columns).toHaveLength(17);
    expect(s.frameworks.map((f) => f.versions)).toEqual([['1.2.0'], ['1.2.0']]);
  });
});

describe('criterion columns', () => {
  it('adds a local criterion found in stored rows after the published ones', () => {
    const base = synthetic('a', 'A', {});
    base.criteria.push({ versionId: 'a-v1', criterionId: 'local-falls', frameworkId: 'local', position: 0, status: 'not_met', findings: 0 });
    const s = buildWorkspaceScorecard(base);
    expect(s.columns.at(-1)).toMatchObject({ id: 'local-falls', label: 'local-falls' });
    expect(s.pathways[0]?.notMet).toBe(1);
    expect(s.frameworks.map((f) => f.id)).toContain('local');
  });

  it('labels criteria as people say them', () => {
    expect([criterionLabel('rcgp-3'), criterionLabel('nv-12'), criterionLabel('x-1')]).toEqual(['RCGP 3', 'NV 12', 'x-1']);
  });
});

describe('paginate', () => {
  const items = Array.from({ length: 53 }, (_, i) => i);
  it('cuts pages and clamps a page past the end to the last', () => {
    expect(paginate(items, 1, 25)).toMatchObject({ number: 1, pages: 3, first: 1, items: items.slice(0, 25) });
    expect(paginate(items, 3, 25).items).toEqual([50, 51, 52]);
    expect(paginate(items, 99, 25).number).toBe(3);
    expect(paginate(items, 0, 25).number).toBe(1);
    expect(paginate([], 2, 25)).toMatchObject({ number: 1, pages: 1, total: 0, items: [] });
  });
});

describe('trends', () => {
  it('groups scores by pathway and framework, oldest version first, and says the change in words', () => {
    const t = trendsByPathway([
      { pathwayId: 'p', number: 3, savedAt: '2026-10-05', frameworkId: 'rcgp-five-tests', percent: 76 },
      { pathwayId: 'p', number: 1, savedAt: '2026-03-10', frameworkId: 'rcgp-five-tests', percent: 45 },
      { pathwayId: 'p', number: 2, savedAt: '2026-06-18', frameworkId: 'rcgp-five-tests', percent: 70 },
      { pathwayId: 'q', number: 1, savedAt: '2026-06-18', frameworkId: 'national-voices', percent: null },
    ]);
    const points = t.get('p')!.get('rcgp-five-tests')!;
    expect(points.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(describeTrend('RCGP five tests', points)).toBe('RCGP five tests: 45% in version 1, 76% in version 3 (up 31 points)');
    expect(describeTrend('NV', t.get('q')!.get('national-voices')!)).toBe('NV: not scored in 1 version');
    expect(describeTrend('NV', [{ number: 1, savedAt: '', percent: 60 }, { number: 2, savedAt: '', percent: 50 }])).toContain('down 10 points');
  });
});

describe('journey figures', () => {
  it('scales bars by the largest value and says when days are not known', () => {
    const max = journeyMaxima([
      { journey: { steps: 1, contacts: 14, organisations: 6, sectors: [], faultLineCrossings: 12, crossingsWithoutInformation: 0, repeatedAssessments: 0, expectedDays: null, expectedContacts: null } },
      { journey: null },
    ]);
    expect(max).toEqual({ contacts: 14, organisations: 6, faultLineCrossings: 12, crossingsWithoutInformation: 1, expectedDays: 1 });
    expect(formatJourneyValue('expectedDays', null)).toBe('Not known');
    expect(formatJourneyValue('expectedDays', 3230.45)).toBe('3230');
    expect(formatJourneyValue('expectedDays', 4.26)).toBe('4.3');
    expect(formatJourneyValue('contacts', 7)).toBe('7');
  });
});
