import { describe, expect, it } from 'vitest';
import { connect, setLayout } from './commands';
import { generatePathway } from './generate';
import {
  LANE_HEIGHT,
  STEP_NODE_HEIGHT,
  STEP_NODE_WIDTH,
  autoLayout,
  forwardEdges,
  laneTop,
  laneY,
  sectorAtY,
  stepsWithoutPosition,
} from './layout';
import { SECTORS, type Pathway } from './schema';
import { parsePathway } from './validate';

describe('lanes', () => {
  it('stacks one lane per sector in the order of SECTORS, each step row inside its lane', () => {
    SECTORS.forEach((sector, i) => {
      expect(laneTop(sector)).toBe(i * LANE_HEIGHT);
      expect(laneY(sector)).toBeGreaterThanOrEqual(laneTop(sector));
      expect(laneY(sector) + STEP_NODE_HEIGHT).toBeLessThanOrEqual(laneTop(sector) + LANE_HEIGHT);
      expect(sectorAtY(laneY(sector) + STEP_NODE_HEIGHT / 2)).toBe(sector);
      expect(sectorAtY(laneTop(sector))).toBe(sector);
      expect(sectorAtY(laneTop(sector) + LANE_HEIGHT - 0.5)).toBe(sector);
    });
  });

  it('puts points above the first lane and below the last into those lanes', () => {
    expect(sectorAtY(-500)).toBe(SECTORS[0]);
    expect(sectorAtY(SECTORS.length * LANE_HEIGHT + 999)).toBe(SECTORS[SECTORS.length - 1]);
    expect(sectorAtY(Number.NaN)).toBe(SECTORS[0]);
  });
});

function expectLaneLayout(doc: Pathway, positions: Record<string, { x: number; y: number }>) {
  expect(Object.keys(positions).sort()).toEqual(doc.steps.map((s) => s.id).sort());
  for (const s of doc.steps) expect(positions[s.id]?.y).toBe(laneY(s.sector));
  for (const sector of SECTORS) {
    const xs = doc.steps.filter((s) => s.sector === sector).map((s) => positions[s.id]!.x).sort((a, b) => a - b);
    for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(STEP_NODE_WIDTH);
  }
}

describe('autoLayout', () => {
  it('gives every step its lane’s y, x left to right along the routes, and no overlap in a lane', async () => {
    const doc = generatePathway({ steps: 40, seed: 11 });
    const positions = await autoLayout(doc);
    expectLaneLayout(doc, positions);
    for (const e of forwardEdges(doc)) expect(positions[e.from]!.x).toBeLessThan(positions[e.to]!.x);
    const entry = doc.steps.find((s) => s.kind === 'entry')!;
    expect(positions[entry.id]!.x).toBe(Math.min(...Object.values(positions).map((p) => p.x)));
  });

  it('starts at the entry even when a loop points back at the start of the pathway', async () => {
    let doc = generatePathway({ steps: 6, seed: 2, probabilities: false });
    doc = connect(doc, 's5', 's2').doc;
    doc = connect(doc, 's4', 's4').doc;
    const positions = await autoLayout(doc);
    expectLaneLayout(doc, positions);
    for (let i = 1; i < 6; i++) expect(positions[`s${i}`]!.x).toBeLessThan(positions[`s${i + 1}`]!.x);
    // The loops are not forward edges.
    expect(forwardEdges(doc).some((e) => e.from === 's5' && e.to === 's2')).toBe(false);
    expect(forwardEdges(doc).some((e) => e.from === 's4' && e.to === 's4')).toBe(false);
  });

  it('is deterministic and its result applies as a valid layout', async () => {
    const doc = generatePathway({ steps: 25, seed: 4 });
    const a = await autoLayout(doc);
    const b = await autoLayout(structuredClone(doc));
    expect(a).toEqual(b);
    const laid = setLayout(doc, a);
    expect(parsePathway(laid).ok).toBe(true);
    expect(stepsWithoutPosition(doc)).toHaveLength(25);
    expect(stepsWithoutPosition(laid)).toHaveLength(0);
  });

  it('lays out an empty pathway as nothing', async () => {
    const doc = generatePathway({ steps: 2, seed: 1 });
    expect(await autoLayout({ ...doc, steps: [], transitions: [] })).toEqual({});
  });
});
