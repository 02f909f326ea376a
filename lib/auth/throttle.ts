import type { PrismaClient } from '@/lib/db/client';

/**
 * Slows down repeated failed sign-ins, per email and per client address, stored in the
 * database so it holds across restarts and across app instances. After FREE_ATTEMPTS
 * failures, each further attempt must wait a doubling interval (capped).
 */
export const FREE_ATTEMPTS = 5;
const BASE_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;

export function waitAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(BASE_WAIT_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_WAIT_MS);
}

export function throttleKeys(email: string, address: string | undefined): string[] {
  const keys = [`email:${email.trim().toLowerCase()}`];
  if (address) keys.push(`ip:${address}`);
  return keys;
}

/** Milliseconds the caller must still wait, or 0. */
export async function retryAfterMs(prisma: PrismaClient, keys: string[], now = new Date()): Promise<number> {
  const rows = await prisma.signInThrottle.findMany({ where: { key: { in: keys } } });
  let wait = 0;
  for (const row of rows) {
    const until = row.lastFailedAt.getTime() + waitAfter(row.failures);
    wait = Math.max(wait, until - now.getTime());
  }
  return Math.max(0, wait);
}

export async function recordFailure(prisma: PrismaClient, keys: string[], now = new Date()): Promise<void> {
  for (const key of keys) {
    await prisma.signInThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailedAt: now },
      update: { failures: { increment: 1 }, lastFailedAt: now },
    });
  }
}

export async function clearFailures(prisma: PrismaClient, keys: string[]): Promise<void> {
  await prisma.signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
