import { describe, expect, it } from 'vitest';
import { layoutWebOfCare, wrapLabel } from './web-of-care';
import { samplePlan } from './test-fixtures';

describe('web of care picture', () => {
  it('places everyone on a circle around the person, grouped by part of care, coordinator marked', () => {
    const { members } = samplePlan();
    const web = layoutWebOfCare([...members].reverse(), (m) => m.jobTitle || m.role, 600);
    expect(web.nodes.map((n) => n.name)).toEqual(['Dr Ada Fernsby', 'Bea Lindqvist-Hart']); // primary care before community health
    expect(web.sectors).toEqual(['primary_care', 'community_health']);
    for (const n of web.nodes) {
      const distance = Math.hypot(n.x - web.centre.x, n.y - web.centre.y);
      expect(Math.abs(distance - web.radius)).toBeLessThan(1);
    }
    expect(web.nodes[0]?.y).toBeLessThan(web.centre.y); // the first is at the top
    expect(web.nodes.find((n) => n.isCoordinator)?.name).toBe('Bea Lindqvist-Hart');
  });

  it('wraps labels at spaces and marks what it has to cut', () => {
    expect(wrapLabel('Pulmonary rehabilitation team', 15, 3)).toEqual(['Pulmonary', 'rehabilitation', 'team']);
    expect(wrapLabel('Pulmonary rehabilitation team', 15, 2)).toEqual(['Pulmonary', 'rehabilitation…']);
    expect(wrapLabel('GP', 15)).toEqual(['GP']);
  });
});
