import type { PrismaClient } from '@/lib/db/client';
import { LONGEST_THROTTLE_MINUTES } from './messages';

/**
 * Slows down repeated sign-in attempts, per email and per client address, stored in the database
 * so it holds across restarts and across app instances. Each attempt is counted before its password
 * is checked, one attempt at a time per key, so attempts sent all at once cannot slip past the
 * count. After FREE_ATTEMPTS, each further attempt must wait a doubling interval (capped); a
 * sign-in with the right password clears the count, and a key left alone for FORGET_AFTER_MS is
 * forgotten (its row deleted).
 *
 * The table's `failures` column counts attempts not yet followed by a right password, and
 * `lastFailedAt` is when the last of them was counted.
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

export function throttleKeys(email: string, address: string | undefined): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (address) keys.push(`ip:${address}`);
  return keys;
}

type Row = { key: string; failures: number; lastFailedAt: Date };

const forgotten = (row: Row, now: Date) => now.getTime() - row.lastFailedAt.getTime() >= FORGET_AFTER_MS;

/** Milliseconds before another attempt may be made on these rows, or 0. */
export function waitFor(rows: Row[], now: Date): number {
  let wait = 0;
  for (const row of rows) {
    if (forgotten(row, now)) continue;
    wait = Math.max(wait, row.lastFailedAt.getTime() + waitAfter(row.failures) - now.getTime());
  }
  return Math.max(0, wait);
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
  const e = error as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
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
        const row = rows.find((r) => r.key === key);
        const failures = row && !forgotten(row, now) ? row.failures + 1 : 1;
        await tx.signInThrottle.upsert({
          where: { key },
          create: { key, failures, lastFailedAt: now },
          update: { failures, lastFailedAt: now },
        });
      }
      return { allowed: true };
    },
    // Attempts on one key queue here one after another; each holds its turn for a few milliseconds.
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** The right password was given: the attempts counted against these keys are cleared. */
export async function clearFailures(prisma: PrismaClient, keys: string[]): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: { in: keys } } });
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
