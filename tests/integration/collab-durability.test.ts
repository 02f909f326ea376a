// Crash test (issue 5 "Durability"): clients edit, wait until every edit is acknowledged, the app
// server is killed with SIGKILL (no shutdown code runs) and started again: every acknowledged
// edit is there, both from a client that left before the crash and from one that stayed.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CollaborativeSession } from '../../lib/collab/client';
import type { Pathway } from '../../lib/pathway/schema';
import { acknowledged, copyPathway, openSession, signIn, startApp, storedPathway, synced, waitFor, type AppProcess } from './collab-support';

const databaseUrl = inject('databaseUrl');
const port = Number(process.env.PATHWEAVE_IT_PORT ?? 3200) + 11;
const db = new pg.Client({ connectionString: databaseUrl });
let app: AppProcess | undefined;
const sessions: CollaborativeSession[] = [];

beforeAll(async () => {
  await db.connect();
  app = await startApp({ port, databaseUrl });
});

afterAll(async () => {
  for (const s of sessions) s.destroy();
  await app?.stop();
  await db.end();
});

function open(baseUrl: string, pathwayId: string, cookie: string) {
  const s = openSession(baseUrl, pathwayId, { cookie });
  sessions.push(s);
  return s;
}

/** Several kinds of edit by one client, in a burst: new steps, and one field of eight steps. */
function edit(s: CollaborativeSession, tag: string, doc: Pathway, field: 'patientBenefit' | 'assessment'): { field: typeof field; titles: string[]; added: string[] } {
  const titles: string[] = [];
  const added: string[] = [];
  for (let i = 0; i < 12; i++) {
    const r = s.apply({ type: 'addStep', input: { kind: 'review', sector: 'community_health', title: `${tag} step ${i}` } });
    if (!r.ok) throw new Error(r.message);
    added.push(`${tag} step ${i}`);
  }
  for (let i = 0; i < 8; i++) {
    const step = doc.steps[i % doc.steps.length] as Pathway['steps'][number];
    const title = `${tag} title ${i}`;
    const r = s.apply({ type: 'updateStep', stepId: step.id, patch: { [field]: title } });
    if (!r.ok) throw new Error(r.message);
    titles.push(title);
  }
  return { field, titles, added };
}

function contains(doc: Pathway | null, edits: ReturnType<typeof edit>, tag: string): void {
  expect(doc, 'a live document').not.toBeNull();
  const steps = doc?.steps ?? [];
  for (const title of edits.added) expect(steps.some((s) => s.title === title), `${tag}: added step "${title}"`).toBe(true);
  // Each edit went to a different step (the pathway has more than 8 steps), so each is there.
  for (const t of edits.titles) expect(steps.some((s) => s[edits.field] === t), `${tag}: "${t}"`).toBe(true);
}

describe('kill -9 and restart', () => {
  it('keeps every acknowledged edit, from clients that left and from clients that stayed', { timeout: 180_000 }, async () => {
    const first = app as AppProcess;
    const pathwayId = await copyPathway(db);
    const gp = await signIn(first.baseUrl, 'gp@pathweave.test');
    const consultant = await signIn(first.baseUrl, 'consultant@pathweave.test');

    // A client that edits, is acknowledged, and leaves.
    const leaver = open(first.baseUrl, pathwayId, consultant);
    const start = await synced(leaver);
    const left = edit(leaver, 'left', start, 'patientBenefit');
    await acknowledged(leaver);
    leaver.destroy();

    // A client that edits right up to the crash and stays connected.
    const stayer = open(first.baseUrl, pathwayId, gp);
    await synced(stayer);
    await waitFor('the stayer has the leaver’s edits', () => stayer.getSnapshot().pathway?.steps.some((s) => s.title === 'left step 11') === true);
    const stayed = edit(stayer, 'stayed', stayer.getSnapshot().pathway as Pathway, 'assessment');
    await acknowledged(stayer);

    // No delay: kill at once. Nothing in the server's shutdown path runs.
    await first.kill9();

    // Every acknowledged edit is in PostgreSQL, before anyone reconnects and re-sends anything.
    const onDisk = await storedPathway(db, pathwayId);
    contains(onDisk, left, 'left before the crash');
    contains(onDisk, stayed, 'stayed until the crash');

    // Restart on the same data. A new client sees everything…
    app = await startApp({ port, databaseUrl });
    const fresh = open(app.baseUrl, pathwayId, consultant);
    const after = await synced(fresh, 30_000);
    contains(after, left, 'fresh client: left');
    contains(after, stayed, 'fresh client: stayed');

    // …and the client that stayed reconnects by itself and keeps editing with the others.
    await waitFor('the stayer reconnects', () => stayer.getSnapshot().status === 'synced' || stayer.provider.isSynced, 60_000);
    expect(stayer.apply({ type: 'updateMetadata', patch: { summary: 'After the restart' } }).ok).toBe(true);
    await acknowledged(stayer, 30_000);
    await waitFor('the fresh client sees the stayer’s new edit', () => fresh.getSnapshot().pathway?.summary === 'After the restart');
    expect(fresh.getSnapshot().pathway).toEqual(stayer.getSnapshot().pathway);
  });

  it('a clean stop writes the live document back to the working copy and compacts the log', { timeout: 120_000 }, async () => {
    const current = app as AppProcess;
    const pathwayId = await copyPathway(db);
    const gp = await signIn(current.baseUrl, 'gp@pathweave.test');
    const s = open(current.baseUrl, pathwayId, gp);
    await synced(s);
    expect(s.apply({ type: 'updateMetadata', patch: { title: 'Renamed in the workshop' } }).ok).toBe(true);
    await acknowledged(s);
    const before = await db.query('SELECT revision FROM "Pathway" WHERE id = $1', [pathwayId]);
    await current.stop();
    const row = await db.query('SELECT title, revision, document FROM "Pathway" WHERE id = $1', [pathwayId]);
    expect(row.rows[0].title).toBe('Renamed in the workshop');
    expect(row.rows[0].document.title).toBe('Renamed in the workshop');
    expect(row.rows[0].revision).toBeGreaterThan(before.rows[0].revision);
    const logged = await db.query('SELECT count(*)::int AS n FROM "CollabUpdate" WHERE "pathwayId" = $1', [pathwayId]);
    expect(logged.rows[0].n).toBe(0);
    expect((await storedPathway(db, pathwayId))?.title).toBe('Renamed in the workshop');
    s.destroy();
    app = await startApp({ port, databaseUrl });
  });
});
