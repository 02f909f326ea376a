'use client';
// The live session for the editor, only when live editing is wanted (issue 5). Unlike
// lib/collab/client.ts's useCollaborativePathway, it opens no websocket when `enabled` is false, so
// the single-user editor is exactly as before.
//
// Who is here and where their pointers are changes many times a second in a full room (25 people,
// cursors sent up to 20 times a second each). So the editor's snapshot leaves people out and
// changes only with the pathway, the connection or undo; the few parts that show people
// (usePeers: the cursors on the canvas, the room panel) follow them on their own.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { CollaborativeSession, sameButPeers, type CollabSnapshot } from '@/lib/collab/client';
import type { Peer } from '@/lib/collab/presence';

const noopSubscribe = () => () => undefined;
const none = () => null;
const NO_PEERS: readonly Peer[] = [];

/** The session's snapshot without the people in it (see usePeers). */
export type LiveSnapshot = Omit<CollabSnapshot, 'peers'>;

/**
 * `userId`: the signed-in person, whose edits are kept on this device (IndexedDB) while the
 * connection is down, so closing the tab loses nothing (lib/collab/offline.ts). Without it,
 * nothing is kept.
 */
export function useLiveSession(
  pathwayId: string,
  enabled: boolean,
  userId?: string,
  testHooks = false,
): { session: CollaborativeSession | null; snapshot: LiveSnapshot | null } {
  const [session, setSession] = useState<CollaborativeSession | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const s = new CollaborativeSession({ pathwayId, ...(userId ? { keepLocally: { userId } } : {}) });
    // Lets browser tests reach the session (e.g. to prove the server refuses a viewer's write).
    // Only on servers started for the tests (scripts/test-server.ts sets PATHWEAVE_TEST_HOOKS), never on `npm start`'s.
    if (testHooks) {
      (window as unknown as { __pathweaveLive?: CollaborativeSession }).__pathweaveLive = s;
    }
    let gone = false;
    queueMicrotask(() => {
      if (!gone) setSession(s);
    });
    return () => {
      gone = true;
      s.destroy();
      setSession((current) => (current === s ? null : current));
    };
  }, [pathwayId, enabled, userId, testHooks]);
  const last = useRef<LiveSnapshot | null>(null);
  const getCore = useCallback((): LiveSnapshot | null => {
    if (!session) return null;
    const full = session.getSnapshot();
    const prev = last.current;
    if (prev && sameButPeers(prev, full)) return prev;
    const { peers: _peers, ...next } = full;
    last.current = next;
    return next;
  }, [session]);
  const snapshot = useSyncExternalStore<LiveSnapshot | null>(session?.subscribe ?? noopSubscribe, getCore, none);
  return { session, snapshot };
}

/** Everyone here now (this tab included), following every change of presence. */
export function usePeers(session: CollaborativeSession | null): readonly Peer[] {
  const get = useCallback(() => (session ? session.getSnapshot().peers : NO_PEERS), [session]);
  return useSyncExternalStore(session?.subscribe ?? noopSubscribe, get, () => NO_PEERS);
}
