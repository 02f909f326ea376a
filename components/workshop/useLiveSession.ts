'use client';
// The live session for the editor, only when live editing is wanted (issue 5). Unlike
// lib/collab/client.ts's useCollaborativePathway, it opens no websocket when `enabled` is false, so
// the single-user editor is exactly as before.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { CollaborativeSession, type CollabSnapshot } from '@/lib/collab/client';

const noopSubscribe = () => () => undefined;
const none = () => null;

export function useLiveSession(pathwayId: string, enabled: boolean): { session: CollaborativeSession | null; snapshot: CollabSnapshot | null } {
  const [session, setSession] = useState<CollaborativeSession | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const s = new CollaborativeSession({ pathwayId });
    // Lets browser tests reach the session (e.g. to prove the server refuses a viewer's write).
    (window as unknown as { __pathweaveLive?: CollaborativeSession }).__pathweaveLive = s;
    let gone = false;
    queueMicrotask(() => {
      if (!gone) setSession(s);
    });
    return () => {
      gone = true;
      s.destroy();
      setSession((current) => (current === s ? null : current));
    };
  }, [pathwayId, enabled]);
  const snapshot = useSyncExternalStore<CollabSnapshot | null>(session?.subscribe ?? noopSubscribe, session ? session.getSnapshot : none, none);
  return { session, snapshot };
}
