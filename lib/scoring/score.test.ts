// scorePathway as a whole: framework summaries, findings by target, the JSON shape of the
// `score` command, and the text report.
import { describe, expect, it } from 'vitest';
import { good, goodCollab, TODAY, variant } from '../../tests/fixtures/pathways/build';
import { formatScoreText } from './report';
import { criteriaWorstFirst, findingsByTarget, scorePathway, scoreResultToJSON, summarise } from './score';
import type { CriterionResult } from './types';

describe('framework summaries', () => {
  it('a pathway meeting every criterion scores 100% on both frameworks', () => {
    const r = scorePathway(good(), goodCollab, { today: TODAY });
    expect(r.frameworks.map((f) => [f.id, f.score, f.percent, f.needsJudgement, f.notMet])).toEqual([
      ['rcgp-five-tests', 1, 100, 0, 0],
      ['national-voices', 1, 100, 0, 0],
    ]);
  });

  it('leaves criteria needing judgement out of the mean and counts them', () => {
    // Without a collaboration record or today's date, NV 6, 9 and 12 cannot be settled.
    const r = scorePathway(good());
    const nv = r.frameworks[1];
    expect(nv?.needsJudgement).toBe(3);
    expect(nv?.scored).toBe(9);
    expect(nv?.score).toBe(1); // the other nine are all met
    expect(r.frameworks[0]?.needsJudgement).toBe(0);
  });

  it('averages partly and not met scores, and counts what is not met', () => {
    // RCGP 1 partly (2 of 3 community clinical steps), RCGP 5 not met (unfunded GP work), others met:
    // (2/3 + 1 + 1 + 1 + 0) / 5 = 0.733
    const p = variant({
      clinic: { leadRole: 'consultant' },
      review: { gpWorkload: { minutesPerPatient: 15, funded: false } },
    });
    const rcgp = scorePathway(p, goodCollab, { today: TODAY }).frameworks[0];
    expect(rcgp?.score).toBe(0.733);
    expect(rcgp?.percent).toBe(73);
    expect(rcgp?.notMet).toBe(1);
  });

  it('has no score at all when every criterion needs judgement', () => {
    const c = { status: 'needs_judgement', score: null } as CriterionResult;
    expect(summarise([c, c])).toEqual({ score: null, percent: null, scored: 0, needsJudgement: 2, notMet: 0 });
  });

  it('lists failing criteria first', () => {
    const p = variant({
      clinic: { leadRole: 'consultant' },
      review: { gpWorkload: { minutesPerPatient: 15, funded: false } },
    });
    const rcgp = scorePathway(p, goodCollab, { today: TODAY }).frameworks[0] as { criteria: CriterionResult[] };
    expect(criteriaWorstFirst(rcgp.criteria).map((c) => c.id)).toEqual([
      'rcgp-5',
      'rcgp-1',
      'rcgp-2',
      'rcgp-3',
      'rcgp-4',
    ]);
  });
});

describe('findingsByTarget', () => {
  it('groups findings from every criterion under the step or transition they point at', () => {
    // the clinic becomes hospital-led (RCGP 1) and video-only (NV 5); t4 passes no information (RCGP 2)
    const p = variant({ clinic: { leadRole: 'consultant', channels: ['video'] } });
    const r = scorePathway(p, goodCollab, { today: TODAY });
    const byTarget = findingsByTarget(r);
    expect(byTarget.get('clinic')?.map((f) => f.criterion)).toEqual(['rcgp-1', 'nv-5']);
    expect(byTarget.get('clinic')?.[0]?.rule).toBe('rcgp-1@2');
    expect(byTarget.has('entry')).toBe(false);
  });
});

describe('scoreResultToJSON', () => {
  it('has the shape the score command promises, and nothing internal', () => {
    const p = variant({ clinic: { leadRole: 'consultant' } });
    const json = scoreResultToJSON(scorePathway(p, goodCollab, { today: TODAY }));
    expect(Object.keys(json)).toEqual(['pathway', 'frameworks', 'journey']);
    expect(json.pathway).toEqual({ title: 'Test pathway' });
    expect(json.frameworks.map((f) => f.id)).toEqual(['rcgp-five-tests', 'national-voices']);
    const rcgp1 = json.frameworks[0]?.criteria[0];
    expect(Object.keys(rcgp1 ?? {})).toEqual([
      'id',
      'title',
      'status',
      'score',
      'measure',
      'evidence',
      'findings',
      'advice',
      'rule',
    ]);
    expect(rcgp1?.findings).toEqual([
      {
        target: 'clinic',
        message: expect.stringContaining("'Community clinic'"),
        suggestion: expect.stringContaining("'Community clinic'"),
      },
    ]);
    expect(Object.keys(rcgp1?.findings[0] ?? {})).toEqual(['target', 'message', 'suggestion']);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('formatScoreText', () => {
  it('puts not met before met and shows findings with their suggestions', () => {
    const p = variant({ review: { gpWorkload: { minutesPerPatient: 15, funded: false } } });
    const text = formatScoreText(scorePathway(p, goodCollab, { today: TODAY }));
    expect(text).toContain('RCGP five tests of integrated care (v1.2.0): 80%');
    expect(text.indexOf('[NOT MET (0%)] rcgp-5')).toBeGreaterThan(-1);
    expect(text.indexOf('[NOT MET (0%)] rcgp-5')).toBeLessThan(text.indexOf('[MET (100%)] rcgp-1'));
    expect(text).toContain(
      "- review: 'Annual review' moves 15 minutes per patient onto general practice with no funding.",
    );
    expect(text).toContain('Journey');
  });
});
