// The scoring run's working memory: views are zeroed, memory is reused from run to run, and a
// run never sees another run's numbers.
import { describe, expect, it } from 'vitest';
import { build, link, step } from '../../tests/fixtures/pathways/build';
import { generatePathway } from '../pathway/generate';
import { Arena, releaseArena, takeArena } from './arena';
import { PathwayContext } from './context';
import { scorePathway } from './score';

describe('Arena', () => {
  it('hands out zeroed views that do not overlap', () => {
    const arena = new Arena(64);
    const a = arena.u8(3);
    const b = arena.i32(5);
    const c = arena.f64(2);
    a.fill(255);
    b.fill(-1);
    c.fill(1.5);
    expect(Array.from(a)).toEqual([255, 255, 255]);
    expect(Array.from(b)).toEqual([-1, -1, -1, -1, -1]);
    expect(Array.from(c)).toEqual([1.5, 1.5]);
    // Each view starts on an 8-byte boundary, after the one before.
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + 3);
    expect(b.byteOffset % 8).toBe(0);
    expect(c.byteOffset).toBeGreaterThanOrEqual(b.byteOffset + 20);
  });

  it('reuses its memory after a reset, zeroed again', () => {
    const arena = new Arena(1024);
    const first = arena.u16(100);
    first.fill(7);
    arena.reset();
    const again = arena.u16(100);
    expect(again.buffer).toBe(first.buffer);
    expect(again.byteOffset).toBe(first.byteOffset);
    expect(Array.from(again).every((x) => x === 0)).toBe(true);
  });

  it('hands out uncleared scratch views of the right length, even when they need a new buffer', () => {
    const arena = new Arena(64);
    const small = arena.u8(8);
    small.fill(9);
    // Each is bigger than the buffer left: the view must come from the new buffer.
    const bytes = arena.u8Scratch(1000);
    const halves = arena.u16Scratch(700);
    const words = arena.i32Scratch(600);
    expect([bytes.length, halves.length, words.length]).toEqual([1000, 700, 600]);
    bytes.fill(1);
    halves.fill(2);
    words.fill(3);
    // Writing one view leaves the others alone.
    expect(Array.from(small).every((x) => x === 9)).toBe(true);
    expect(bytes.every((x) => x === 1)).toBe(true);
    expect(halves.every((x) => x === 2)).toBe(true);
    // A scratch view after a reset is not cleared: it shows what the last run left there.
    const reused = new Arena(1024);
    reused.u8Scratch(16).fill(5);
    reused.reset();
    expect(Array.from(reused.u8Scratch(16))).toEqual(new Array(16).fill(5));
  });

  it('grows when a run needs more, and the next run gets one buffer big enough', () => {
    const arena = new Arena(64);
    const small = arena.u8(40);
    const big = arena.i32(100); // 400 bytes: more than the first buffer holds
    small.fill(1);
    big.fill(2);
    expect(big.length).toBe(100);
    expect(Array.from(small).every((x) => x === 1)).toBe(true); // the earlier view is untouched
    arena.reset();
    const a = arena.u8(40);
    const b = arena.i32(100);
    expect(b.buffer).toBe(a.buffer);
    arena.reset();
    expect(arena.u8(40).buffer).toBe(a.buffer);
  });

  it('copies the first values of an Int32Array', () => {
    const arena = new Arena();
    const copy = arena.copyI32(Int32Array.from([4, 5, 6, 7]), 3);
    expect(Array.from(copy)).toEqual([4, 5, 6]);
  });

  it('does not keep a very large arena between runs', () => {
    const huge = takeArena();
    huge.u8(9 * 1024 * 1024);
    releaseArena(huge);
    expect(takeArena()).not.toBe(huge);
    const normal = takeArena();
    normal.u8(1024);
    releaseArena(normal);
    expect(takeArena()).toBe(normal);
  });

  it('gives a second run its own arena while the first is still in use', () => {
    const outer = takeArena();
    const inner = takeArena();
    expect(inner).not.toBe(outer);
    releaseArena(inner);
    releaseArena(outer);
    expect(takeArena()).toBe(outer);
  });
});

describe('scoring with reused memory', () => {
  it('gives each pathway the same result whatever was scored before it', () => {
    const a = generatePathway({ steps: 300, seed: 4 });
    const b = generatePathway({ steps: 40, seed: 9, backEdgeShare: 0.5 });
    const first = JSON.stringify(scorePathway(a, undefined, { today: '2026-01-01' }));
    const other = JSON.stringify(scorePathway(b, undefined, { today: '2026-01-01' }));
    expect(JSON.stringify(scorePathway(a, undefined, { today: '2026-01-01' }))).toBe(first);
    expect(JSON.stringify(scorePathway(b, undefined, { today: '2026-01-01' }))).toBe(other);
    // And the same as with memory of its own (a context built without the shared arena).
    const alone = new PathwayContext(a);
    expect(alone.duplicateAssessments().length).toBe(scorePathway(a).journey.repeatedAssessments);
  });
});

describe('finding steps by id', () => {
  it('finds every step, the first of a repeated id, and nothing for an unknown id', () => {
    const p = generatePathway({ steps: 500, seed: 2 });
    const ctx = new PathwayContext(p);
    p.steps.forEach((s, i) => expect(ctx.indexOf(s.id)).toBe(i));
    expect(ctx.indexOf('no-such-step')).toBe(-1);
    expect(ctx.indexOf('')).toBe(-1);
    // An unvalidated pathway with a repeated id: the first step keeps it.
    const twice = build([step('a', 'entry'), step('b', 'review'), step('z', 'exit')], [link('a', 'b'), link('b', 'z')]);
    const steps = [...twice.steps, { ...(twice.steps[1] as (typeof twice.steps)[number]) }];
    const repeated = new PathwayContext({ ...twice, steps });
    expect(repeated.indexOf('b')).toBe(1);
    expect(repeated.n).toBe(4);
  });
});
