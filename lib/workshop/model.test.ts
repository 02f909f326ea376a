import { describe, expect, it } from 'vitest';
import {
  applyTimerCommand,
  checkAddDot,
  describeAgreement,
  formatClock,
  summariseRatings,
  tallyVotes,
  timerFormMinutes,
  timerView,
  type TimerState,
} from './model';

const t0 = new Date('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const idle: TimerState = { label: '', durationMs: 0, endsAt: null, remainingMs: null };

function step(t: TimerState, cmd: Parameters<typeof applyTimerCommand>[1], now: Date): TimerState {
  const r = applyTimerCommand(t, cmd, now);
  if (!r.ok) throw new Error(r.message);
  return r.timer;
}

describe('agenda timer', () => {
  it('counts down from start, pauses keeping what is left, and resumes from there', () => {
    let t = step(idle, { op: 'set', label: 'Map discharge', minutes: 10 }, t0);
    expect(timerView(t, t0)).toMatchObject({ status: 'idle', remainingMs: 600_000, label: 'Map discharge' });
    t = step(t, { op: 'start' }, t0);
    expect(timerView(t, at(60_000))).toMatchObject({ status: 'running', remainingMs: 540_000 });
    t = step(t, { op: 'pause' }, at(120_000));
    expect(timerView(t, at(500_000))).toMatchObject({ status: 'paused', remainingMs: 480_000, endsAt: null });
    t = step(t, { op: 'start' }, at(500_000));
    expect(timerView(t, at(500_000 + 480_000))).toMatchObject({ status: 'finished', remainingMs: 0 });
    expect(timerView(t, at(500_000 + 479_000)).status).toBe('running');
  });

  it('adds a minute while running, after finishing and while paused', () => {
    let t = step(step(idle, { op: 'set', label: '', minutes: 1 }, t0), { op: 'start' }, t0);
    t = step(t, { op: 'addMinute' }, at(30_000));
    expect(timerView(t, at(30_000)).remainingMs).toBe(90_000);
    const finished = step(t, { op: 'addMinute' }, at(10 * 60_000));
    expect(timerView(finished, at(10 * 60_000)).remainingMs).toBe(60_000);
    const paused = step(step(t, { op: 'pause' }, at(30_000)), { op: 'addMinute' }, at(40_000));
    expect(timerView(paused, at(40_000))).toMatchObject({ status: 'paused', remainingMs: 150_000 });
  });

  it('refuses a length outside 1 minute to 4 hours, naming the value', () => {
    for (const minutes of [0, 0.5, 241, Number.NaN]) {
      const r = applyTimerCommand(idle, { op: 'set', label: 'x', minutes }, t0);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.field).toBe('minutes');
        expect(r.message).toContain(String(minutes));
      }
    }
    expect(applyTimerCommand(idle, { op: 'start' }, t0).ok).toBe(false);
    expect(applyTimerCommand(idle, { op: 'set', label: 'x'.repeat(121), minutes: 5 }, t0)).toMatchObject({ ok: false, field: 'label' });
  });

  it('renaming the agenda item of a running or paused timer keeps its clock; a new length stops it at the start', () => {
    const running = step(step(idle, { op: 'set', label: 'Map dischrage', minutes: 10 }, t0), { op: 'start' }, t0);
    const renamed = step(running, { op: 'set', label: '  Map discharge ', minutes: 10 }, at(60_000));
    expect(renamed).toEqual({ ...running, label: 'Map discharge' });
    expect(timerView(renamed, at(60_000))).toMatchObject({ status: 'running', remainingMs: 540_000, label: 'Map discharge' });

    const paused = step(running, { op: 'pause' }, at(120_000));
    expect(timerView(step(paused, { op: 'set', label: 'Next', minutes: 10 }, at(200_000)), at(200_000))).toMatchObject({ status: 'paused', remainingMs: 480_000, label: 'Next' });

    const longer = step(running, { op: 'set', label: 'Map discharge', minutes: 15 }, at(60_000));
    expect(timerView(longer, at(60_000))).toMatchObject({ status: 'idle', remainingMs: 900_000, durationMs: 900_000, label: 'Map discharge' });
  });

  it('reset stops it at the full length', () => {
    const t = step(step(step(idle, { op: 'set', label: '', minutes: 5 }, t0), { op: 'start' }, t0), { op: 'reset' }, at(1000));
    expect(timerView(t, at(2000))).toMatchObject({ status: 'idle', remainingMs: 300_000 });
  });

  it('starts the form at 10 minutes with no timer set, else at the timer’s length in whole minutes', () => {
    expect(timerFormMinutes(0)).toBe(10);
    expect(timerFormMinutes(5 * 60_000)).toBe(5);
    expect(timerFormMinutes(20_000)).toBe(1);
    expect(timerFormMinutes(90 * 60_000 + 20_000)).toBe(90);
  });

  it('formats the clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(61_000)).toBe('1:01');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(3_723_000)).toBe('1:02:03');
  });
});

describe('dot vote', () => {
  const votes = [
    { userId: 'a', stepId: 's1', dots: 2 },
    { userId: 'b', stepId: 's1', dots: 1 },
    { userId: 'b', stepId: 's2', dots: 2 },
    { userId: 'c', stepId: 'gone', dots: 3 },
    { userId: 'c', stepId: 's3', dots: 1 },
  ];
  it('tallies dots per step, most first, ignoring steps no longer in the pathway', () => {
    expect(tallyVotes(votes, new Set(['s1', 's2', 's3']))).toEqual([
      { stepId: 's1', dots: 3, voters: 2 },
      { stepId: 's2', dots: 2, voters: 1 },
      { stepId: 's3', dots: 1, voters: 1 },
    ]);
    // Without the step list every step counts; equal dots: more voters first.
    expect(tallyVotes(votes).map((t) => t.stepId)).toEqual(['s1', 'gone', 's2', 's3']);
  });
  it('stops a person at their number of dots', () => {
    expect(checkAddDot(votes, 'a', 3).ok).toBe(true);
    const r = checkAddDot(votes, 'b', 3);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('all 3 of your dots');
    expect(checkAddDot(votes, 'new', 1).ok).toBe(true);
  });
});

describe('ratings spread and agreement', () => {
  it('reports no ratings', () => {
    expect(summariseRatings([])).toMatchObject({ count: 0, agreement: 'none', majority: null, median: null });
  });
  it('finds agreement', () => {
    const s = summariseRatings(['partly', 'partly', 'partly']);
    expect(s).toMatchObject({ spread: 0, agreement: 'agreed', majority: 'partly', median: 'partly' });
    expect(describeAgreement(s)).toContain('all 3 said “Partly met”');
  });
  it('finds close ratings', () => {
    const s = summariseRatings(['met', 'partly', 'met']);
    expect(s).toMatchObject({ spread: 1, agreement: 'close', majority: 'met', median: 'met', counts: { met: 2, partly: 1, not_met: 0 } });
  });
  it('flags wide disagreement with no majority', () => {
    const s = summariseRatings(['met', 'not_met', 'partly', 'not_met']);
    expect(s).toMatchObject({ spread: 2, agreement: 'wide', majority: null, median: 'not_met' });
    expect(describeAgreement(s)).toContain('2 not met');
    expect(describeAgreement(s)).toContain('1 met');
  });
});
