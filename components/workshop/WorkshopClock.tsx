'use client';
// The shared agenda timer, as everyone in the workshop sees it (issue 5). It counts down on each
// browser from the end time the server gave, corrected for the browser's clock. Screen readers are
// told when it starts, at one minute left and when time is up, not every second, and once: the
// clock shows in the workshop bar and again in the Workshop panel, and only the bar's speaks
// (`announce`); the panel's says the same when read, but is not a live region.
import { useEffect, useState } from 'react';
import { formatClock, type TimerView } from '@/lib/workshop/model';

export function remainingNow(timer: TimerView, clockOffsetMs: number, now = Date.now()): number {
  if (timer.status !== 'running' || !timer.endsAt) return timer.remainingMs;
  return Math.max(0, new Date(timer.endsAt).getTime() - (now + clockOffsetMs));
}

export function WorkshopClock({ timer, clockOffsetMs, announce = true }: { timer: TimerView; clockOffsetMs: number; announce?: boolean }) {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (timer.status !== 'running') return;
    const id = window.setInterval(() => setTick((n) => n + 1), 500);
    return () => window.clearInterval(id);
  }, [timer.status, timer.endsAt]);
  if (timer.status === 'idle' && timer.durationMs === 0) return null;
  const left = remainingNow(timer, clockOffsetMs);
  const over = timer.status === 'finished' || (timer.status === 'running' && left === 0);
  const state = over ? 'Time is up' : timer.status === 'paused' ? 'Paused' : timer.status === 'idle' ? 'Not started' : left <= 60_000 ? 'Less than a minute left' : 'Running';
  return (
    <div
      className={`inline-flex items-center gap-2 rounded border-2 px-2 py-0.5 text-sm ${over ? 'border-[#d5281b] bg-[#fbe9e7]' : 'border-[#005eb8] bg-white'}`}
      data-testid="workshop-clock"
    >
      <span className="font-bold">{timer.label || 'Agenda timer'}</span>
      <span role="timer" aria-live="off" className="font-mono text-base font-bold" data-testid="workshop-clock-time">
        {formatClock(left)}
      </span>
      <span className="sr-only" {...(announce ? { role: 'status', 'aria-live': 'polite' as const } : {})} data-testid="workshop-clock-state">
        {`${timer.label || 'Agenda timer'}: ${state}`}
      </span>
      <span aria-hidden="true">{state}</span>
    </div>
  );
}
