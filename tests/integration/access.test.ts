import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { DEMO_PASSWORD, Session } from '../support/http';
import { TEST_SECRET } from './collab-support';

/**
 * Real HTTP requests to the real app, as each kind of person, against a real PostgreSQL.
 * Denials must look exactly like "not found".
 */
const baseUrl = inject('baseUrl');
const db = new pg.Client({ connectionString: inject('databaseUrl') });
let slug = '';
let pathwayId = '';

beforeAll(async () => {
  await db.connect();
  const ws = await db.query(`SELECT slug FROM "Workspace" WHERE name = 'Riverside GP Cluster'`);
  slug = ws.rows[0].slug;
  const p = await db.query('SELECT id FROM "Pathway" ORDER BY title LIMIT 1');
  pathwayId = p.rows[0].id;
});
afterAll(async () => {
  await db.end();
});

async function as(email: string): Promise<Session> {
  const s = new Session(baseUrl);
  const error = await s.signIn(email, DEMO_PASSWORD);
  expect(error, `sign-in of ${email}`).toBeNull();
  expect(s.signedIn()).toBe(true);
  return s;
}

const MEMBERS = [
  ['facilitator (GP)', 'gp@pathweave.test'],
  ['editor (consultant)', 'consultant@pathweave.test'],
  ['commenter (voluntary sector)', 'voluntary@pathweave.test'],
  ['viewer (manager)', 'manager@pathweave.test'],
] as const;
const NON_MEMBERS = [
  ['patient', 'patient@pathweave.test'],
  ['carer', 'carer@pathweave.test'],
  ['GP who facilitates another workspace', 'outsider.gp@pathweave.test'],
] as const;

describe('health', () => {
  it('reports the database reachable, without signing in', async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });
});

describe('workspace pages and the pathway API by role', () => {
  for (const [label, email] of MEMBERS) {
    it(`a ${label} sees the workspace's pathways and can export one`, async () => {
      const s = await as(email);
      const page = await s.fetch(`/w/${slug}/pathways`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('COPD');
      const api = await s.fetch(`/api/pathways/${pathwayId}`);
      expect(api.status).toBe(200);
      const doc = (await api.json()) as { format: string; steps: unknown[] };
      expect(doc.format).toBe('pathweave.pathway/v1');
      expect(doc.steps.length).toBeGreaterThan(3);
    });
  }

  for (const [label, email] of NON_MEMBERS) {
    it(`a ${label} gets "not found" for workspace pages and pathway data, exactly as for things that do not exist`, async () => {
      const s = await as(email);
      const real = await s.fetch(`/w/${slug}/pathways`);
      const fake = await s.fetch(`/w/no-such-workspace/pathways`);
      expect(real.status).toBe(404);
      expect(fake.status).toBe(404);
      const realPathway = await s.fetch(`/w/${slug}/pathways/${pathwayId}`);
      expect(realPathway.status).toBe(404);
      const api = await s.fetch(`/api/pathways/${pathwayId}`);
      const missing = await s.fetch(`/api/pathways/does-not-exist`);
      expect(api.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(await api.text()).toBe(await missing.text());
      // Their own landing page works.
      const mine = await s.fetch('/my-plan');
      expect(mine.status).toBe(200);
    });
  }

  it('sends someone who is not signed in to the sign-in page, and the API answers 401', async () => {
    const anon = new Session(baseUrl);
    const page = await anon.fetch(`/w/${slug}/pathways`);
    expect([303, 307]).toContain(page.status);
    expect(page.headers.get('location')).toContain('/signin');
    const api = await anon.fetch(`/api/pathways/${pathwayId}`);
    expect(api.status).toBe(401);
  });

  it('answers an unknown route with a real 404 page', async () => {
    const res = await fetch(`${baseUrl}/this/page/does/not/exist`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });
});

describe('sign-in', () => {
  it('gives the same generic message for a wrong password and for an unknown email, and records the failures', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'signin' AND outcome = 'denied'`);
    const wrong = await new Session(baseUrl).signIn('gp@pathweave.test', 'not-the-password', { 'x-forwarded-for': '10.0.0.1' });
    const unknown = await new Session(baseUrl).signIn('nobody@pathweave.test', 'whatever', { 'x-forwarded-for': '10.0.0.2' });
    expect(wrong).toBeTruthy();
    expect(wrong).toBe(unknown);
    expect(wrong).not.toMatch(/exist|unknown|no such/i);
    const after = await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'signin' AND outcome = 'denied'`);
    expect(after.rows[0].n - before.rows[0].n).toBe(2);
  });

  it('slows down repeated failures: after five, even the right password must wait', async () => {
    const email = 'pharmacist@pathweave.test';
    const address = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 5; i++) {
      expect(await new Session(baseUrl).signIn(email, `wrong-${i}`, address)).toBeTruthy();
    }
    const s = new Session(baseUrl);
    const error = await s.signIn(email, DEMO_PASSWORD, address);
    expect(error).toMatch(/too many attempts/i);
    expect(s.signedIn()).toBe(false);
    // A different person on another address is not held up by it.
    const other = new Session(baseUrl);
    expect(await other.signIn('social.worker@pathweave.test', DEMO_PASSWORD, { 'x-forwarded-for': '10.8.8.8' })).toBeNull();
    // Put right for the files that sign in as this person next (as waiting the half-minute out would).
    await db.query('DELETE FROM "SignInThrottle" WHERE key = ANY($1)', [[`email:${email}`, 'ip:10.9.9.9']]);
  });

  it('next-auth’s own sign-out ends the session everywhere, as the sign-out form does, and it is on the record', async () => {
    const s = await as('gp@pathweave.test');
    // A copy of the cookie (another tab, or a token copied from this browser).
    const cookie = s.cookieHeader();
    const asCopy = (path: string) => fetch(baseUrl + path, { headers: { cookie }, redirect: 'manual' });
    expect((await asCopy(`/api/pathways/${pathwayId}`)).status).toBe(200);
    const userId = (await db.query('SELECT id FROM "User" WHERE email = $1', ['gp@pathweave.test'])).rows[0].id as string;
    const audited = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE action = 'auth:signOut' AND "actorId" = $1`, [userId])).rows[0].n as number;
    const before = await audited();

    const { csrfToken } = (await (await s.fetch('/api/auth/csrf')).json()) as { csrfToken: string };
    const out = await s.fetch('/api/auth/signout', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, json: 'true' }).toString(),
    });
    expect(out.status).toBeLessThan(400);
    expect(s.signedIn()).toBe(false);
    // The copy no longer works either: the session's id is recorded as ended.
    expect((await asCopy(`/api/pathways/${pathwayId}`)).status).toBe(401);
    expect(await audited()).toBe(before + 1);
    // Nor can the copy be kept alive by renewing it: next-auth's session endpoint gives no session
    // and clears the cookie rather than renewing it (so it cannot outlive the record it was ended).
    const renewal = await asCopy('/api/auth/session');
    expect(await renewal.json()).toEqual({});
    const setCookies = renewal.headers.getSetCookie().filter((c) => c.startsWith('next-auth.session-token='));
    expect(setCookies.length).toBeGreaterThan(0);
    for (const c of setCookies) expect(c).toMatch(/^next-auth\.session-token=;/);
  });

  it('ends a session twelve hours after sign-in however often it was renewed, and one that does not say when it began', async () => {
    const userId = (await db.query('SELECT id FROM "User" WHERE email = $1', ['gp@pathweave.test'])).rows[0].id as string;
    const hour = 60 * 60_000;
    const token = (claims: Record<string, unknown>) =>
      encode({ token: { sub: userId, sid: `old-${hour}-${Math.random()}`, ...claims }, secret: TEST_SECRET, maxAge: 8 * 3600 });
    const use = async (t: string, path: string) => fetch(baseUrl + path, { headers: { cookie: `next-auth.session-token=${t}` }, redirect: 'manual' });
    // Signed in 11 hours ago and renewed since: still a session.
    const recent = await token({ signedInAt: Date.now() - 11 * hour });
    expect((await use(recent, `/api/pathways/${pathwayId}`)).status).toBe(200);
    expect(await (await use(recent, '/api/auth/session')).json()).toMatchObject({ user: { id: userId } });
    // Signed in 13 hours ago, with a token that is itself still in date: no session, not renewed.
    for (const old of [await token({ signedInAt: Date.now() - 13 * hour }), await token({})]) {
      expect((await use(old, `/api/pathways/${pathwayId}`)).status).toBe(401);
      const renewal = await use(old, '/api/auth/session');
      expect(await renewal.json()).toEqual({});
      for (const c of renewal.headers.getSetCookie().filter((c) => c.startsWith('next-auth.session-token=')))
        expect(c).toMatch(/^next-auth\.session-token=;/);
    }
  });

  it('issues sessions that expire', async () => {
    const s = await as('community.nurse@pathweave.test');
    const session = (await (await s.fetch('/api/auth/session')).json()) as { expires: string; user: { email: string } };
    expect(session.user.email).toBe('community.nurse@pathweave.test');
    const hours = (new Date(session.expires).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(7);
    expect(hours).toBeLessThanOrEqual(8.01);
  });
});

describe('audit trail', () => {
  it('refuses to change or delete audit events', async () => {
    await expect(db.query(`UPDATE "AuditEvent" SET outcome = 'allowed'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it('refuses to change a saved pathway version', async () => {
    await expect(db.query(`UPDATE "PathwayVersion" SET document = '{}'::jsonb`)).rejects.toThrow(/immutable/);
  });
});
