'use client';
// Keep something that lives outside the shared document (comments, the workshop) current in a live
// room: read it at once, again when the room says it changed (lib/collab/notify.ts), and every
// `everyMs` in case a notice was missed (a reconnect, another server without Redis).
import { useEffect } from 'react';
import type { CollaborativeSession } from '@/lib/collab/client';
import type { RoomTopic } from '@/lib/collab/notify';

export function useRoomRefresh(options: { enabled: boolean; session: CollaborativeSession | null; topic: RoomTopic; refresh: () => Promise<void>; everyMs: number }): void {
  const { enabled, session, topic, refresh, everyMs } = options;
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    const tick = () => {
      if (!stopped) void refresh();
    };
    const first = window.setTimeout(tick, 0);
    const timer = window.setInterval(tick, everyMs);
    const unsubscribe = session?.onRoomChanged((changed) => {
      if (changed === topic) tick();
    });
    return () => {
      stopped = true;
      window.clearTimeout(first);
      window.clearInterval(timer);
      unsubscribe?.();
    };
  }, [enabled, session, topic, refresh, everyMs]);
}
