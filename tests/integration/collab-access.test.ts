// Live collaboration access over real websockets, against the real app server and PostgreSQL
// (issue 5 "Access", "Bad input"): who may join, who may write, and what the server refuses.
import { HocuspocusProvider } from '@hocuspocus/provider';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { CollaborativeSession } from '../../lib/collab/client';
import { applyCommandToYDoc } from '../../lib/collab/doc';
import { encodeUpdateMessage } from '../../lib/collab/protocol';
import { describeCommand } from '../../lib/pathway/commands';
import {
  TEST_SECRET,
  acknowledged,
  authMessage,
  copyPathway,
  denied,
  foreignWorkspace,
  openSession,
  rawSocket,
  signIn,
  socketWith,
  storedPathway,
  synced,
  userId,
  waitFor,
  wsUrl,
} from './collab-support';

const baseUrl = inject('baseUrl');
const db = new pg.Client({ connectionString: inject('databaseUrl') });
const sessions: CollaborativeSession[] = [];
const cookies: Record<string, string> = {};
let pathwayId = '';

function open(email: keyof typeof cookies | null, options: { pathway?: string; origin?: string | null } = {}) {
  const s = openSession(baseUrl, options.pathway ?? pathwayId, { ...(email ? { cookie: cookies[email] } : {}), origin: options.origin });
  sessions.push(s);
  return s;
}

beforeAll(async () => {
  await db.connect();
  pathwayId = await copyPathway(db);
  for (const email of ['gp@pathweave.test', 'consultant@pathweave.test', 'voluntary@pathweave.test', 'manager@pathweave.test', 'patient@pathweave.test']) {
    cookies[email] = await signIn(baseUrl, email);
  }
});

afterAll(async () => {
  for (const s of sessions) s.destroy();
  await db.end();
});

describe('joining', () => {
  it('seeds the live document from the working copy and lets facilitators and editors write', async () => {
    const gp = open('gp@pathweave.test');
    const doc = await synced(gp);
    const stored = await db.query('SELECT document FROM "Pathway" WHERE id = $1', [pathwayId]);
    expect(doc.title).toBe(stored.rows[0].document.title);
    expect(doc.steps.map((s) => s.id)).toEqual(stored.rows[0].document.steps.map((s: { id: string }) => s.id));
    expect(gp.getSnapshot().readOnly).toBe(false);
    const editor = open('consultant@pathweave.test');
    await synced(editor);
    expect(editor.getSnapshot().readOnly).toBe(false);
    const result = editor.apply({ type: 'updateStep', stepId: doc.steps[1]!.id, patch: { title: 'Edited by the consultant' } });
    expect(result.ok).toBe(true);
    await acknowledged(editor);
    await waitFor('the GP sees the edit', () => gp.getSnapshot().pathway?.steps[1]?.title === 'Edited by the consultant');
    expect((await storedPathway(db, pathwayId))?.steps[1]?.title).toBe('Edited by the consultant');
    const logged = await db.query('SELECT "userId" FROM "CollabUpdate" WHERE "pathwayId" = $1 AND "userId" IS NOT NULL', [pathwayId]);
    expect(logged.rows.map((r) => r.userId)).toContain(await userId(db, 'consultant@pathweave.test'));
  });

  it('a database that fails the first open is not a refusal: the client says so, keeps trying, and joins once it answers', { timeout: 60_000 }, async () => {
    const failing = await copyPathway(db);
    const fn = `it_fail_open_${failing}`;
    // The first open of a pathway seeds its live document (INSERT INTO "CollabSnapshot"): that fails here.
    await db.query(`
      CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger AS $$
      BEGIN
        IF NEW."pathwayId" = '${failing}' THEN RAISE EXCEPTION 'the database did not answer (test)'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await db.query(`CREATE TRIGGER ${fn} BEFORE INSERT ON "CollabSnapshot" FOR EACH ROW EXECUTE FUNCTION ${fn}()`);
    const statuses = new Set<string>();
    const gp = open('gp@pathweave.test', { pathway: failing });
    try {
      gp.subscribe(() => statuses.add(gp.getSnapshot().status));
      await waitFor('the client hears the live pathway cannot be reached just now', () => gp.getSnapshot().status === 'unavailable');
      expect(gp.getSnapshot().deniedReason).toBeNull();
      // Nothing can be changed meanwhile; the rights the server granted are not mistaken for gone
      // (so coming back is not announced as being moved up to editor).
      expect(gp.getSnapshot().canUndo).toBe(false);
      expect(gp.apply({ type: 'updateMetadata', patch: { title: 'Too early' } })).toMatchObject({
        ok: false,
        message: expect.stringContaining('cannot be reached just now'),
      });
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS ${fn} ON "CollabSnapshot"`);
      await db.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
    // Without a reload: the next try (after about a second) opens it.
    const doc = await synced(gp, 20_000);
    await waitFor('synced and allowed to edit', () => gp.getSnapshot().status === 'synced' && !gp.getSnapshot().readOnly);
    expect(statuses.has('denied')).toBe(false);
    expect(gp.apply({ type: 'updateStep', stepId: doc.steps[0]!.id, patch: { title: 'Once it answered' } }).ok).toBe(true);
    await acknowledged(gp);
    expect((await storedPathway(db, failing))?.steps[0]?.title).toBe('Once it answered');
  });

  it('shows presence with the identity the server knows, whatever a client claims', async () => {
    const gp = open('gp@pathweave.test');
    const viewer = open('manager@pathweave.test');
    await synced(gp);
    await synced(viewer);
    viewer.provider.awareness?.setLocalStateField('user', { id: 'someone-else', name: 'Dr Impostor', role: 'gp', access: 'facilitator' });
    viewer.setSelection({ kind: 'step', id: 'whatever' });
    viewer.setCursor({ x: 120, y: 340 });
    await waitFor('the GP sees the viewer’s cursor', () =>
      gp.getSnapshot().peers.some((p) => p.user.name === 'Glen Mardle' && p.cursor?.x === 120 && p.selection?.id === 'whatever'),
    );
    const seen = gp.getSnapshot().peers.filter((p) => !p.self);
    expect(seen.some((p) => p.user.name === 'Dr Impostor' || p.user.id === 'someone-else')).toBe(false);
    const glen = seen.find((p) => p.user.name === 'Glen Mardle');
    expect(glen?.user).toMatchObject({ role: 'manager', access: 'viewer', readOnly: true });
    await waitFor('the GP sees itself', () => gp.getSnapshot().peers.some((p) => p.self && p.user.name === 'Dr Ada Fernsby'));
  });
});

describe('undo on the live pathway', () => {
  it('names each undo step, and a run of nudges with one key is one undo step, as in the single-user editor', async () => {
    const gp = open('gp@pathweave.test', { pathway: await copyPathway(db) });
    const doc = await synced(gp);
    const step = doc.steps[2]!;
    const start = doc.layout?.[step.id];
    const base = start ?? { x: 100, y: 100 };
    const title = step.title;
    // Three arrow-key nudges of one step (the editor passes one key for the run), then a title change.
    for (let i = 1; i <= 3; i++) {
      const moved = gp.apply(
        { type: 'moveStep', stepId: step.id, position: { x: base.x + 10 * i, y: base.y } },
        { coalesceKey: `nudge:${step.id}`, label: 'move step' },
      );
      expect(moved.ok).toBe(true);
    }
    gp.seal();
    expect(gp.apply({ type: 'updateStep', stepId: step.id, patch: { title: 'Renamed live' } }).ok).toBe(true);
    gp.seal();
    expect(gp.getSnapshot().undoLabel).toBe(describeCommand({ type: 'updateStep', stepId: step.id, patch: { title: 'x' } }));

    gp.undo();
    expect(gp.getSnapshot().pathway?.steps[2]?.title).toBe(title);
    expect(gp.getSnapshot().undoLabel).toBe('move step');
    expect(gp.getSnapshot().redoLabel).toBe(describeCommand({ type: 'updateStep', stepId: step.id, patch: { title: 'x' } }));
    // One undo takes back all three nudges.
    gp.undo();
    expect(gp.getSnapshot().pathway?.layout?.[step.id]).toEqual(start);
    expect(gp.getSnapshot().canUndo).toBe(false);
    expect(gp.getSnapshot().redoLabel).toBe('move step');
    gp.redo();
    expect(gp.getSnapshot().pathway?.layout?.[step.id]).toEqual({ x: base.x + 30, y: base.y });
    expect(gp.getSnapshot().undoLabel).toBe('move step');
    await acknowledged(gp);
  });
});

describe('read-only participants', () => {
  for (const [label, email] of [
    ['viewer', 'manager@pathweave.test'],
    ['commenter', 'voluntary@pathweave.test'],
  ] as const) {
    it(`a ${label}'s forced write is refused by the server: nothing stored, nobody sees it`, async () => {
      const gp = open('gp@pathweave.test');
      const before = await synced(gp);
      const watcher = open(email);
      await synced(watcher);
      expect(watcher.getSnapshot().readOnly).toBe(true);
      // The client would not let them…
      expect(watcher.apply({ type: 'updateStep', stepId: before.steps[0]!.id, patch: { title: 'Not allowed' } }).ok).toBe(false);
      // …so write straight into their copy of the document, as a modified client could.
      const forged = `Forged by the ${label}`;
      applyCommandToYDoc(watcher.ydoc, { type: 'updateStep', stepId: before.steps[0]!.id, patch: { title: forged } }, watcher.origin);
      applyCommandToYDoc(watcher.ydoc, { type: 'removeStep', stepId: before.steps[2]!.id }, watcher.origin);
      const id = await userId(db, email);
      await waitFor('the refusal is audited', async () => {
        const r = await db.query(`SELECT 1 FROM "AuditEvent" WHERE "actorId" = $1 AND action = 'pathway:edit' AND outcome = 'denied'`, [id]);
        return (r.rowCount ?? 0) > 0;
      });
      expect(watcher.provider.unsyncedChanges).toBeGreaterThan(0);
      const logged = await db.query('SELECT 1 FROM "CollabUpdate" WHERE "pathwayId" = $1 AND "userId" = $2', [pathwayId, id]);
      expect(logged.rowCount).toBe(0);
      const stored = await storedPathway(db, pathwayId);
      expect(stored?.steps[0]?.title).not.toBe(forged);
      expect(stored?.steps.some((s) => s.id === before.steps[2]!.id)).toBe(true);
      // The GP, connected all along, and someone joining now, see the document without it.
      const fresh = open('consultant@pathweave.test');
      const freshDoc = await synced(fresh);
      expect(freshDoc.steps[0]?.title).not.toBe(forged);
      expect(gp.getSnapshot().pathway?.steps[0]?.title).not.toBe(forged);
      expect(gp.getSnapshot().pathway?.steps.some((s) => s.id === before.steps[2]!.id)).toBe(true);
    });
  }
});

describe('refused connections', () => {
  it('refuses a connection without a session cookie', async () => {
    expect(await denied(open(null))).toBe('unauthenticated');
  });

  it('refuses an expired session token as expired (not as no session), and accepts the same token while it is valid', async () => {
    const sub = await userId(db, 'gp@pathweave.test');
    const expired = await encode({ token: { sub, name: 'x', signedInAt: Date.now() }, secret: TEST_SECRET, maxAge: -120 });
    const valid = await encode({ token: { sub, name: 'x', signedInAt: Date.now() }, secret: TEST_SECRET, maxAge: 120 });
    const stale = openSession(baseUrl, pathwayId, { cookie: `next-auth.session-token=${expired}` });
    const fresh = openSession(baseUrl, pathwayId, { cookie: `next-auth.session-token=${valid}` });
    sessions.push(stale, fresh);
    expect(await denied(stale)).toBe('session-expired');
    await synced(fresh);
  });

  it('refuses a token not signed with the server’s secret', async () => {
    const sub = await userId(db, 'gp@pathweave.test');
    const forged = await encode({ token: { sub }, secret: 'not-the-secret-0123456789-0123456789', maxAge: 600 });
    const s = openSession(baseUrl, pathwayId, { cookie: `next-auth.session-token=${forged}` });
    sessions.push(s);
    expect(await denied(s)).toBe('unauthenticated');
  });

  it('refuses the upgrade from another origin, or with no origin', async () => {
    await expect(rawSocket(baseUrl, { cookie: cookies['gp@pathweave.test'] as string, origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
    await expect(rawSocket(baseUrl, { cookie: cookies['gp@pathweave.test'] as string })).rejects.toMatchObject({ status: 403 });
    const ok = await rawSocket(baseUrl, { cookie: cookies['gp@pathweave.test'] as string, origin: baseUrl });
    ok.close();
  });

  it('refuses forged document names, unknown pathways and other workspaces alike', async () => {
    const other = await copyPathway(db, { workspaceId: await foreignWorkspace(db, 'gp@pathweave.test') });
    const reasons = await Promise.all([
      denied(open('gp@pathweave.test', { pathway: 'does-not-exist' })),
      denied(open('gp@pathweave.test', { pathway: other })),
      denied(open('gp@pathweave.test', { pathway: '../../etc/passwd' })),
      denied(open('patient@pathweave.test')),
    ]);
    expect(reasons).toEqual(['not-found', 'not-found', 'not-found', 'not-found']);
    // A name outside the pathway namespace, straight through the provider.
    const ydoc = new Y.Doc();
    const reason = await new Promise<string>((resolve) => {
      const provider = new HocuspocusProvider({
        url: wsUrl(baseUrl),
        name: 'workspace:secrets',
        document: ydoc,
        token: 'x',
        WebSocketPolyfill: socketWith({ cookie: cookies['gp@pathweave.test'] as string, origin: baseUrl }),
        onAuthenticationFailed: ({ reason }) => {
          resolve(reason);
          provider.destroy();
        },
      } as ConstructorParameters<typeof HocuspocusProvider>[0]);
    });
    expect(reason).toBe('not-found');
  });
});

describe('bad input', () => {
  /** A raw authenticated socket on the test pathway, as an editor. */
  async function editorSocket() {
    const ws = await rawSocket(baseUrl, { cookie: cookies['consultant@pathweave.test'] as string, origin: baseUrl });
    const received: Uint8Array[] = [];
    ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
    const name = `pathway:${pathwayId}`;
    ws.send(authMessage(name));
    // Authenticated reply: name, type 2 (Auth), subtype 2 (Authenticated).
    await waitFor('authenticated', () => received.some((m) => m[m[0]! + 1] === 2 && m[m[0]! + 2] === 2));
    return { ws, received, name };
  }
  const closedDocument = (received: Uint8Array[]) => received.some((m) => m[m[0]! + 1] === 7);

  it('closes a connection that sends a malformed update, stores nothing and keeps the document intact', async () => {
    const before = await storedPathway(db, pathwayId);
    const rows = (await db.query('SELECT count(*)::int AS n FROM "CollabUpdate" WHERE "pathwayId" = $1', [pathwayId])).rows[0].n;
    const { ws, received, name } = await editorSocket();
    ws.send(encodeUpdateMessage(name, Uint8Array.from([0x01, 0xff, 0xff, 0xff, 0x7f, 0x09, 0x42])));
    await waitFor('the server closes the document for this socket', () => closedDocument(received));
    ws.close();
    expect((await db.query('SELECT count(*)::int AS n FROM "CollabUpdate" WHERE "pathwayId" = $1', [pathwayId])).rows[0].n).toBe(rows);
    expect(await storedPathway(db, pathwayId)).toEqual(before);
    // The server is fine and others still edit.
    const gp = open('gp@pathweave.test');
    const doc = await synced(gp);
    expect(gp.apply({ type: 'updateMetadata', patch: { summary: 'Still working' } }).ok).toBe(true);
    await acknowledged(gp);
    expect(doc.steps.length).toBe(before?.steps.length);
  });

  it('drops a socket that sends garbage, or a message over the size limit', async () => {
    const garbage = await rawSocket(baseUrl, { cookie: cookies['consultant@pathweave.test'] as string, origin: baseUrl });
    const closedGarbage = new Promise<number>((resolve) => garbage.once('close', (code) => resolve(code)));
    garbage.send(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]));
    expect(await closedGarbage).toBeGreaterThanOrEqual(1000);

    const { ws, name } = await editorSocket();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(encodeUpdateMessage(name, new Uint8Array(3 * 1024 * 1024)));
    expect(await closed).toBe(1009);
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
  });

  it('refuses text frames', async () => {
    const ws = await rawSocket(baseUrl, { cookie: cookies['consultant@pathweave.test'] as string, origin: baseUrl });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('hello');
    expect(await closed).toBe(1003);
  });
});
