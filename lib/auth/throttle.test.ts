import { describe, expect, it } from 'vitest';
import { FORGET_AFTER_MS, FREE_ATTEMPTS, MAX_WAIT_MS, throttleKeys, waitAfter, waitFor } from './throttle';

describe('the sign-in throttle schedule', () => {
  it('lets the free attempts through, then doubles the wait from 30 seconds up to 15 minutes', () => {
    expect(FREE_ATTEMPTS).toBe(5);
    for (let n = 0; n < FREE_ATTEMPTS; n++) expect(waitAfter(n)).toBe(0);
    expect([5, 6, 7, 8, 9, 10, 11].map(waitAfter)).toEqual([30, 60, 120, 240, 480, 900, 900].map((s) => s * 1000));
    expect(MAX_WAIT_MS).toBe(15 * 60_000);
    expect(waitAfter(10_000)).toBe(MAX_WAIT_MS);
  });

  it('waits for the longest of the keys, and not at all on a key left alone for a day', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const rows = [
      { key: 'email:a', failures: 5, lastFailedAt: ago(10_000) },
      { key: 'ip:x', failures: 6, lastFailedAt: ago(10_000) },
    ];
    expect(waitFor(rows, now)).toBe(50_000);
    expect(waitFor([{ key: 'email:a', failures: 5, lastFailedAt: ago(40_000) }], now)).toBe(0);
    expect(waitFor([{ key: 'email:a', failures: 50, lastFailedAt: ago(FORGET_AFTER_MS) }], now)).toBe(0);
  });

  it('keys by email (whatever its case) and by address when there is one', () => {
    expect(throttleKeys(' GP@Pathweave.test ', '203.0.113.7')).toEqual(['email:gp@pathweave.test', 'ip:203.0.113.7']);
    expect(throttleKeys('gp@pathweave.test', undefined)).toEqual(['email:gp@pathweave.test']);
  });
});
