'use client';
// What became of the edits this person kept on this device while offline (lib/collab/offline.ts),
// said once the live pathway is reached. The status region is always there, so that screen readers
// announce the words when they appear.
import { OFFLINE_NOTICES, type OfflineNotice as Notice } from '@/lib/collab/offline';

export function OfflineNotice({ notice }: { notice: Notice | null | undefined }) {
  const warning = notice === 'read-only' || notice === 'discarded';
  return (
    <div role="status" aria-live="polite" data-testid="offline-notice">
      {notice ? (
        <p
          className={`mt-2 inline-block rounded border px-2 py-1 text-sm ${warning ? 'border-amber-700 bg-amber-50 text-amber-900' : 'border-emerald-700 bg-white text-emerald-800'}`}
        >
          {OFFLINE_NOTICES[notice]}
        </p>
      ) : null}
    </div>
  );
}
