// Workshop mode (issue 5), the parts that are plain rules: the shared agenda timer, the dot vote
// ("where does it hurt?") and the room's ratings of a criterion. Pure: no React, no database.
//
// Ratings follow SCIROCCO's individual-then-consensus method: each person first rates on their
// own, unseen by others; the facilitator reveals them all at once; the room looks at how far apart
// the ratings are, talks about why, and records one consensus rating with its reason.

export const RATING_VALUES = ['met', 'partly', 'not_met'] as const;
export type RatingValue = (typeof RATING_VALUES)[number];

export const RATING_WORDS: Readonly<Record<RatingValue, string>> = { met: 'Met', partly: 'Partly met', not_met: 'Not met' };

/** Position on the scale, for the spread: not met 0, partly 1, met 2. */
const RANK: Readonly<Record<RatingValue, number>> = { not_met: 0, partly: 1, met: 2 };

export const TIMER_MAX_MS = 4 * 60 * 60 * 1000; // a workshop is up to four hours
export const TIMER_LABEL_MAX = 120;
export const DOTS_MIN = 1;
export const DOTS_MAX = 10;
export const RATING_REASON_MAX = 2000;

// ---- timer ----

export interface TimerState {
  label: string;
  durationMs: number;
  /** Running: when it ends. */
  endsAt: Date | null;
  /** Paused: what was left. */
  remainingMs: number | null;
}

export type TimerStatus = 'idle' | 'running' | 'paused' | 'finished';

export interface TimerView {
  label: string;
  durationMs: number;
  status: TimerStatus;
  /** Milliseconds left at `now` (0 when finished; the whole duration when idle). */
  remainingMs: number;
  /** ISO time it ends, when running: clients count down from this on their own clocks. */
  endsAt: string | null;
}

export function timerView(t: TimerState, now: Date): TimerView {
  const base = { label: t.label, durationMs: t.durationMs };
  if (t.endsAt) {
    const left = t.endsAt.getTime() - now.getTime();
    return left > 0
      ? { ...base, status: 'running', remainingMs: left, endsAt: t.endsAt.toISOString() }
      : { ...base, status: 'finished', remainingMs: 0, endsAt: t.endsAt.toISOString() };
  }
  if (t.remainingMs !== null) return { ...base, status: 'paused', remainingMs: Math.max(0, t.remainingMs), endsAt: null };
  return { ...base, status: 'idle', remainingMs: t.durationMs, endsAt: null };
}

export type TimerCommand =
  | { op: 'set'; label: string; minutes: number }
  | { op: 'start' }
  | { op: 'pause' }
  | { op: 'reset' }
  | { op: 'addMinute' };

/** The next timer state after a facilitator's command, or a sentence saying why it cannot be done. */
export function applyTimerCommand(t: TimerState, cmd: TimerCommand, now: Date): { ok: true; timer: TimerState } | { ok: false; field: string; message: string } {
  const view = timerView(t, now);
  switch (cmd.op) {
    case 'set': {
      const label = cmd.label.trim();
      if (label.length > TIMER_LABEL_MAX) return { ok: false, field: 'label', message: `Keep the agenda item under ${TIMER_LABEL_MAX} characters (it has ${label.length}).` };
      const ms = Math.round(cmd.minutes * 60_000);
      if (!Number.isFinite(cmd.minutes) || ms < 60_000 || ms > TIMER_MAX_MS) {
        return { ok: false, field: 'minutes', message: `The timer can be from 1 to ${TIMER_MAX_MS / 60_000} minutes; ${String(cmd.minutes)} is not allowed.` };
      }
      // Only the agenda item renamed: the clock carries on as it was (running, paused or finished).
      if (ms === t.durationMs) return { ok: true, timer: { ...t, label } };
      // A new length: the timer stops, back at the start, ready to be started.
      return { ok: true, timer: { label, durationMs: ms, endsAt: null, remainingMs: null } };
    }
    case 'start':
      if (t.durationMs <= 0) return { ok: false, field: 'minutes', message: 'Set how long the timer runs before starting it.' };
      if (view.status === 'running') return { ok: true, timer: t };
      {
        const left = view.status === 'paused' ? view.remainingMs : t.durationMs;
        return { ok: true, timer: { ...t, endsAt: new Date(now.getTime() + left), remainingMs: null } };
      }
    case 'pause':
      if (view.status !== 'running') return { ok: true, timer: t };
      return { ok: true, timer: { ...t, endsAt: null, remainingMs: view.remainingMs } };
    case 'reset':
      return { ok: true, timer: { ...t, endsAt: null, remainingMs: null } };
    case 'addMinute':
      if (view.status === 'running') {
        const endsAt = new Date(Math.min((t.endsAt as Date).getTime() + 60_000, now.getTime() + TIMER_MAX_MS));
        return { ok: true, timer: { ...t, endsAt } };
      }
      if (view.status === 'finished') return { ok: true, timer: { ...t, endsAt: new Date(now.getTime() + 60_000), remainingMs: null } };
      if (view.status === 'paused') return { ok: true, timer: { ...t, remainingMs: Math.min(view.remainingMs + 60_000, TIMER_MAX_MS) } };
      return { ok: true, timer: { ...t, durationMs: Math.min(t.durationMs + 60_000, TIMER_MAX_MS) } };
  }
}

export const TIMER_DEFAULT_MINUTES = 10;

/** The minutes the timer form starts with: the timer's length in whole minutes (at least 1), or 10 with no timer set. */
export function timerFormMinutes(durationMs: number): number {
  return durationMs > 0 ? Math.max(1, Math.round(durationMs / 60_000)) : TIMER_DEFAULT_MINUTES;
}

/** "4:05" or "1:02:03". */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
}

// ---- dot vote ----

export interface Vote {
  userId: string;
  stepId: string;
  dots: number;
}

export interface StepTally {
  stepId: string;
  dots: number;
  voters: number;
}

/** Dots per step, most first, counting only steps still in the pathway (a deleted step's dots drop out). */
export function tallyVotes(votes: readonly Vote[], stepIds: ReadonlySet<string> | null = null): StepTally[] {
  const by = new Map<string, StepTally>();
  for (const v of votes) {
    if (v.dots <= 0 || (stepIds && !stepIds.has(v.stepId))) continue;
    const t = by.get(v.stepId) ?? { stepId: v.stepId, dots: 0, voters: 0 };
    t.dots += v.dots;
    t.voters += 1;
    by.set(v.stepId, t);
  }
  return [...by.values()].sort((a, b) => b.dots - a.dots || b.voters - a.voters || a.stepId.localeCompare(b.stepId));
}

export function dotsUsed(votes: readonly Vote[], userId: string): number {
  let n = 0;
  for (const v of votes) if (v.userId === userId) n += v.dots;
  return n;
}

/** Whether one more dot may go on a step, and if not, the sentence to show. */
export function checkAddDot(votes: readonly Vote[], userId: string, dotsPerPerson: number): { ok: true } | { ok: false; message: string } {
  const used = dotsUsed(votes, userId);
  if (used >= dotsPerPerson) {
    return { ok: false, message: `You have placed all ${dotsPerPerson} of your dots. Take one back from a step to place it elsewhere.` };
  }
  return { ok: true };
}

// ---- ratings ----

export interface RatingSummary {
  count: number;
  counts: Record<RatingValue, number>;
  /** Distance on the scale between the lowest and highest rating: 0 all agree, 1 neighbours, 2 from not met to met. */
  spread: number;
  /** 'agreed': everyone gave the same rating; 'close': ratings are one step apart; 'wide': some say met and some not met. */
  agreement: 'none' | 'agreed' | 'close' | 'wide';
  /** The rating more than half gave, if any. */
  majority: RatingValue | null;
  /** The middle rating (the lower middle for an even count): a place to start the discussion. */
  median: RatingValue | null;
}

export function summariseRatings(values: readonly RatingValue[]): RatingSummary {
  const counts: Record<RatingValue, number> = { met: 0, partly: 0, not_met: 0 };
  for (const v of values) counts[v]++;
  const count = values.length;
  if (count === 0) return { count, counts, spread: 0, agreement: 'none', majority: null, median: null };
  const ranks = values.map((v) => RANK[v]).sort((a, b) => a - b);
  const spread = (ranks[ranks.length - 1] as number) - (ranks[0] as number);
  const majority = RATING_VALUES.find((v) => counts[v] * 2 > count) ?? null;
  const medianRank = ranks[Math.floor((count - 1) / 2)] as number;
  const median = RATING_VALUES.find((v) => RANK[v] === medianRank) ?? null;
  return { count, counts, spread, agreement: spread === 0 ? 'agreed' : spread === 1 ? 'close' : 'wide', majority, median };
}

/** One sentence for the room about the spread, in plain words. */
export function describeAgreement(s: RatingSummary): string {
  switch (s.agreement) {
    case 'none':
      return 'No one has rated yet.';
    case 'agreed':
      return `Everyone agrees: all ${s.count} said “${RATING_WORDS[s.median as RatingValue]}”.`;
    case 'close':
      return `The ratings are close but not the same (${summaryCounts(s)}). Ask why before agreeing.`;
    case 'wide':
      return `The room disagrees: some said “Met” and some “Not met” (${summaryCounts(s)}). Hear from both before agreeing.`;
  }
}

function summaryCounts(s: RatingSummary): string {
  return RATING_VALUES.filter((v) => s.counts[v] > 0)
    .map((v) => `${s.counts[v]} ${RATING_WORDS[v].toLowerCase()}`)
    .join(', ');
}
