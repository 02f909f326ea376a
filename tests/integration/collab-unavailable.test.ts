// A server fault while someone joins the live pathway is not a refusal (lib/collab/server.ts,
// lib/collab/client.ts 'unavailable'): here the check of who may join (authorizeCollaboration)
// itself fails, because a table it reads is out of reach for a moment. Real app server, real
// websockets, real PostgreSQL. Files run one at a time, so the table is away for this file only,
// and it is put back whatever happens.
import pg from 'pg';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import {
  READ_ONLY_MESSAGE,
  UNAVAILABLE_MESSAGE,
  type CollaborativeSession,
  type CollabSnapshot,
  type CollabStatus,
} from '../../lib/collab/client';
import {
  acknowledged,
  authMessage,
  copyPathway,
  openSession,
  rawSocket,
  signIn,
  storedPathway,
  synced,
  waitFor,
} from './collab-support';

const baseUrl = inject('baseUrl');
const db = new pg.Client({ connectionString: inject('databaseUrl') });
const sessions: CollaborativeSession[] = [];
const sockets: WebSocket[] = [];
const cookies: Record<string, string> = {};

beforeAll(async () => {
  await db.connect();
  for (const email of ['gp@pathweave.test', 'consultant@pathweave.test', 'manager@pathweave.test']) {
    cookies[email] = await signIn(baseUrl, email);
  }
});

afterAll(async () => {
  for (const s of sessions) s.destroy();
  for (const ws of sockets) ws.close();
  // In case a test stopped half way.
  await db.query('ALTER TABLE IF EXISTS "RevokedSession_away_it" RENAME TO "RevokedSession"');
  await db.end();
});

function open(email: string, pathwayId: string): CollaborativeSession {
  const s = openSession(baseUrl, pathwayId, { cookie: cookies[email] });
  sessions.push(s);
  return s;
}

/**
 * The table of ended sessions, which every check of who may join reads (lib/auth/actor.ts
 * loadActor), out of reach until `back()`: each check then fails with an error from the database,
 * as it would with the database unreachable. The rename gives up rather than queue behind a lock.
 */
async function revokedSessionsAway(): Promise<{ back(): Promise<void> }> {
  await db.query(`SET lock_timeout = '2s'`);
  try {
    await db.query('ALTER TABLE "RevokedSession" RENAME TO "RevokedSession_away_it"');
  } finally {
    await db.query('RESET lock_timeout');
  }
  let away = true;
  return {
    async back() {
      if (!away) return;
      away = false;
      await db.query('ALTER TABLE IF EXISTS "RevokedSession_away_it" RENAME TO "RevokedSession"');
    },
  };
}

/** The server's answers to Auth messages on a raw socket: 'authenticated', or the refusal's reason. */
function authAnswers(ws: WebSocket): string[] {
  const answers: string[] = [];
  ws.on('message', (data: Buffer) => {
    const m = new Uint8Array(data);
    const at = m[0]! + 1; // after the document name (short: one length byte)
    if (m[at] !== 2) return; // not an Auth message
    if (m[at + 1] === 2) answers.push('authenticated');
    else if (m[at + 1] === 1) answers.push(new TextDecoder().decode(m.slice(at + 3, at + 3 + m[at + 2]!)));
  });
  return answers;
}

/** Every status a session goes through from now on, in order (repeats collapsed). */
function statusesOf(session: CollaborativeSession): CollabStatus[] {
  const seen: CollabStatus[] = [session.getSnapshot().status];
  session.subscribe(() => {
    const status = session.getSnapshot().status;
    if (seen.at(-1) !== status) seen.push(status);
  });
  return seen;
}

describe('the check of who may join fails', () => {
  it(
    'the person is told the live pathway cannot be reached (not refused), nothing else stops, and a later try joins',
    { timeout: 90_000 },
    async () => {
      const failing = await copyPathway(db);
      const other = await copyPathway(db);
      // Someone already working on another pathway.
      const consultant = open('consultant@pathweave.test', other);
      const otherDoc = await synced(consultant);

      const fault = await revokedSessionsAway();
      try {
        // Over a raw socket: the server answers the join with the refusal 'unavailable', and
        // leaves the socket open (nothing is reset), so the same socket may ask again.
        const ws = await rawSocket(baseUrl, { cookie: cookies['gp@pathweave.test'] as string, origin: baseUrl });
        sockets.push(ws);
        const answers = authAnswers(ws);
        let closedWith: number | null = null;
        ws.on('close', (code) => (closedWith = code));
        ws.send(authMessage(`pathway:${failing}`));
        await waitFor('the server answers the raw join', () => answers.length > 0);
        expect(answers).toEqual(['unavailable']);

        // The live client: 'unavailable', not denied, nothing can be changed, and it keeps asking.
        const gp = open('gp@pathweave.test', failing);
        const statuses = statusesOf(gp);
        await waitFor(
          'the client hears the live pathway cannot be reached just now',
          () => gp.getSnapshot().status === 'unavailable',
        );
        expect(gp.getSnapshot()).toMatchObject({ deniedReason: null, pathway: null, canUndo: false });
        // Never let in yet, so not yet told what they may do: refused either way, nothing changed.
        expect(gp.apply({ type: 'updateMetadata', patch: { title: 'Too early' } }).ok).toBe(false);
        await waitFor(
          'asked again (after about a second), and told the same',
          () => statuses.filter((s) => s === 'unavailable').length >= 2,
          20_000,
        );
        expect(statuses).not.toContain('denied');

        // Meanwhile the server is up, and the other pathway's room goes on: an edit is stored.
        expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
        expect(
          consultant.apply({
            type: 'updateStep',
            stepId: otherDoc.steps[0]!.id,
            patch: { title: 'Edited during the fault' },
          }).ok,
        ).toBe(true);
        await acknowledged(consultant);
        expect((await storedPathway(db, other))?.steps[0]?.title).toBe('Edited during the fault');
        expect(closedWith).toBeNull();

        await fault.back();

        // The same raw socket asks again and is let in: the refusal left it clean.
        ws.send(authMessage(`pathway:${failing}`));
        await waitFor('the server answers the second raw join', () => answers.length > 1);
        expect(answers).toEqual(['unavailable', 'authenticated']);

        // The client joins by itself, without a reload, as an editor, and its edits are stored.
        const doc = await synced(gp, 40_000);
        await waitFor(
          'authenticated, synced and allowed to edit',
          () => gp.provider.isAuthenticated && gp.getSnapshot().status === 'synced',
          40_000,
        );
        expect(gp.getSnapshot().readOnly).toBe(false);
        expect(statuses).not.toContain('denied');
        expect(
          gp.apply({ type: 'updateStep', stepId: doc.steps[0]!.id, patch: { title: 'Once it answered' } }).ok,
        ).toBe(true);
        await acknowledged(gp);
        expect((await storedPathway(db, failing))?.steps[0]?.title).toBe('Once it answered');
        // The attempt made while it could not be reached changed nothing.
        expect((await storedPathway(db, failing))?.title).not.toBe('Too early');
      } finally {
        await fault.back();
      }
    },
  );
});

/** Every snapshot a session gives from now on. */
function snapshotsOf(session: CollaborativeSession): CollabSnapshot[] {
  const seen: CollabSnapshot[] = [session.getSnapshot()];
  session.subscribe(() => {
    const snap = session.getSnapshot();
    if (seen.at(-1) !== snap) seen.push(snap);
  });
  return seen;
}

/** Drop a session's websocket, as a network would (it reconnects by itself). */
function dropConnection(session: CollaborativeSession): void {
  (session.provider.configuration.websocketProvider.webSocket as unknown as WebSocket).terminate();
}

describe('coming back while the check fails', () => {
  it(
    'an editor keeps the rights the server granted (never read only on the way, so not taken for moved up), and so does a viewer; nothing of theirs is lost',
    { timeout: 90_000 },
    async () => {
      const pathwayId = await copyPathway(db);
      const gp = open('gp@pathweave.test', pathwayId);
      const viewer = open('manager@pathweave.test', pathwayId);
      const doc = await synced(gp);
      await synced(viewer);
      await waitFor('both let in', () => gp.provider.isAuthenticated && viewer.provider.isAuthenticated);
      expect(gp.getSnapshot().readOnly).toBe(false);
      expect(viewer.getSnapshot().readOnly).toBe(true);
      expect(gp.apply({ type: 'updateStep', stepId: doc.steps[0]!.id, patch: { title: 'Before the fault' } }).ok).toBe(
        true,
      );
      gp.seal();
      await acknowledged(gp);
      expect(gp.getSnapshot().canUndo).toBe(true);
      const gpSeen = snapshotsOf(gp);
      const viewerSeen = snapshotsOf(viewer);
      const gpStatuses = statusesOf(gp);

      const fault = await revokedSessionsAway();
      try {
        dropConnection(gp);
        dropConnection(viewer);
        await waitFor('both hear the live pathway cannot be reached just now', () =>
          [gp, viewer].every((s) => s.getSnapshot().status === 'unavailable'),
        );
        // Nothing can be changed meanwhile, undo included, each told why; the rights stay as granted.
        expect(gp.getSnapshot()).toMatchObject({ readOnly: false, canUndo: false, deniedReason: null });
        expect(gp.apply({ type: 'updateStep', stepId: doc.steps[1]!.id, patch: { title: 'While away' } })).toEqual({
          ok: false,
          message: UNAVAILABLE_MESSAGE,
          issues: [],
        });
        const before = Y.encodeStateVector(gp.ydoc);
        gp.undo();
        expect(Y.encodeStateVector(gp.ydoc)).toEqual(before);
        expect(viewer.getSnapshot()).toMatchObject({ readOnly: true, deniedReason: null });
        expect(viewer.apply({ type: 'updateMetadata', patch: { title: 'Viewer' } })).toMatchObject({
          ok: false,
          message: READ_ONLY_MESSAGE,
        });
        await waitFor(
          'asked again, and told the same',
          () => gpStatuses.filter((s) => s === 'unavailable').length >= 2,
          20_000,
        );
        // Asking again is not being back: never said to be live (every change saved) in between.
        expect(gpStatuses.slice(gpStatuses.indexOf('unavailable'))).not.toContain('synced');
      } finally {
        await fault.back();
      }

      await waitFor(
        'both back in, by themselves',
        () => [gp, viewer].every((s) => s.provider.isAuthenticated && s.getSnapshot().status === 'synced'),
        40_000,
      );
      // The editor was never read only on the way (the editor's 'You can now edit this pathway' is for
      // a change from read only to not), and the viewer never writable.
      expect(gpSeen.filter((s) => s.readOnly).map((s) => s.status)).toEqual([]);
      expect(viewerSeen.filter((s) => !s.readOnly).map((s) => s.status)).toEqual([]);
      expect([...gpSeen, ...viewerSeen].map((s) => s.status)).not.toContain('denied');
      // Their undo is still there, and works.
      await waitFor('undo offered again', () => gp.getSnapshot().canUndo);
      gp.undo();
      await acknowledged(gp);
      expect((await storedPathway(db, pathwayId))?.steps[0]?.title).toBe(doc.steps[0]!.title);
      await waitFor(
        'the viewer sees the undo',
        () => viewer.getSnapshot().pathway?.steps[0]?.title === doc.steps[0]!.title,
      );
    },
  );
});
