import { describe, expect, it } from 'vitest';
import { barLength, lineRuns, pathD, pointsAttr, radarPoint, radarPolygon } from './charts';

describe('radar geometry', () => {
  it('starts at the top and goes clockwise', () => {
    expect(radarPoint(0, 4, 1, 100, 100, 50)).toEqual({ x: 100, y: 50 });
    expect(radarPoint(1, 4, 1, 100, 100, 50)).toEqual({ x: 150, y: 100 });
    expect(radarPoint(2, 4, 0.5, 100, 100, 50)).toEqual({ x: 100, y: 125 });
  });

  it('clamps values to 0..1', () => {
    expect(radarPoint(0, 4, 3, 100, 100, 50)).toEqual({ x: 100, y: 50 });
    expect(radarPoint(0, 4, -1, 100, 100, 50)).toEqual({ x: 100, y: 100 });
  });

  it('leaves out an axis that needs judgement instead of drawing it as zero', () => {
    const points = radarPolygon([1, null, 1, 1], 100, 100, 50);
    expect(points).toHaveLength(3);
    expect(points).not.toContainEqual({ x: 100, y: 100 });
    expect(pointsAttr(points)).toBe('100,50 100,150 50,100');
  });
});

describe('line charts', () => {
  const box = { width: 120, height: 110, left: 10, right: 10, top: 5, bottom: 5 };
  it('spreads versions across the width and maps 0..100% to the height', () => {
    const [run] = lineRuns([0, 50, 100], box);
    expect(run).toEqual([
      { x: 10, y: 105 },
      { x: 60, y: 55 },
      { x: 110, y: 5 },
    ]);
    expect(pathD(run!)).toBe('M10 105 L60 55 L110 5');
  });

  it('breaks the line where a version was not scored, and centres a single version', () => {
    expect(lineRuns([40, null, 60, 70], box).map((r) => r.length)).toEqual([1, 2]);
    expect(lineRuns([50], box)).toEqual([[{ x: 60, y: 55 }]]);
  });
});

describe('bars', () => {
  it('scales to the largest value and never runs past the track or below zero', () => {
    expect(barLength(7, 14, 100)).toBe(50);
    expect(barLength(20, 14, 100)).toBe(100);
    expect(barLength(-3, 14, 100)).toBe(0);
    expect(barLength(null, 14, 100)).toBe(0);
    expect(barLength(5, 0, 100)).toBe(0);
  });
});
