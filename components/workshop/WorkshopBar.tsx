'use client';
// The live workshop's strip above the editor (issue 5): connection status in words, everyone's
// avatar with their role, and the "who is in the room" panel with what each person has selected.
import { memo, useState } from 'react';
import { CollabStatus } from '@/components/collab/CollabStatus';
import { PresenceAvatar, RoomPanel } from '@/components/collab/RoomPanel';
import type { CollaborativeSession } from '@/lib/collab/client';
import type { Peer } from '@/lib/collab/presence';
import type { TimerView } from '@/lib/workshop/model';
import { OfflineNotice } from './OfflineNotice';
import { WorkshopClock } from './WorkshopClock';
import { usePeers, type LiveSnapshot } from './useLiveSession';

function people(peers: readonly Peer[]): Peer[] {
  const byUser = new Map<string, Peer>();
  for (const p of peers) {
    const seen = byUser.get(p.user.id);
    if (!seen || (p.self && !seen.self)) byUser.set(p.user.id, p);
  }
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.user.name.localeCompare(b.user.name));
}

export const WorkshopBar = memo(function WorkshopBar({
  snapshot,
  session,
  fallback,
  slow = false,
  names,
  timer,
  clockOffsetMs,
}: {
  snapshot: LiveSnapshot | null;
  /** The live session, for who is here (followed here, not by the whole editor: see useLiveSession). */
  session: CollaborativeSession | null;
  /** The live pathway could not be reached: the editor works on its own copy. */
  fallback: boolean;
  /** Still connecting after a while: say so, and that the editor keeps trying. */
  slow?: boolean;
  /** Step and transition names by id, to say what people have selected. */
  names: ReadonlyMap<string, string>;
  /** The facilitator's agenda timer, shown to everyone; null before the workshop loads. */
  timer: TimerView | null;
  clockOffsetMs: number;
}) {
  const [open, setOpen] = useState(true);
  const peers = usePeers(session);
  const selecting = peers.filter((p) => !p.self && p.selection);
  return (
    <section className="pw-workshop mb-2 rounded border border-slate-300 bg-white p-2" aria-label="Live workshop" data-testid="workshop-bar">
      <div className="flex flex-wrap items-center gap-3">
        {fallback ? (
          <p role="status" className="inline-block rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-sm text-amber-900">
            The live pathway could not be reached. You are editing on your own: save as usual.
          </p>
        ) : snapshot ? (
          <CollabStatus status={snapshot.status} unsyncedChanges={snapshot.unsyncedChanges} readOnly={snapshot.readOnly} deniedReason={snapshot.deniedReason} />
        ) : (
          <p role="status" className="inline-block rounded border border-slate-500 px-2 py-0.5 text-sm">
            Connecting to the live pathway…
          </p>
        )}
        {slow && !fallback ? (
          <p className="text-sm" data-testid="live-slow">
            This is taking longer than usual. Pathweave keeps trying: you can look at the pathway meanwhile, and editing opens as soon as the live pathway is reached.
          </p>
        ) : null}
        {timer ? <WorkshopClock timer={timer} clockOffsetMs={clockOffsetMs} /> : null}
        <ul className="flex flex-wrap gap-2" aria-label="People here now" data-testid="presence-avatars">
          {people(peers).map((p) => (
            <li key={p.user.id}>
              <PresenceAvatar peer={p} />
            </li>
          ))}
        </ul>
        <button type="button" className="pw-button pw-button-secondary pw-button-small" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide who is in the room' : 'Show who is in the room'}
        </button>
      </div>
      {fallback ? null : <OfflineNotice notice={snapshot?.offlineNotice} />}
      {open && !fallback ? (
        <div className="mt-2" data-testid="room-panel">
          <RoomPanel peers={peers} />
          {selecting.length ? (
            <ul className="mt-2 text-sm" aria-label="What people have selected">
              {selecting.map((p) => (
                <li key={p.clientId}>
                  {p.user.name} has selected {p.selection?.kind === 'transition' ? 'the transition' : 'the step'} “{names.get(p.selection?.id ?? '') ?? 'unknown'}”.
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
});
