// Two app servers sharing one pathway through Redis (issue 5 "Several servers"): people on either
// server edit at once and everyone ends with the same document; without Redis two servers would
// not see each other's edits (stack-notes.md), so this checks the extension is really in use.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CollaborativeSession } from '../../lib/collab/client';
import { acknowledged, copyPathway, openSession, signIn, startApp, storedPathway, synced, waitFor, type AppProcess } from './collab-support';

const databaseUrl = inject('databaseUrl');
const basePort = Number(process.env.PATHWEAVE_IT_PORT ?? 3200) + 12;
const redisUrl = process.env.PATHWEAVE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const db = new pg.Client({ connectionString: databaseUrl });
const apps: AppProcess[] = [];
const sessions: CollaborativeSession[] = [];

beforeAll(async () => {
  await db.connect();
  const [one, two] = await Promise.all([
    startApp({ port: basePort, databaseUrl, env: { REDIS_URL: redisUrl } }),
    startApp({ port: basePort + 1, databaseUrl, env: { REDIS_URL: redisUrl } }),
  ]);
  apps.push(one, two);
}, 180_000);

afterAll(async () => {
  for (const s of sessions) s.destroy();
  await Promise.all(apps.map((a) => a.stop()));
  await db.end();
});

/** The room notices a session hears from now on (after any sent while it joined have settled). */
async function noticesHeardBy(session: CollaborativeSession): Promise<string[]> {
  const heard: string[] = [];
  session.onRoomChanged((topic) => heard.push(topic));
  await new Promise((r) => setTimeout(r, 300));
  heard.length = 0;
  return heard;
}

/** The facilitator sets the workshop timer through one server; the HTTP status. */
async function setTimer(app: AppProcess, cookie: string, pathwayId: string, label: string): Promise<number> {
  const res = await fetch(`${app.baseUrl}/api/pathways/${pathwayId}/workshop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ op: 'timer.set', label, minutes: 5 }),
  });
  return res.status;
}

describe('two servers with Redis', () => {
  it('people on different servers edit one pathway at once and converge', { timeout: 120_000 }, async () => {
    const [one, two] = apps as [AppProcess, AppProcess];
    const pathwayId = await copyPathway(db);
    const clients: CollaborativeSession[] = [];
    for (const [app, email] of [
      [one, 'gp@pathweave.test'],
      [two, 'consultant@pathweave.test'],
      [one, 'commissioner@pathweave.test'],
      [two, 'pharmacist@pathweave.test'],
    ] as const) {
      const s = openSession(app.baseUrl, pathwayId, { cookie: await signIn(app.baseUrl, email) });
      sessions.push(s);
      clients.push(s);
    }
    const start = await synced(clients[0] as CollaborativeSession);
    await Promise.all(clients.map((c) => synced(c)));

    // Concurrent edits on both servers: new steps, different fields of one step, the same field.
    const target = start.steps[1]!.id;
    clients.forEach((c, i) => {
      for (let k = 0; k < 5; k++) {
        const r = c.apply({ type: 'addStep', input: { kind: 'support', sector: 'voluntary_community', title: `client ${i} step ${k}` } });
        expect(r.ok).toBe(true);
      }
    });
    expect(clients[0]!.apply({ type: 'updateStep', stepId: target, patch: { title: 'Title from server one' } }).ok).toBe(true);
    expect(clients[1]!.apply({ type: 'updateStep', stepId: target, patch: { setting: 'pharmacy', flags: { carerInvolved: true } } }).ok).toBe(true);
    expect(clients[2]!.apply({ type: 'updateStep', stepId: target, patch: { patientBenefit: 'From one' } }).ok).toBe(true);
    expect(clients[3]!.apply({ type: 'updateStep', stepId: target, patch: { patientBenefit: 'From two' } }).ok).toBe(true);
    await Promise.all(clients.map((c) => acknowledged(c)));

    await waitFor(
      'all four copies are the same, with every added step',
      () => {
        const docs = clients.map((c) => JSON.stringify(c.getSnapshot().pathway));
        const steps = clients[0]!.getSnapshot().pathway?.steps ?? [];
        return docs.every((d) => d === docs[0]) && steps.filter((s) => s.title.startsWith('client ')).length === 20;
      },
      30_000,
    );
    const doc = clients[0]!.getSnapshot().pathway!;
    const edited = doc.steps.find((s) => s.id === target)!;
    expect(edited).toMatchObject({ title: 'Title from server one', setting: 'pharmacy' });
    expect(edited.flags.carerInvolved).toBe(true);
    expect(['From one', 'From two']).toContain(edited.patientBenefit);

    // What is stored (both servers logged their own clients' updates) is the same document.
    expect(await storedPathway(db, pathwayId)).toEqual(doc);
    // And someone joining on either server now gets it.
    for (const app of [one, two]) {
      const late = openSession(app.baseUrl, pathwayId, { cookie: await signIn(app.baseUrl, 'practice.nurse@pathweave.test') });
      sessions.push(late);
      expect(await synced(late)).toEqual(doc);
    }
    // Presence crosses servers too.
    await waitFor('the GP on server one sees the pharmacist on server two', () =>
      clients[0]!.getSnapshot().peers.some((p) => p.user.name === 'Idris Calloway'),
    );
  });

  it('a workshop change made on one server reaches people connected to the other', { timeout: 60_000 }, async () => {
    const [one, two] = apps as [AppProcess, AppProcess];
    const pathwayId = await copyPathway(db);
    const gpCookie = await signIn(one.baseUrl, 'gp@pathweave.test');
    const here = openSession(one.baseUrl, pathwayId, { cookie: gpCookie });
    const there = openSession(two.baseUrl, pathwayId, { cookie: await signIn(two.baseUrl, 'manager@pathweave.test') });
    sessions.push(here, there);
    await Promise.all([synced(here), synced(there)]);
    const heard = await noticesHeardBy(there);
    // The facilitator sets the timer through server one; the manager is on server two.
    expect(await setTimer(one, gpCookie, pathwayId, 'Across servers')).toBe(200);
    await waitFor('the notice relayed through Redis', () => heard.includes('workshop'), 15_000);
  });

  it('a change made through a server where nobody has the pathway open still reaches the room', { timeout: 60_000 }, async () => {
    const [one, two] = apps as [AppProcess, AppProcess];
    const pathwayId = await copyPathway(db);
    // Everyone is on server two; the facilitator's request lands on server one, which has no copy of the document.
    const gpCookie = await signIn(one.baseUrl, 'gp@pathweave.test');
    const there = openSession(two.baseUrl, pathwayId, { cookie: await signIn(two.baseUrl, 'manager@pathweave.test') });
    sessions.push(there);
    await synced(there);
    const heard = await noticesHeardBy(there);
    expect(await setTimer(one, gpCookie, pathwayId, 'From the other server')).toBe(200);
    await waitFor('the notice published to Redis by a server without the document', () => heard.includes('workshop'), 10_000);
    expect(heard.filter((t) => t === 'workshop')).toHaveLength(1);
  });
});
