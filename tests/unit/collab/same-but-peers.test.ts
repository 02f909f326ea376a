// The editor's live snapshot changes only when something but the people in the room changes
// (components/workshop/useLiveSession.ts): pointers moving must not redraw the editor.
import { describe, expect, it } from 'vitest';
import { sameButPeers, type CollabSnapshot } from '@/lib/collab/client';

const base: CollabSnapshot = {
  pathway: null,
  status: 'synced',
  deniedReason: null,
  readOnly: false,
  canUndo: true,
  canRedo: false,
  undoLabel: 'change title',
  unsyncedChanges: 0,
  peers: [],
};

describe('sameButPeers', () => {
  it('ignores who is here and where their pointers are', () => {
    const moved = { ...base, peers: [{ clientId: 7 } as unknown as CollabSnapshot['peers'][number]] };
    expect(sameButPeers(base, moved)).toBe(true);
  });

  it('notices every other change', () => {
    for (const change of [
      { status: 'disconnected' as const },
      { readOnly: true },
      { canRedo: true },
      { undoLabel: 'move step' },
      { redoLabel: 'add step' },
      { unsyncedChanges: 1 },
      { deniedReason: 'not-found' },
    ]) {
      expect(sameButPeers(base, { ...base, ...change }), JSON.stringify(change)).toBe(false);
    }
  });
});
