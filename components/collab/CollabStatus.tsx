'use client';
// Whether this person is connected to the live pathway and their edits are stored: a short status
// for the editor's toolbar. Screen readers hear changes of connection, not every save: the
// visible "saving…" / "every change saved" flips with each keystroke and would interrupt typing.
import { memo } from 'react';
import type { CollabStatus as Status } from '@/lib/collab/client';

const DENIED: Record<string, string> = {
  unauthenticated: 'You are not signed in. Sign in again to join the live pathway.',
  'session-expired': 'Your session has ended. Sign in again to carry on.',
  'not-found': 'This pathway is not available to you.',
  'invalid-document': 'This pathway has problems to fix before it can be edited live.',
};

export function statusText(status: Status, unsynced: number, readOnly: boolean, deniedReason: string | null): string {
  switch (status) {
    case 'denied':
      return DENIED[deniedReason ?? ''] ?? 'The live pathway could not be opened.';
    case 'unavailable':
      return 'The live pathway cannot be reached just now. Pathweave keeps trying; until then you can look but not change it.';
    case 'connecting':
      return 'Connecting to the live pathway…';
    case 'disconnected':
      return unsynced > 0 ? 'Offline: your latest changes will be sent when the connection is back.' : 'Offline: reconnecting…';
    case 'connected':
      return 'Loading the live pathway…';
    case 'synced':
      if (readOnly) return 'Live: you are following along.';
      return unsynced > 0 ? 'Live: saving…' : 'Live: every change saved.';
  }
}

/** What the status area announces: the same words, except that saving in the background is not news. */
export function announcedText(status: Status, unsynced: number, readOnly: boolean, deniedReason: string | null): string {
  if (status === 'synced' && !readOnly) return 'Live: changes are shared and saved as you go.';
  return statusText(status, unsynced, readOnly, deniedReason);
}

export const CollabStatus = memo(function CollabStatus(props: { status: Status; unsyncedChanges: number; readOnly: boolean; deniedReason: string | null }) {
  const text = statusText(props.status, props.unsyncedChanges, props.readOnly, props.deniedReason);
  const tone = props.status === 'denied' ? 'border-red-700 text-red-800' : props.status === 'synced' ? 'border-emerald-700 text-emerald-800' : 'border-slate-500 text-slate-800';
  return (
    <>
      <p aria-hidden="true" data-testid="collab-status" className={`inline-block rounded border bg-white px-2 py-0.5 text-sm ${tone}`}>
        {text}
      </p>
      <p role="status" aria-live="polite" className="sr-only">
        {announcedText(props.status, props.unsyncedChanges, props.readOnly, props.deniedReason)}
      </p>
    </>
  );
});
