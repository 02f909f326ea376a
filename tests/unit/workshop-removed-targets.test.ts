import { describe, expect, it } from 'vitest';
import { markRemovedTargets, myDotsOnRemovedSteps, remember, targetNames } from '@/components/workshop/removed-targets';

const pathway = {
  steps: [
    { id: 's1', title: 'Spirometry' },
    { id: 's2', title: 'Referral' },
    { id: 's3', title: '  ' },
  ],
  transitions: [{ id: 't1', from: 's1', to: 's2' }],
};

describe('comments and dots on steps or transitions no longer in the live pathway', () => {
  it('names steps by title and transitions by their ends', () => {
    expect(Object.fromEntries(targetNames(pathway))).toEqual({
      s1: 'Spirometry',
      s2: 'Referral',
      s3: '  ',
      t1: 'Spirometry → Referral',
    });
  });

  it('marks only threads whose step or transition is gone, with the name last seen, or null if never seen', () => {
    const empty = new Map<string, string>();
    const seen = remember(empty, targetNames(pathway));
    // Untitled steps are not remembered: "On “  ”" would say nothing.
    expect(seen.has('s3')).toBe(false);
    // Nothing new: the same map back, so the page does not render again for nothing.
    expect(remember(seen, targetNames(pathway))).toBe(seen);
    expect(remember(seen, new Map([['s1', 'Spirometry test']])).get('s1')).toBe('Spirometry test');
    // Spirometry (and its transition) deleted; s9 was never seen by this page; s3 is still there.
    const now = targetNames({ steps: pathway.steps.filter((s) => s.id !== 's1'), transitions: [] });
    const threads = [
      { id: 'a', targetId: 's1' },
      { id: 'b', targetId: 't1' },
      { id: 'c', targetId: 's9' },
      { id: 'd', targetId: 's2' },
      { id: 'e', targetId: null },
      { id: 'f', targetId: 's3' },
    ];
    const marked = markRemovedTargets(threads, now, seen);
    expect(marked.map((t) => [t.id, t.removedTarget?.name])).toEqual([
      ['a', 'Spirometry'],
      ['b', 'Spirometry → Referral'],
      ['c', null],
      ['d', undefined],
      ['e', undefined],
      ['f', undefined],
    ]);
    expect(marked.filter((t) => t.removedTarget).map((t) => t.id)).toEqual(['a', 'b', 'c']);
  });

  it('falls back to the name stored with a thread when this page never saw the step (after a reload)', () => {
    const seen = new Map([['s1', 'Spirometry test']]);
    const here = new Map([['s2', 'Referral']]);
    const threads = [
      { id: 'a', targetId: 's1', targetLabel: 'Spirometry' }, // seen here since: the newer name wins
      { id: 'b', targetId: 's9', targetLabel: 'Falls review' }, // never seen here: the stored name
      { id: 'c', targetId: 's8', targetLabel: null }, // stored before names were kept
      { id: 'd', targetId: 's2', targetLabel: 'Referral' }, // still there: not marked
    ];
    expect(markRemovedTargets(threads, here, seen).map((t) => [t.id, t.removedTarget?.name])).toEqual([
      ['a', 'Spirometry test'],
      ['b', 'Falls review'],
      ['c', null],
      ['d', undefined],
    ]);
  });

  it('lists this person’s dots on removed steps only, not others’ dots and not steps still there', () => {
    const stepNames = new Map([['s2', 'Referral']]);
    const seen = new Map([['s1', 'Spirometry']]);
    const votes = [
      { stepId: 's1', mine: 2 },
      { stepId: 's2', mine: 1 },
      { stepId: 's7', mine: 0 },
      { stepId: 's8', mine: 1 },
    ];
    expect(myDotsOnRemovedSteps(votes, stepNames, seen)).toEqual([
      { stepId: 's1', mine: 2, title: 'Spirometry' },
      { stepId: 's8', mine: 1, title: null },
    ]);
    // After a reload nothing is seen yet: the name stored with the dots, where there is one.
    const stored = [
      { stepId: 's1', mine: 2, label: 'Spirometry' },
      { stepId: 's8', mine: 1, label: null },
    ];
    expect(myDotsOnRemovedSteps(stored, stepNames, new Map())).toEqual([
      { stepId: 's1', mine: 2, title: 'Spirometry' },
      { stepId: 's8', mine: 1, title: null },
    ]);
  });
});
