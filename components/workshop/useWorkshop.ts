'use client';
// The workshop as this person sees it (issue 5 "Workshop mode"), from GET /api/pathways/:id/workshop,
// read again when the live room says it changed (lib/collab/notify.ts), after each of one's own
// commands, and every half minute in case a notice was missed. Commands go to the same route, each
// with its own id and sent again if the connection drops, so it is carried out once
// (lib/workshop/send-command.ts); the answer is a sentence naming the field when something is not allowed.
import { useCallback, useRef, useState } from 'react';
import type { CollaborativeSession } from '@/lib/collab/client';
import type { WorkshopView } from '@/lib/server/workshop';
import { LatestRead } from '@/lib/workshop/latest-read';
import { NO_ANSWER_MESSAGE, sendCommand } from '@/lib/workshop/send-command';
import { useRoomRefresh } from './useRoomRefresh';

const REFRESH_MS = 30_000;

export type WorkshopCommand =
  | { op: 'timer.set'; label: string; minutes: number }
  | { op: 'timer.start' | 'timer.pause' | 'timer.reset' | 'timer.addMinute' }
  | { op: 'vote.add' | 'vote.remove'; stepId: string }
  | { op: 'vote.new'; dotsPerPerson: number }
  | { op: 'round.open'; criterionId: string }
  | { op: 'round.rate'; criterionId: string; versionId: string; value: string; reason: string }
  | { op: 'round.consensus'; value: string; reason: string }
  | { op: 'round.reveal' | 'round.close' };

export type CommandOutcome = { ok: true } | { ok: false; message: string; errors: { path: string; message: string }[] };

export interface WorkshopHandle {
  workshop: WorkshopView | null;
  /** Server clock minus this browser's clock, for the countdown. */
  clockOffsetMs: number;
  error: string | null;
  send: (command: WorkshopCommand) => Promise<CommandOutcome>;
}

export function useWorkshop(pathwayId: string, enabled: boolean, session: CollaborativeSession | null): WorkshopHandle {
  const [workshop, setWorkshop] = useState<WorkshopView | null>(null);
  const [clockOffsetMs, setOffset] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const url = `/api/pathways/${encodeURIComponent(pathwayId)}/workshop`;
  const reads = useRef(new LatestRead());

  // What the panel shows only moves forward: an answer older than the one on screen is not shown
  // (lib/workshop/latest-read.ts).
  const refresh = useCallback((): Promise<void> => {
    const read = reads.current.begin();
    return (async () => {
      try {
        const sent = Date.now();
        const res = await fetch(url, { cache: 'no-store' });
        if (!read.isNewerThanShown()) return; // a newer answer is already on screen
        if (!res.ok) {
          if (read.isLatest())
            setError(
              res.status === 401
                ? 'Your session has ended. Sign in again to carry on.'
                : 'The workshop could not be loaded.',
            );
          return;
        }
        const view = (await res.json()) as WorkshopView;
        if (!read.isNewerThanShown()) return;
        const received = Date.now();
        setOffset(new Date(view.serverNow).getTime() - (sent + received) / 2);
        setWorkshop(view);
        setError(null);
        read.shown();
      } catch {
        if (read.isLatest()) setError('Offline: the workshop will catch up when the connection is back.');
      }
    })();
  }, [url]);

  useRoomRefresh({ enabled, session, topic: 'workshop', refresh, everyMs: REFRESH_MS });

  const send = useCallback(
    async (command: WorkshopCommand): Promise<CommandOutcome> => {
      const post = (body: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const sent = await sendCommand(post, command);
      // Carried out (or refused): the command is done, and the panel may take the next one. The
      // workshop is read again to show the change, without holding the panel: a room notice's read
      // often shows it first, and a panel still "sending" then refused the press that followed.
      void refresh();
      if (sent.kind === 'no-answer') return { ok: false, message: NO_ANSWER_MESSAGE, errors: [] };
      if (sent.status >= 200 && sent.status < 300) return { ok: true };
      const body = sent.body as { error?: string; errors?: { path: string; message: string }[] };
      return {
        ok: false,
        message: body.error ?? 'That did not work. Try again in a moment.',
        errors: body.errors ?? [],
      };
    },
    [url, refresh],
  );

  return { workshop, clockOffsetMs, error, send };
}
