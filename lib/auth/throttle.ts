import type { PrismaClient } from '@/lib/db/client';
import { LONGEST_THROTTLE_MINUTES } from './messages';

/**
 * Slows down repeated sign-in attempts, per email and per client address, stored in the database
 * so it holds across restarts and across app instances. Each attempt is counted before its password
 * is checked, one attempt at a time per key, so attempts sent all at once cannot slip past the
 * count. A key left alone for FORGET_AFTER_MS is forgotten (its row deleted).
 *
 * The two kinds of key are held back differently, because they guard against different things:
 * - **An email** (guessing one person's password): after FREE_ATTEMPTS, each further attempt must
 *   wait a doubling interval (capped). A sign-in with the right password clears the count.
 * - **An address** (trying many people's passwords from one place): a bucket that holds
 *   ADDRESS_BURST attempts and empties by one every ADDRESS_DRAIN_MS. A right password takes back
 *   only its own attempt, never the others: otherwise someone with an account of their own could
 *   empty it between guesses at other people's. The bucket is larger than the email's allowance
 *   and drains by itself, so a whole hospital signing in through one address is not held back by
 *   a few mistyped passwords.
 *
 * The table's `failures` column counts attempts not yet taken back by a right password. For an
 * email, `lastFailedAt` is when the last of them was counted; for an address, it is when the
 * bucket last drained (or the last attempt, when it was empty), so time left over is not lost.
 */
export const FREE_ATTEMPTS = 5;
const BASE_WAIT_MS = 30_000;
export const MAX_WAIT_MS = LONGEST_THROTTLE_MINUTES * 60_000;
export const FORGET_AFTER_MS = 24 * 60 * 60_000;
/** At most this many forgotten rows are deleted at each attempt, which keeps each deletion cheap. */
const FORGET_BATCH = 100;

/** How long after the last counted attempt the next may be made, once `attempts` are counted. */
export function waitAfter(attempts: number): number {
  if (attempts < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_WAIT_MS * 2 ** (attempts - FREE_ATTEMPTS), MAX_WAIT_MS);
}

/** How many attempts one address may make before it is held back; see the comment at the top. */
export const ADDRESS_BURST = 30;
/** How often an address's bucket empties by one attempt. */
export const ADDRESS_DRAIN_MS = 60_000;

const ADDRESS_PREFIX = 'ip:';
const isAddressKey = (key: string) => key.startsWith(ADDRESS_PREFIX);

export function throttleKeys(email: string, address: string | undefined): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (address) keys.push(`${ADDRESS_PREFIX}${address}`);
  return keys;
}

type Row = { key: string; failures: number; lastFailedAt: Date };

const forgotten = (row: Row, now: Date) => now.getTime() - row.lastFailedAt.getTime() >= FORGET_AFTER_MS;

/**
 * An address's bucket at `now`: the attempts still in it, and the time it last drained from which
 * the next drain is timed. A clock earlier than the row (another instance's clock) drains nothing.
 */
export function addressBucket(row: Row, now: Date): { level: number; drainedAt: Date } {
  const elapsed = now.getTime() - row.lastFailedAt.getTime();
  const drains = elapsed > 0 ? Math.floor(elapsed / ADDRESS_DRAIN_MS) : 0;
  const level = row.failures - drains;
  if (level <= 0) return { level: 0, drainedAt: now };
  return { level, drainedAt: new Date(row.lastFailedAt.getTime() + drains * ADDRESS_DRAIN_MS) };
}

/** Milliseconds before another attempt may be made on these rows, or 0. */
export function waitFor(rows: Row[], now: Date): number {
  let wait = 0;
  for (const row of rows) {
    if (forgotten(row, now)) continue;
    if (isAddressKey(row.key)) {
      const { level, drainedAt } = addressBucket(row, now);
      if (level >= ADDRESS_BURST) wait = Math.max(wait, drainedAt.getTime() + ADDRESS_DRAIN_MS - now.getTime());
    } else {
      wait = Math.max(wait, row.lastFailedAt.getTime() + waitAfter(row.failures) - now.getTime());
    }
  }
  return Math.max(0, wait);
}

/** A key's row once this attempt is counted on it. */
function counted(key: string, row: Row | undefined, now: Date): { failures: number; lastFailedAt: Date } {
  if (!row || forgotten(row, now)) return { failures: 1, lastFailedAt: now };
  if (isAddressKey(key)) {
    const { level, drainedAt } = addressBucket(row, now);
    return { failures: level + 1, lastFailedAt: drainedAt };
  }
  return { failures: row.failures + 1, lastFailedAt: now };
}

export type Attempt = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Counts an attempt against every key, before its password is checked, or refuses it (counting
 * nothing) when any key must still wait. Concurrent attempts sharing a key take turns on a
 * transaction-scoped advisory lock, so however many arrive at once, no more than the free attempts
 * are let through. `clock` is read once the locks are held.
 */
export async function countAttempt(
  prisma: PrismaClient,
  keys: string[],
  clock: () => Date = () => new Date(),
): Promise<Attempt> {
  const ordered = [...new Set(keys)].sort();
  await forgetQuietKeys(prisma, clock());
  try {
    return await countInTurn(prisma, ordered, clock);
  } catch (error) {
    // More attempts on one key than can take their turn within LOCK_WAIT: a flood, refused
    // uncounted rather than let it hold every database connection while it queues.
    if (isLockTimeout(error)) return { allowed: false, retryAfterMs: BASE_WAIT_MS };
    throw error;
  }
}

/** How long an attempt waits for its turn on a key before it is refused. Each turn takes milliseconds. */
const LOCK_WAIT = '2s';

function isLockTimeout(error: unknown): boolean {
  const e = error as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } };
  };
  return (
    e?.code === '55P03' ||
    e?.meta?.driverAdapterError?.cause?.originalCode === '55P03' ||
    (typeof e?.message === 'string' && e.message.includes('lock timeout'))
  );
}

async function countInTurn(prisma: PrismaClient, ordered: string[], clock: () => Date): Promise<Attempt> {
  return prisma.$transaction(
    async (tx): Promise<Attempt> => {
      await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
      // Always in the same order, so two attempts sharing two keys never wait for each other.
      for (const key of ordered) {
        await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`signin-throttle:${key}`}, 0))) AS l`;
      }
      const now = clock();
      const rows = await tx.signInThrottle.findMany({ where: { key: { in: ordered } } });
      const wait = waitFor(rows, now);
      if (wait > 0) return { allowed: false, retryAfterMs: wait };
      for (const key of ordered) {
        const next = counted(
          key,
          rows.find((r) => r.key === key),
          now,
        );
        await tx.signInThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
      }
      return { allowed: true };
    },
    // Attempts on one key queue here one after another; each holds its turn for a few milliseconds.
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/**
 * The right password was given: an email's count is cleared, and an address's bucket gives back
 * this attempt alone (see the comment at the top). Each is one statement, so a sign-in and an
 * attempt on the same key at the same moment cannot lose either's count.
 */
export async function clearFailures(prisma: PrismaClient, keys: string[]): Promise<void> {
  const emails = keys.filter((key) => !isAddressKey(key));
  const addresses = keys.filter(isAddressKey);
  if (emails.length) await prisma.signInThrottle.deleteMany({ where: { key: { in: emails } } });
  if (addresses.length)
    await prisma.signInThrottle.updateMany({
      where: { key: { in: addresses }, failures: { gt: 0 } },
      data: { failures: { decrement: 1 } },
    });
}

/**
 * Deletes a batch of rows left alone for FORGET_AFTER_MS (found through the index on
 * lastFailedAt), so the table holds only keys that were tried recently.
 */
export async function forgetQuietKeys(prisma: PrismaClient, now: Date): Promise<number> {
  const before = new Date(now.getTime() - FORGET_AFTER_MS);
  // One statement, skipping rows an attempt is updating at this moment (it never waits, so it can
  // never deadlock with one); a key tried since is kept, as its lastFailedAt is new.
  return prisma.$executeRaw`
    DELETE FROM "SignInThrottle" WHERE key IN (
      SELECT key FROM "SignInThrottle" WHERE "lastFailedAt" < ${before.toISOString()}::timestamp(3)
      ORDER BY "lastFailedAt" LIMIT ${FORGET_BATCH} FOR UPDATE SKIP LOCKED)`;
}
