// From the document to React Flow's nodes and edges: untouched steps keep their objects, so the
// canvas re-renders only what an edit changed (the 500-step benchmark depends on it).
import { describe, expect, it } from 'vitest';
import { reconcileEdges, reconcileNodes, stepPositions } from '@/components/editor/canvasModel';
import type { TransitionEdgeType } from '@/components/editor/TransitionEdge';
import { applyCommand } from '@/lib/pathway/commands';
import { generatePathway } from '@/lib/pathway/generate';
import { LANE_HEIGHT, laneTop } from '@/lib/pathway/lanes';

const none = new Map<string, number>();

describe('reconcileNodes', () => {
  it('keeps every node object when nothing changed, and the same array', () => {
    const doc = generatePathway({ steps: 60, seed: 2 });
    const first = reconcileNodes([], doc, none, null);
    expect(reconcileNodes(first, doc, none, null)).toBe(first);
  });

  it('after a lane move, only the moved step gets a new node', () => {
    const doc = generatePathway({ steps: 60, seed: 2, layout: true });
    const before = reconcileNodes([], doc, none, null);
    const moved = doc.steps[10]!;
    const sector = moved.sector === 'social_care' ? 'mental_health' : 'social_care';
    const next = applyCommand(doc, { type: 'moveToLane', stepId: moved.id, sector });
    const after = reconcileNodes(before, next, none, null);
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed).toEqual([moved.id]);
    const node = after.find((n) => n.id === moved.id)!;
    expect(node.data.step.sector).toBe(sector);
    expect(node.ariaLabel).toContain(sector === 'social_care' ? 'Social care' : 'Mental health services');
    // It sits inside its new lane.
    expect(node.position.y).toBeGreaterThanOrEqual(laneTop(sector));
    expect(node.position.y).toBeLessThan(laneTop(sector) + LANE_HEIGHT);
  });

  it('gives a new node only to steps whose finding count or selection changed', () => {
    const doc = generatePathway({ steps: 20, seed: 4 });
    const before = reconcileNodes([], doc, none, null);
    const after = reconcileNodes(before, doc, new Map([['s5', 2]]), 's7');
    const changed = after.filter((n, i) => n !== before[i]).map((n) => n.id);
    expect(changed.sort()).toEqual(['s5', 's7']);
    expect(after.find((n) => n.id === 's5')!.data.findings).toBe(2);
    expect(after.find((n) => n.id === 's5')!.ariaLabel).toMatch(/2 open findings\./);
    expect(after.find((n) => n.id === 's7')!.selected).toBe(true);
  });

  it('keeps what React Flow measured when it rebuilds a node', () => {
    const doc = generatePathway({ steps: 5, seed: 1 });
    const before = reconcileNodes([], doc, none, null).map((n) => ({ ...n, measured: { width: 200, height: 80 } }));
    const next = applyCommand(doc, { type: 'updateStep', stepId: 's2', patch: { title: 'Renamed' } });
    const after = reconcileNodes(before, next, none, null);
    expect(after[1]!.data.step.title).toBe('Renamed');
    expect(after[1]!.measured).toEqual({ width: 200, height: 80 });
  });
});

describe('reconcileEdges', () => {
  it('after an edit to one step, only that step’s transitions get new edge objects', () => {
    const doc = generatePathway({ steps: 40, seed: 5 });
    const cache = new WeakMap();
    const before = reconcileEdges([], doc, none, null, cache);
    const hours = doc.steps[11]!.hours === 'in_hours' ? 'out_of_hours' : 'in_hours';
    const next = applyCommand(doc, { type: 'updateStep', stepId: 's12', patch: { hours } });
    expect(next).not.toBe(doc);
    const after = reconcileEdges(before, next, none, null, cache);
    const changed = after.filter((e, i) => e !== before[i]);
    const own = next.transitions.filter((t) => t.from === 's12' || t.to === 's12').map((t) => t.id);
    expect(changed.map((e) => e.id).sort()).toEqual(own.sort());
  });

  it('marks a transition with no information, and one crossing a fault line, in words', () => {
    const doc = generatePathway({ steps: 3, seed: 1 });
    const a = { ...doc.steps[0]!, sector: 'primary_care' as const, setting: 'gp_practice' as const };
    const b = { ...doc.steps[1]!, sector: 'social_care' as const, setting: 'social_care_service' as const };
    const withSteps = { ...doc, steps: [a, b, doc.steps[2]!], transitions: [{ id: 'x', from: a.id, to: b.id, information: 'none' as const }] };
    const [edge] = reconcileEdges([], withSteps, none, null, new WeakMap()) as [TransitionEdgeType];
    expect(edge.ariaLabel).toContain('Warning: no information passed on.');
    expect(edge.ariaLabel).toContain('NHS and social care');
    expect(edge.data?.crossings).toContain('NHS and social care');
  });
});

describe('stepPositions', () => {
  it('keeps saved positions inside their lane and places unplaced steps in their lane', () => {
    const doc = generatePathway({ steps: 8, seed: 9 });
    const first = doc.steps[0]!;
    const placed = { ...doc, layout: { [first.id]: { x: 40, y: -500 } } };
    const positions = stepPositions(placed);
    expect(positions.get(first.id)).toEqual({ x: 40, y: laneTop(first.sector) });
    for (const s of doc.steps) {
      const p = positions.get(s.id)!;
      expect(p.y).toBeGreaterThanOrEqual(laneTop(s.sector));
      expect(p.y).toBeLessThan(laneTop(s.sector) + LANE_HEIGHT);
    }
  });
});
