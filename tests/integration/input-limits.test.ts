import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import type { CollaborativeSession } from '../../lib/collab/client';
import { DEMO_PASSWORD, Session } from '../support/http';
import { acknowledged, copyPathway, openSession, signIn, synced, waitFor } from './collab-support';

/**
 * Input the database could never store, and bodies far larger than a route can use, over real HTTP
 * against the real app: each gets an answer the person can act on (422 naming the field, 413
 * naming the limit), never "something went wrong, try again", which would never work.
 */
const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const db = new pg.Client({ connectionString: databaseUrl });

const PATIENT = 'patient@pathweave.test'; // Arthur: his own plan, with an action of his own
let planId = '';
let actionId = '';
let pathwayId = '';

beforeAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await db.connect();
  // Arthur's demo plan, seeded as tests/integration/care-plans.test.ts does (a no-op once it exists).
  const [{ seedCarePlans }, { getPrisma, disconnectPrisma }] = await Promise.all([
    import('@/lib/db/seed-care-plans'),
    import('@/lib/db/client'),
  ]);
  await getPrisma().$transaction((tx) => seedCarePlans(tx));
  await disconnectPrisma();
  const patient = (await db.query('SELECT id FROM "User" WHERE email = $1', [PATIENT])).rows[0].id;
  planId = (await db.query('SELECT id FROM "CarePlan" WHERE "patientId" = $1', [patient])).rows[0].id;
  actionId = (
    await db.query(
      `SELECT id FROM "CarePlanAction" WHERE "carePlanId" = $1 AND "ownerKind" = 'person' ORDER BY position LIMIT 1`,
      [planId],
    )
  ).rows[0].id;
  pathwayId = (await db.query('SELECT id FROM "Pathway" ORDER BY "createdAt" LIMIT 1')).rows[0].id;
});

const sessions: CollaborativeSession[] = [];

afterAll(async () => {
  for (const session of sessions) session.destroy();
  await db.end();
});

async function signedIn(email: string, ip: string): Promise<Session> {
  const s = new Session(baseUrl);
  expect(await s.signIn(email, DEMO_PASSWORD, { 'x-forwarded-for': ip }), `sign-in of ${email}`).toBeNull();
  return s;
}

const notes = async () =>
  (await db.query('SELECT count(*)::int AS n FROM "CarePlanNote" WHERE "carePlanId" = $1', [planId])).rows[0]
    .n as number;

function post(s: Session, path: string, body: string): Promise<Response> {
  return s.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

describe('text the database cannot store', () => {
  it('refuses a note with NUL (U+0000) as 422 naming the field, not 500, and stores nothing', async () => {
    const s = await signedIn(PATIENT, '10.9.0.1');
    const before = await notes();
    const res = await post(s, `/api/care-plans/${planId}/notes`, JSON.stringify({ body: 'Felt dizzy\u0000 today' }));
    expect(res.status).toBe(422);
    const answer = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(answer.errors).toEqual([
      {
        path: 'body',
        message: expect.stringMatching(
          /^Your note: the text has a character that cannot be stored \(U\+0000\) after “Felt dizzy”\. Delete it/,
        ),
      },
    ]);
    // Half an emoji (which jsonb refuses, and text would silently turn into �) likewise.
    const half = await post(s, `/api/care-plans/${planId}/notes`, '{"body":"Felt better \\ud83d"}');
    expect(half.status).toBe(422);
    expect(await notes()).toBe(before);
    // A whole emoji is fine.
    expect((await post(s, `/api/care-plans/${planId}/notes`, JSON.stringify({ body: 'Felt better 😀' }))).status).toBe(
      201,
    );
    expect(await notes()).toBe(before + 1);
  });
});

describe('request bodies far larger than a route can use', () => {
  it('refuses a 20 KB note body as 413 naming the limit, and still takes the longest note however it is written', async () => {
    const s = await signedIn(PATIENT, '10.9.0.2');
    const before = await notes();
    const res = await post(s, `/api/care-plans/${planId}/notes`, JSON.stringify({ body: 'n'.repeat(20_000) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: 'The request body is 19.6 KB, larger than the 13 KB limit, so nothing was read or changed.',
    });
    expect(await notes()).toBe(before);

    // 2,000 characters (the longest note), every one escaped as \uXXXX: 12 KB, and it fits.
    const longest = `{"body":"${'\\u00e9'.repeat(2000)}"}`;
    expect(longest.length).toBeGreaterThan(12_000);
    expect((await post(s, `/api/care-plans/${planId}/notes`, longest)).status).toBe(201);
    // Just over the longest note still gets the field's own sentence, not 413.
    const tooLong = await post(s, `/api/care-plans/${planId}/notes`, JSON.stringify({ body: 'n'.repeat(2001) }));
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as { errors: { message: string }[] }).errors[0]?.message).toBe(
      'Your note: 2,001 characters is too long; keep it to 2,000 or fewer.',
    );
  });

  it('refuses more than 1 KB for ticking off an action, whose body is only { "done": true }', async () => {
    const s = await signedIn(PATIENT, '10.9.0.3');
    const res = await post(
      s,
      `/api/care-plans/${planId}/actions/${actionId}`,
      JSON.stringify({ done: true, padding: 'x'.repeat(2000) }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /larger than the 1 KB limit, so nothing was read or changed\.$/,
    );
    expect(
      (await post(s, `/api/care-plans/${planId}/actions/${actionId}`, JSON.stringify({ done: false }))).status,
    ).toBe(200);
  });

  it('refuses a workshop command larger than any command needs before reading it all', async () => {
    const s = await signedIn('gp@pathweave.test', '10.9.0.4');
    const res = await post(
      s,
      `/api/pathways/${pathwayId}/workshop`,
      JSON.stringify({ op: 'round.consensus', value: 'met', reason: 'r'.repeat(700_000) }),
    );
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /^The request body is 683\.7 KB, larger than the 587 KB limit/,
    );
  });
});

describe('the live workshop', () => {
  it('keeps writing the room’s pathway back when a client puts NUL (U+0000) in a step title', async () => {
    // The editor's commands refuse such text; an old or hand-written client can still send it as a
    // raw update. Before, every write-back of the room then failed at jsonb, for good.
    const live = await copyPathway(db);
    const session = openSession(baseUrl, live, { cookie: await signIn(baseUrl, 'gp@pathweave.test') });
    sessions.push(session);
    const first = (await synced(session)).steps[0]!;
    session.ydoc.transact(() => {
      (session.ydoc.getMap('steps').get(first.id) as Y.Map<unknown>).set('title', 'Breathless\u0000ness review');
    });
    const edited = session.apply({
      type: 'updateStep',
      stepId: first.id,
      patch: { patientBenefit: 'Breathes easier' },
    });
    expect(edited.ok).toBe(true);
    await acknowledged(session);
    const stored = async () =>
      (await db.query('SELECT document FROM "Pathway" WHERE id = $1', [live])).rows[0].document as {
        steps: { id: string; title: string; patientBenefit?: string }[];
      };
    // Written back (after the room's short delay) without the NUL, with the edit made after it.
    await waitFor(
      'the write-back',
      async () => (await stored()).steps.find((s) => s.id === first.id)?.patientBenefit === 'Breathes easier',
      20_000,
    );
    expect((await stored()).steps.find((s) => s.id === first.id)?.title).toBe('Breathlessness review');
    expect(session.getSnapshot().pathway?.steps[0]?.title).toBe('Breathlessness review');
  });
});
