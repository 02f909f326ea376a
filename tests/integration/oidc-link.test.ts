// Single sign-on (lib/auth/oidc-link.ts) against the real database: a person is matched by email
// only when the provider has verified it, and afterwards by the provider account they signed in
// with. Every outcome is audited.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { userId } from './collab-support';

const databaseUrl = inject('databaseUrl');
process.env.DATABASE_URL = databaseUrl;
const db = new pg.Client({ connectionString: databaseUrl });
const { linkOidcSignIn } = await import('../../lib/auth/oidc-link');
const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');

const PROVIDER = 'oidc';
const made: string[] = [];

beforeAll(async () => {
  await db.connect();
});
afterAll(async () => {
  await db.query('DELETE FROM "Account" WHERE provider = $1 AND "providerAccountId" = ANY($2)', [PROVIDER, made]);
  await db.end();
  await disconnectPrisma();
});

/** A sign-in from the provider as next-auth hands it to the signIn callback. */
function signIn(email: string | null, emailVerified: unknown, sub = `sub-${randomUUID()}`) {
  made.push(sub);
  return {
    user: { id: sub, email },
    account: { provider: PROVIDER, providerAccountId: sub, type: 'oauth', scope: 'openid email' },
    profile: emailVerified === undefined ? {} : { email_verified: emailVerified },
  };
}

async function linkedUser(sub: string): Promise<string | null> {
  const res = await db.query('SELECT "userId" FROM "Account" WHERE provider = $1 AND "providerAccountId" = $2', [
    PROVIDER,
    sub,
  ]);
  return (res.rows[0]?.userId as string | undefined) ?? null;
}

async function latestSignInAudit(since: Date): Promise<{ outcome: string; actorId: string | null }[]> {
  const res = await db.query(
    `SELECT outcome, "actorId" FROM "AuditEvent" WHERE action = 'signin' AND "resourceType" = 'session' AND at >= $1 ORDER BY at`,
    [since],
  );
  return res.rows as { outcome: string; actorId: string | null }[];
}

describe('single sign-on', () => {
  it('refuses a registered person’s email that the provider has not verified, and links nothing', async () => {
    const since = new Date(Date.now() - 1000);
    for (const claim of [false, 'false', undefined, 1, 'yes']) {
      const attempt = signIn('patient@pathweave.test', claim);
      expect(await linkOidcSignIn(getPrisma(), attempt), `email_verified = ${String(claim)}`).toBe('emailNotVerified');
      expect(await linkedUser(attempt.account.providerAccountId)).toBeNull();
      expect(attempt.user.id).toBe(attempt.account.providerAccountId);
    }
    const audit = await latestSignInAudit(since);
    expect(audit.filter((a) => a.outcome === 'denied' && a.actorId === null).length).toBeGreaterThanOrEqual(5);
  });

  it('gives the same answer for an unverified email whether or not it is registered', async () => {
    expect(await linkOidcSignIn(getPrisma(), signIn('nobody-here@pathweave.test', false))).toBe('emailNotVerified');
    expect(await linkOidcSignIn(getPrisma(), signIn('patient@pathweave.test', false))).toBe('emailNotVerified');
  });

  it('refuses a verified email that no one registered', async () => {
    const attempt = signIn('nobody-here@pathweave.test', true);
    expect(await linkOidcSignIn(getPrisma(), attempt)).toBe('notRegistered');
    expect(await linkOidcSignIn(getPrisma(), signIn(null, true))).toBe('notRegistered');
    expect(await linkedUser(attempt.account.providerAccountId)).toBeNull();
  });

  it('links a verified email to the registered person, then knows them by their provider account', async () => {
    const patient = await userId(db, 'patient@pathweave.test');
    const since = new Date(Date.now() - 1000);
    const first = signIn(' Patient@Pathweave.test ', 'true');
    expect(await linkOidcSignIn(getPrisma(), first)).toBe(true);
    expect(first.user.id).toBe(patient);
    expect(await linkedUser(first.account.providerAccountId)).toBe(patient);
    expect(await latestSignInAudit(since)).toContainEqual({ outcome: 'allowed', actorId: patient });

    // Next time the provider sends another email, unverified: the account, not the email, decides.
    const again = signIn('changed@elsewhere.example', false, first.account.providerAccountId);
    expect(await linkOidcSignIn(getPrisma(), again)).toBe(true);
    expect(again.user.id).toBe(patient);
  });

  it('does not let a second provider account take over a person without a verified email', async () => {
    const gp = await userId(db, 'gp@pathweave.test');
    const owner = signIn('gp@pathweave.test', true);
    expect(await linkOidcSignIn(getPrisma(), owner)).toBe(true);
    const intruder = signIn('gp@pathweave.test', false);
    expect(await linkOidcSignIn(getPrisma(), intruder)).toBe('emailNotVerified');
    expect(intruder.user.id).not.toBe(gp);
    expect(await linkedUser(intruder.account.providerAccountId)).toBeNull();
  });
});
