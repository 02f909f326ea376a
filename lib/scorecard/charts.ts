// Geometry for the scorecard's inline SVG charts. No chart library: the charts are small, and
// keeping the maths here makes it testable without a browser.

export interface Point {
  x: number;
  y: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The angle of axis i of n, starting straight up and going clockwise (radians). */
export function radarAngle(i: number, n: number): number {
  return -Math.PI / 2 + (2 * Math.PI * i) / n;
}

/** Where value (0..1, clamped) on axis i of n falls, for a radar centred at (cx, cy) with radius r. */
export function radarPoint(i: number, n: number, value: number, cx: number, cy: number, r: number): Point {
  const v = Math.min(1, Math.max(0, value));
  const a = radarAngle(i, n);
  return { x: round2(cx + Math.cos(a) * r * v), y: round2(cy + Math.sin(a) * r * v) };
}

/**
 * The polygon of a radar's values. An axis whose value is null (needs judgement) is left out, so
 * the shape joins its neighbours instead of dropping to zero, which would read as "not met".
 */
export function radarPolygon(values: readonly (number | null)[], cx: number, cy: number, r: number): Point[] {
  const n = values.length;
  const out: Point[] = [];
  values.forEach((v, i) => {
    if (v !== null) out.push(radarPoint(i, n, v, cx, cy, r));
  });
  return out;
}

export function pointsAttr(points: readonly Point[]): string {
  return points.map((p) => `${p.x},${p.y}`).join(' ');
}

/**
 * Positions of a series of percentages (0..100; null leaves a gap) along x by index, in a box of
 * width × height with the given padding. Returns runs of points: a null splits the line.
 */
export function lineRuns(
  values: readonly (number | null)[],
  box: { width: number; height: number; left: number; right: number; top: number; bottom: number },
): Point[][] {
  const n = values.length;
  const innerW = box.width - box.left - box.right;
  const innerH = box.height - box.top - box.bottom;
  const x = (i: number) => round2(box.left + (n <= 1 ? innerW / 2 : (innerW * i) / (n - 1)));
  const y = (v: number) => round2(box.top + innerH * (1 - Math.min(100, Math.max(0, v)) / 100));
  const runs: Point[][] = [];
  let run: Point[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push({ x: x(i), y: y(v) });
  });
  if (run.length) runs.push(run);
  return runs;
}

export function pathD(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y}`).join(' ');
}

/** Bar length for value out of max, in a track of the given length (never negative, never over). */
export function barLength(value: number | null, max: number, track: number): number {
  if (value === null || !(max > 0)) return 0;
  return round2((Math.min(Math.max(0, value), max) / max) * track);
}
