import { describe, expect, it } from 'vitest';
import type { CollabContext, CollabSession } from './access';
import { connectionsOf, recheckConnections, type LiveConnection } from './revalidate';

function conn(userId: string, documentName: string, readOnly: boolean, expiresAt = Date.now() + 60_000, sid?: string) {
  const closed: { code: number; reason: string }[] = [];
  const c: LiveConnection & { closed: typeof closed } = {
    documentName,
    readOnly,
    context: { session: { userId, expiresAt, ...(sid ? { sid } : {}) }, userId, readOnly, accessRole: readOnly ? 'viewer' : 'editor' },
    closed,
    close(event) {
      if (event) closed.push(event);
    },
  };
  return c;
}

const granted = (readOnly: boolean): CollabContext => ({
  userId: 'u',
  name: 'U',
  professionalRole: 'gp',
  pathwayId: 'p',
  workspaceId: 'w',
  accessRole: readOnly ? 'viewer' : 'editor',
  readOnly,
  sessionExpiresAt: Date.now() + 60_000,
});

describe('recheckConnections', () => {
  it('disconnects people no longer allowed, makes demoted people read-only, leaves the rest', async () => {
    const removed = conn('removed', 'pathway:p', false);
    const removedOtherTab = conn('removed', 'pathway:p', false);
    const demoted = conn('demoted', 'pathway:p', false);
    const kept = conn('kept', 'pathway:p', false);
    const asked: string[] = [];
    const out = await recheckConnections([removed, removedOtherTab, demoted, kept], async (session: CollabSession) => {
      asked.push(session.userId);
      if (session.userId === 'removed') return null;
      return granted(session.userId === 'demoted');
    });
    expect(asked.sort()).toEqual(['demoted', 'kept', 'removed']); // once per person and document
    expect(removed.closed).toEqual([{ code: 4404, reason: 'not-found' }]);
    expect(removedOtherTab.closed).toHaveLength(1);
    expect(demoted.readOnly).toBe(true);
    expect((demoted.context as { readOnly: boolean }).readOnly).toBe(true);
    // Closed as well, so that the client reconnects and is told it is read only now.
    expect(demoted.closed).toEqual([{ code: 4403, reason: 'read-only' }]);
    expect(kept.readOnly).toBe(false);
    expect(kept.closed).toEqual([]);
    expect(out.closed).toEqual([{ userId: 'removed', documentName: 'pathway:p', reason: 'not-found' }]);
    expect(out.madeReadOnly).toEqual([{ userId: 'demoted', documentName: 'pathway:p' }]);
  });

  it('reconnects someone moved up to editor, so that the new connection may write; a viewer still a viewer stays', async () => {
    const promoted = conn('promoted', 'pathway:p', true);
    const still = conn('still', 'pathway:p', true);
    const out = await recheckConnections([promoted, still], async (session: CollabSession) => granted(session.userId === 'still'));
    // Not made writable on this connection: the reconnection is authenticated with the new rights.
    expect(promoted.readOnly).toBe(true);
    expect(promoted.closed).toEqual([{ code: 4000, reason: 'may-edit' }]);
    expect((promoted.context as { accessRole: string }).accessRole).toBe('editor');
    expect(still.closed).toEqual([]);
    expect(out.madeWritable).toEqual([{ userId: 'promoted', documentName: 'pathway:p' }]);
    expect(out.madeReadOnly).toEqual([]);
  });

  it('disconnects an expired session without asking the database', async () => {
    const expired = conn('old', 'pathway:p', false, Date.now() - 1);
    let asked = 0;
    const out = await recheckConnections([expired], async () => {
      asked++;
      return granted(false);
    });
    expect(asked).toBe(0);
    expect(expired.closed).toEqual([{ code: 4401, reason: 'session-expired' }]);
    expect(out.closed[0]?.reason).toBe('session-expired');
  });

  it('keeps everyone connected when the check itself fails, and skips connections not yet authenticated', async () => {
    const c = conn('u', 'pathway:p', false);
    const pending: LiveConnection = { documentName: 'pathway:p', readOnly: false, context: { session: { userId: 'x', expiresAt: 0 } }, close: () => undefined };
    const out = await recheckConnections([c, pending], async () => {
      throw new Error('database down');
    });
    expect(c.closed).toEqual([]);
    expect(out.checked).toBe(1);
  });

  it('asks once per session: one session ended by signing out is closed, the same person’s other session stays', async () => {
    const ended = conn('u', 'pathway:p', false, Date.now() + 60_000, 'sid-ended');
    const other = conn('u', 'pathway:p', false, Date.now() + 60_000, 'sid-other');
    const asked: (string | undefined)[] = [];
    const out = await recheckConnections([ended, other], async (session: CollabSession) => {
      asked.push(session.sid);
      return session.sid === 'sid-ended' ? null : granted(false);
    });
    expect(asked.sort()).toEqual(['sid-ended', 'sid-other']);
    expect(ended.closed).toEqual([{ code: 4404, reason: 'not-found' }]);
    expect(other.closed).toEqual([]);
    expect(out.closed).toHaveLength(1);
  });
});

describe('connectionsOf', () => {
  it('picks one person’s authenticated connections, on every document and session', () => {
    const a1 = conn('a', 'pathway:p', false, undefined, 's1');
    const a2 = conn('a', 'pathway:q', true, undefined, 's2');
    const b = conn('b', 'pathway:p', false);
    const pending: LiveConnection = { documentName: 'pathway:p', readOnly: false, context: { session: { userId: 'a', expiresAt: 0 } }, close: () => undefined };
    expect(connectionsOf('a', [a1, b, a2, pending])).toEqual([a1, a2]);
    expect(connectionsOf('nobody', [a1, b])).toEqual([]);
  });
});
