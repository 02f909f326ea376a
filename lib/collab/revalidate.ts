// Access to a live document is checked when a person connects (server.ts onAuthenticate) and again
// from time to time while they stay (issue 5 "Access"; found at the end of the first session: a
// person removed from the workspace kept their open connection). Every RECHECK_MS the server asks
// the same question again, through the same authorizeCollaboration and can(), for each person on
// each open document: someone no longer allowed is disconnected (their client then asks again and
// is refused), someone whose session has expired likewise, and someone moved down to viewer or
// commenter becomes read-only at once and is reconnected, so that their editor hears it (the
// reconnection is authenticated as read only) instead of saving into a refusal. Someone moved up
// to editor is reconnected likewise, and the reconnection lets them write. Server only.
//
// The same recheck also runs at once for one person when their access changes (a membership
// removed, lowered or raised, a sign-out): lib/collab/access-changes.ts, connectionsOf below.
import type { CollabContext, CollabSession } from './access';

export const DEFAULT_RECHECK_MS = 30_000;

export interface LiveConnection {
  documentName: string;
  readOnly: boolean;
  context: unknown;
  close(event?: { code: number; reason: string }): void;
}

export type Check = (session: CollabSession, documentName: string) => Promise<CollabContext | null>;

export interface RecheckOutcome {
  checked: number;
  closed: { userId: string; documentName: string; reason: 'not-found' | 'session-expired' }[];
  /** Lowered to read only, and closed so that the client reconnects with read-only access. */
  madeReadOnly: { userId: string; documentName: string }[];
  /** Raised from read only, and closed so that the client reconnects and may write. */
  madeWritable: { userId: string; documentName: string }[];
}

type Ctx = { session?: CollabSession | null; userId?: string; readOnly?: boolean; accessRole?: string };

/** The connections of one person (every session and document of theirs). */
export function connectionsOf(userId: string, connections: Iterable<LiveConnection>): LiveConnection[] {
  const out: LiveConnection[] = [];
  for (const c of connections) {
    const ctx = c.context as Ctx | undefined;
    if (ctx?.userId === userId && ctx.session?.userId === userId) out.push(c);
  }
  return out;
}

/**
 * Ask again for every connection; one check per session and document. Per session, not per person:
 * signing out ends one session (its sid), and the same person's other sessions stay.
 */
export async function recheckConnections(connections: Iterable<LiveConnection>, check: Check, now = Date.now()): Promise<RecheckOutcome> {
  const out: RecheckOutcome = { checked: 0, closed: [], madeReadOnly: [], madeWritable: [] };
  const groups = new Map<string, { session: CollabSession; documentName: string; connections: LiveConnection[] }>();
  for (const c of connections) {
    const ctx = c.context as Ctx | undefined;
    const session = ctx?.session;
    if (!session || !ctx?.userId) continue; // not authenticated yet: onAuthenticate decides
    const key = `${session.userId}\u0000${session.sid ?? ''}\u0000${c.documentName}`;
    const group = groups.get(key) ?? { session, documentName: c.documentName, connections: [] };
    group.connections.push(c);
    groups.set(key, group);
  }
  for (const { session, documentName, connections: list } of groups.values()) {
    out.checked++;
    if (session.expiresAt <= now) {
      for (const c of list) c.close({ code: 4401, reason: 'session-expired' });
      out.closed.push({ userId: session.userId, documentName, reason: 'session-expired' });
      continue;
    }
    let granted: CollabContext | null;
    try {
      granted = await check(session, documentName);
    } catch {
      continue; // the database is unreachable: keep people connected and ask again next time
    }
    if (!granted) {
      for (const c of list) c.close({ code: 4404, reason: 'not-found' });
      out.closed.push({ userId: session.userId, documentName, reason: 'not-found' });
      continue;
    }
    let lowered = false;
    let raised = false;
    for (const c of list) {
      const ctx = c.context as Ctx;
      ctx.accessRole = granted.accessRole;
      if (granted.readOnly && !c.readOnly) {
        // Read only at once (messages already on their way are refused), then reconnected.
        c.readOnly = true;
        ctx.readOnly = true;
        c.close({ code: 4403, reason: 'read-only' });
        lowered = true;
      } else if (!granted.readOnly && c.readOnly) {
        // Still read only on this connection; the reconnection is authenticated with the new rights.
        c.close({ code: 4000, reason: 'may-edit' });
        raised = true;
      }
    }
    if (lowered) out.madeReadOnly.push({ userId: session.userId, documentName });
    if (raised) out.madeWritable.push({ userId: session.userId, documentName });
  }
  return out;
}
