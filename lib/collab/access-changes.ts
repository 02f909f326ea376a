// "This person's access changed: ask again now" (issue 5 "Access"). Without it, a person removed
// from a workspace, moved down to viewer or signed out keeps their open live connections until the
// periodic recheck (lib/collab/revalidate.ts, every 30 s) finds it. The change is stored first;
// then the use case calls accessChanged(userId), and the collaboration server rechecks that
// person's connections at once, through the same recheckConnections and authorizeCollaboration.
// With Redis the request is also published on ACCESS_CHANNEL, so the other servers recheck theirs.
//
// The collaboration server registers the rechecker through a process hook (./bridge.ts): route
// handlers and server actions run in Next's bundle, which holds its own copy of this module.
import { processHook } from './bridge';

/** The Redis channel (under the extension's prefix) that carries recheck requests between servers. */
export const ACCESS_CHANNEL = 'pathweave-collab#access-changed';

export interface AccessChange {
  userId: string;
}

type Rechecker = (change: AccessChange) => void;
const rechecker = processHook<Rechecker>('accessRechecker');

export function setAccessRechecker(fn: Rechecker): void {
  rechecker.set(fn);
}

/** On closing a server: forget its rechecker, unless another server has registered since. */
export function clearAccessRechecker(fn: Rechecker): void {
  rechecker.clear(fn);
}

/**
 * Best effort and never throws: the change is already stored, and the periodic recheck still
 * finds it if this request is lost (no collaboration server in this process, Redis down).
 */
export function accessChanged(userId: string): void {
  try {
    if (userId) rechecker.get()?.({ userId });
  } catch {
    // The periodic recheck is the safety net.
  }
}

/** A recheck request as sent over Redis: who asks (a server's id, to skip its own) and for whom. */
export function accessChangePayload(from: string, change: AccessChange): string {
  return JSON.stringify({ type: 'access-changed', from, userId: change.userId });
}

/** The request in a Redis message, or null when it is not one (anything else is ignored). */
export function readAccessChange(payload: string): { from: string; change: AccessChange } | null {
  try {
    const m = JSON.parse(payload) as { type?: unknown; from?: unknown; userId?: unknown };
    if (m.type !== 'access-changed' || typeof m.from !== 'string') return null;
    if (typeof m.userId !== 'string' || m.userId.length === 0 || m.userId.length > 200) return null;
    return { from: m.from, change: { userId: m.userId } };
  } catch {
    return null;
  }
}
