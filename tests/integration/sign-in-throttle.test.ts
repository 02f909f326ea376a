// The sign-in throttle (lib/auth/throttle.ts, used by signInWithPassword in lib/auth/options.ts)
// against the real app and a real PostgreSQL: attempts sent all at once cannot slip past the
// count, the address throttled is the one our proxy saw rather than one the client wrote, the
// person is told truly how long to wait, and keys left alone are deleted.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, Session } from '../support/http';

const baseUrl = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
process.env.DATABASE_URL = databaseUrl;
const db = new pg.Client({ connectionString: databaseUrl });
const { countAttempt, FREE_ATTEMPTS, ADDRESS_BURST } = await import('../../lib/auth/throttle');
const { getPrisma, disconnectPrisma } = await import('../../lib/db/client');
const { SIGN_IN_ERRORS } = await import('../../lib/auth/messages');

beforeAll(async () => {
  await db.connect();
});
afterAll(async () => {
  // The people made here stay: audit events are append-only, and their sign-ins are on the record.
  await db.end();
  await disconnectPrisma();
});

const unique = () => randomBytes(5).toString('hex');

/** A new person who signs in with the demo password. */
async function newPerson(): Promise<{ id: string; email: string }> {
  const suffix = unique();
  const person = { id: `throttle${suffix}`, email: `throttle-${suffix}@pathweave.test` };
  await db.query(
    `INSERT INTO "User" (id, name, email, "professionalRole", "passwordHash", "updatedAt")
     SELECT $1, 'Throttled Person', $2, 'pharmacist', "passwordHash", now() FROM "User" WHERE email = 'gp@pathweave.test'`,
    [person.id, person.email],
  );
  return person;
}

const from = (...forwardedFor: string[]) => ({ 'x-forwarded-for': forwardedFor.join(', ') });
const throttled = /^Too many attempts to sign in\./;

/** Sets an address's bucket to `attempts`, as if that many had just been made from it. */
async function fill(key: string, attempts: number): Promise<void> {
  await db.query(
    `INSERT INTO "SignInThrottle" (key, failures, "lastFailedAt") VALUES ($1, $2, now() AT TIME ZONE 'UTC')
     ON CONFLICT (key) DO UPDATE SET failures = $2, "lastFailedAt" = now() AT TIME ZONE 'UTC'`,
    [key, attempts],
  );
}

/** Moves a key's last counted attempt back in time, as if that long had passed. */
async function age(key: string, seconds: number): Promise<void> {
  await db.query(
    `UPDATE "SignInThrottle" SET "lastFailedAt" = "lastFailedAt" - make_interval(secs => $2) WHERE key = $1`,
    [key, seconds],
  );
}

describe('sign-in throttle over HTTP', () => {
  it('checks no more than the free attempts when many wrong passwords come at once, and then holds back even the right one', async () => {
    const person = await newPerson();
    const address = from('10.91.0.1');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => new Session(baseUrl).signIn(person.email, `wrong-${i}`, address)),
    );
    expect(answers.filter((a) => a === SIGN_IN_ERRORS.invalid)).toHaveLength(FREE_ATTEMPTS);
    expect(answers.filter((a) => a !== null && throttled.test(a))).toHaveLength(12 - FREE_ATTEMPTS);
    // Only the attempts let through had their password checked (each checked one is audited).
    const audited = await db.query(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "actorId" = $1 AND outcome = 'denied'`,
      [person.id],
    );
    expect(audited.rows[0].n).toBe(FREE_ATTEMPTS);

    // The right password is held back too, with how long to wait said truly (30 seconds: 1 minute).
    const early = new Session(baseUrl);
    expect(await early.signIn(person.email, DEMO_PASSWORD, address)).toMatch(
      /^Too many attempts to sign in\. Try again in 1 minute\./,
    );
    expect(early.signedIn()).toBe(false);
    // From another address too: the email is held back wherever the attempts come from.
    expect(await new Session(baseUrl).signIn(person.email, DEMO_PASSWORD, from('10.91.0.2'))).toMatch(throttled);

    // Once the wait has passed, the right password signs in and clears the email's count. The
    // address keeps the wrong passwords it sent: the right one takes back only its own attempt.
    await age(`email:${person.email}`, 31);
    const later = new Session(baseUrl);
    expect(await later.signIn(person.email, DEMO_PASSWORD, address)).toBeNull();
    expect(later.signedIn()).toBe(true);
    const left = await db.query('SELECT key, failures FROM "SignInThrottle" WHERE key = ANY($1)', [
      [`email:${person.email}`, 'ip:10.91.0.1'],
    ]);
    expect(left.rows).toEqual([{ key: 'ip:10.91.0.1', failures: FREE_ATTEMPTS }]);
  });

  it('throttles by the address our proxy added, whatever the client wrote to the left of it', async () => {
    const real = '10.91.1.1';
    // The real address has sent all but one of the attempts an address may make.
    await fill(`ip:${real}`, ADDRESS_BURST - 1);
    const answer = await new Session(baseUrl).signIn(
      `spoof-${unique()}@example.test`,
      'wrong',
      from('198.51.100.1', real),
    );
    expect(answer).toBe(SIGN_IN_ERRORS.invalid);
    // A new made-up address on the left, and a new email: still the same real address, so held back.
    expect(
      await new Session(baseUrl).signIn(`spoof-${unique()}@example.test`, 'wrong', from('198.51.100.99', real)),
    ).toMatch(throttled);
    const made = await db.query('SELECT key FROM "SignInThrottle" WHERE key = ANY($1)', [
      ['ip:198.51.100.1', 'ip:198.51.100.99'],
    ]);
    expect(made.rows).toEqual([]);
  });

  it('holds back each real address on its own, even when the client-written part is the same', async () => {
    const spoofed = '192.0.2.66';
    await fill('ip:10.91.2.1', ADDRESS_BURST - 1);
    expect(
      await new Session(baseUrl).signIn(`shared-${unique()}@example.test`, 'wrong', from(spoofed, '10.91.2.1')),
    ).toBe(SIGN_IN_ERRORS.invalid);
    expect(
      await new Session(baseUrl).signIn(`shared-${unique()}@example.test`, 'wrong', from(spoofed, '10.91.2.1')),
    ).toMatch(throttled);
    // Someone else behind our proxy, whose client happened to write the same thing, is not held back.
    expect(
      await new Session(baseUrl).signIn(`shared-${unique()}@example.test`, 'wrong', from(spoofed, '10.91.2.2')),
    ).toBe(SIGN_IN_ERRORS.invalid);
    const person = await newPerson();
    expect(await new Session(baseUrl).signIn(person.email, DEMO_PASSWORD, from(spoofed, '10.91.2.3'))).toBeNull();
  });

  it('lets many people through one address get a password wrong now and then without holding it back', async () => {
    // A hospital behind one address: more mistyped passwords than one email may have, each person
    // then signing in. Nobody is held back.
    const hospital = from('10.91.5.1');
    for (let i = 0; i < FREE_ATTEMPTS + 2; i++) {
      const person = await newPerson();
      expect(await new Session(baseUrl).signIn(person.email, 'mistyped', hospital)).toBe(SIGN_IN_ERRORS.invalid);
      expect(await new Session(baseUrl).signIn(person.email, DEMO_PASSWORD, hospital)).toBeNull();
    }
    const row = await db.query('SELECT failures FROM "SignInThrottle" WHERE key = $1', ['ip:10.91.5.1']);
    expect(row.rows).toEqual([{ failures: FREE_ATTEMPTS + 2 }]);
  });

  it('does not let someone with an account of their own empty the address between guesses at other people', async () => {
    const attacker = await newPerson();
    const place = from('10.91.6.1');
    await fill('ip:10.91.6.1', ADDRESS_BURST - 2);
    // A guess at someone else's password, then the attacker's own right password, twice over: each
    // right password takes back only itself, so the guesses add up and the address is held back.
    expect(await new Session(baseUrl).signIn(`victim-${unique()}@example.test`, 'guess-1', place)).toBe(
      SIGN_IN_ERRORS.invalid,
    );
    expect(await new Session(baseUrl).signIn(attacker.email, DEMO_PASSWORD, place)).toBeNull();
    expect(await new Session(baseUrl).signIn(`victim-${unique()}@example.test`, 'guess-2', place)).toBe(
      SIGN_IN_ERRORS.invalid,
    );
    expect(await new Session(baseUrl).signIn(attacker.email, DEMO_PASSWORD, place)).toMatch(throttled);
    expect(await new Session(baseUrl).signIn(`victim-${unique()}@example.test`, 'guess-3', place)).toMatch(throttled);
    // A minute on, one attempt has drained, and one more may be made.
    await age('ip:10.91.6.1', 60);
    expect(await new Session(baseUrl).signIn(`victim-${unique()}@example.test`, 'guess-4', place)).toBe(
      SIGN_IN_ERRORS.invalid,
    );
    expect(await new Session(baseUrl).signIn(`victim-${unique()}@example.test`, 'guess-5', place)).toMatch(throttled);
  });

  it('says the same for a registered email and an unknown one, and says truly how long a longer wait is', async () => {
    const person = await newPerson();
    const unknown = `nobody-${unique()}@pathweave.test`;
    for (const [email, address] of [
      [person.email, '10.91.3.1'],
      [unknown, '10.91.3.2'],
    ] as const) {
      for (let i = 0; i < FREE_ATTEMPTS; i++) await new Session(baseUrl).signIn(email, `wrong-${i}`, from(address));
    }
    const registered = await new Session(baseUrl).signIn(person.email, DEMO_PASSWORD, from('10.91.3.3'));
    expect(registered).toMatch(/^Too many attempts to sign in\. Try again in 1 minute\./);
    expect(await new Session(baseUrl).signIn(unknown, 'wrong', from('10.91.3.4'))).toBe(registered);

    // After many more attempts the wait has grown to its longest, and the message says so.
    await db.query(
      `UPDATE "SignInThrottle" SET failures = 12, "lastFailedAt" = now() AT TIME ZONE 'UTC' WHERE key = $1`,
      [`email:${person.email}`],
    );
    expect(await new Session(baseUrl).signIn(person.email, DEMO_PASSWORD, from('10.91.3.5'))).toMatch(
      /^Too many attempts to sign in\. Try again in 15 minutes\. .*ask your workspace facilitator/,
    );
  });

  it('deletes keys left alone for a day as sign-ins come, and keeps recent ones', async () => {
    const quiet = [`email:quiet-${unique()}@example.test`, `ip:10.91.4.${Math.floor(Math.random() * 250)}`];
    const recent = `email:recent-${unique()}@example.test`;
    await db.query(
      `INSERT INTO "SignInThrottle" (key, failures, "lastFailedAt")
       SELECT k, 9, now() AT TIME ZONE 'UTC' - interval '25 hours' FROM unnest($1::text[]) AS k`,
      [quiet],
    );
    await db.query(
      `INSERT INTO "SignInThrottle" (key, failures, "lastFailedAt") VALUES ($1, 9, now() AT TIME ZONE 'UTC' - interval '1 hour')`,
      [recent],
    );
    await new Session(baseUrl).signIn(`someone-${unique()}@example.test`, 'wrong', from('10.91.4.254'));
    const rows = await db.query('SELECT key FROM "SignInThrottle" WHERE key = ANY($1) ORDER BY key', [
      [...quiet, recent],
    ]);
    expect(rows.rows.map((r) => r.key)).toEqual([recent]);
  });
});

describe('countAttempt against PostgreSQL, with a clock of its own', () => {
  const t0 = new Date();
  const at = (ms: number) => () => new Date(t0.getTime() + ms);

  it('lets exactly the free attempts through when they all come at once', async () => {
    const keys = [`email:race-${unique()}@example.test`, `ip:race-${unique()}`];
    const results = await Promise.all(Array.from({ length: 12 }, () => countAttempt(getPrisma(), keys, at(0))));
    expect(results.filter((r) => r.allowed)).toHaveLength(FREE_ATTEMPTS);
    for (const r of results.filter((r) => !r.allowed)) expect(r).toEqual({ allowed: false, retryAfterMs: 30_000 });
  });

  it('doubles the wait after the free attempts, and starts afresh after a quiet day', async () => {
    const keys = [`email:clock-${unique()}@example.test`];
    for (let i = 0; i < FREE_ATTEMPTS; i++)
      expect(await countAttempt(getPrisma(), keys, at(i))).toEqual({ allowed: true });
    const last = FREE_ATTEMPTS - 1;
    expect(await countAttempt(getPrisma(), keys, at(last + 10_000))).toEqual({ allowed: false, retryAfterMs: 20_000 });
    expect(await countAttempt(getPrisma(), keys, at(last + 30_000))).toEqual({ allowed: true });
    expect(await countAttempt(getPrisma(), keys, at(last + 30_001))).toEqual({ allowed: false, retryAfterMs: 59_999 });
    const day = 24 * 60 * 60_000;
    expect(await countAttempt(getPrisma(), keys, at(last + 30_000 + day))).toEqual({ allowed: true });
    const row = await db.query('SELECT failures FROM "SignInThrottle" WHERE key = $1', [keys[0]]);
    expect(row.rows[0].failures).toBe(1);
  });

  it('refuses, uncounted, an attempt whose turn on its key does not come (a flood), instead of queueing on a connection', async () => {
    const key = `email:flood-${unique()}@example.test`;
    // Another attempt holds the key's turn and does not let go.
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`signin-throttle:${key}`]);
      expect(await countAttempt(getPrisma(), [key], at(0))).toEqual({ allowed: false, retryAfterMs: 30_000 });
      const row = await db.query('SELECT key FROM "SignInThrottle" WHERE key = $1', [key]);
      expect(row.rows).toEqual([]);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    // Its turn free again, the next attempt is counted as usual.
    expect(await countAttempt(getPrisma(), [key], at(1))).toEqual({ allowed: true });
  });

  it('counts nothing for a refused attempt, on any of its keys', async () => {
    const address = `ip:held-${unique()}`;
    for (let i = 0; i < ADDRESS_BURST; i++)
      await countAttempt(getPrisma(), [`email:a${i}-${unique()}@example.test`, address], at(0));
    const email = `email:innocent-${unique()}@example.test`;
    expect(await countAttempt(getPrisma(), [email, address], at(1_000))).toEqual({
      allowed: false,
      retryAfterMs: 59_000,
    });
    const row = await db.query('SELECT key FROM "SignInThrottle" WHERE key = $1', [email]);
    expect(row.rows).toEqual([]);
  });

  it('holds an address to its bucket, then lets one attempt through each time one drains, keeping the time left over', async () => {
    const address = `ip:bucket-${unique()}`;
    const attempt = (ms: number) => countAttempt(getPrisma(), [`email:b-${unique()}@example.test`, address], at(ms));
    const all = await Promise.all(Array.from({ length: ADDRESS_BURST + 5 }, () => attempt(0)));
    expect(all.filter((r) => r.allowed)).toHaveLength(ADDRESS_BURST);
    expect(await attempt(1)).toEqual({ allowed: false, retryAfterMs: 59_999 });
    expect(await attempt(60_000)).toEqual({ allowed: true });
    expect(await attempt(60_001)).toEqual({ allowed: false, retryAfterMs: 59_999 });
    // Two and a half drains later: two attempts, then a wait of half a drain.
    expect(await attempt(210_000)).toEqual({ allowed: true });
    expect(await attempt(210_000)).toEqual({ allowed: true });
    expect(await attempt(210_000)).toEqual({ allowed: false, retryAfterMs: 30_000 });
  });
});
