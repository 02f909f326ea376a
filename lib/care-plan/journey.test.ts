import { describe, expect, it } from 'vitest';
import { firstStepId, positionOnPathway, stepsInJourneyOrder, whatHappensNext } from './journey';
import { samplePlan } from './test-fixtures';

describe('you are here, and what happens next', () => {
  const plan = samplePlan();
  const copd = plan.pathways[0]!;
  const frailty = plan.pathways[1]!;

  it('names the step the person is on and the steps that can follow it, with the pathway’s waits', () => {
    const pos = positionOnPathway(copd);
    expect(pos.current?.title).toBe('Pulmonary rehabilitation programme');
    expect(pos.current?.benefit).toMatch(/Walks further/);
    expect(pos.next.map((n) => [n.step.stepId, n.when, n.targetDays])).toEqual([
      ['peer-support-group', 'Keep going after the course', 14],
      ['self-management-plan', 'Course completed', 0],
    ]);
  });

  it('says so when the stored step is no longer in the pathway, instead of guessing', () => {
    const pos = positionOnPathway({ ...copd, currentStepId: 'deleted-step' });
    expect(pos.current).toBeNull();
    expect(pos.missingStepId).toBe('deleted-step');
    expect(pos.next).toEqual([]);
  });

  it('handles a plan with no step set, and a pathway whose document cannot be read', () => {
    expect(positionOnPathway({ ...copd, currentStepId: null }).current).toBeNull();
    expect(positionOnPathway({ ...copd, document: null }).unreadable).toBe(true);
  });

  it('shows merged steps by the merged title, and once across pathways', () => {
    const merges = [
      {
        id: 'm1',
        title: 'One yearly review for breathing and frailty',
        createdAt: '2026-11-01T00:00:00Z',
        steps: [
          { pathwayId: 'p-copd', stepId: 'copd-annual-review' },
          { pathwayId: 'p-frailty', stepId: 'frailty-review' },
        ],
      },
    ];
    // Both pathways put the person just before their review.
    const a = positionOnPathway({ ...copd, currentStepId: 'home-oxygen-assessment' }, merges);
    const b = positionOnPathway({ ...frailty, currentStepId: 'medication-review' }, merges);
    expect(a.next[0]?.step.title).toBe('One yearly review for breathing and frailty');
    expect(b.next[0]?.step.title).toBe('One yearly review for breathing and frailty');
    const combined = whatHappensNext([a, b]);
    expect(combined).toHaveLength(1);
    expect(combined[0]?.pathwayTitles).toEqual([copd.title, frailty.title]);
    // The shorter wait of the two is the one the person can expect.
    expect(combined[0]?.targetDays).toBe(28);
  });

  it('puts the soonest next steps first across the whole plan', () => {
    const combined = whatHappensNext([positionOnPathway(copd), positionOnPathway(frailty)]);
    const days = combined.map((n) => n.targetDays ?? Infinity);
    expect(days).toEqual([...days].sort((x, y) => x - y));
    expect(combined.map((n) => n.step.stepId)).toContain('cga');
  });

  it('orders steps as the person meets them, starting from the entry steps', () => {
    const order = stepsInJourneyOrder(copd.document!).map((s) => s.id);
    expect(order[0]).toBe('gp-first-contact');
    expect(order.indexOf('practice-spirometry')).toBeLessThan(order.indexOf('diagnosis-decision'));
    expect(new Set(order).size).toBe(copd.document!.steps.length);
    expect(firstStepId(copd.document!)).toBe('gp-first-contact');
  });
});
