import { describe, expect, it } from 'vitest';
import {
  ADDRESS_BURST,
  ADDRESS_DRAIN_MS,
  FORGET_AFTER_MS,
  FREE_ATTEMPTS,
  MAX_WAIT_MS,
  addressBucket,
  throttleKeys,
  waitAfter,
  waitFor,
} from './throttle';

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
      { key: 'ip:x', failures: ADDRESS_BURST, lastFailedAt: ago(10_000) },
    ];
    expect(waitFor(rows, now)).toBe(50_000);
    expect(waitFor([{ key: 'email:a', failures: 5, lastFailedAt: ago(40_000) }], now)).toBe(0);
    expect(waitFor([{ key: 'email:a', failures: 50, lastFailedAt: ago(FORGET_AFTER_MS) }], now)).toBe(0);
  });

  it('holds an address back only once its bucket is full, and until one attempt has drained from it', () => {
    expect(ADDRESS_BURST).toBe(30);
    expect(ADDRESS_DRAIN_MS).toBe(60_000);
    const now = new Date('2026-11-24T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    // Six attempts from one address hold nothing back (an email's six would).
    expect(waitFor([{ key: 'ip:x', failures: 6, lastFailedAt: ago(0) }], now)).toBe(0);
    expect(waitFor([{ key: 'ip:x', failures: ADDRESS_BURST - 1, lastFailedAt: ago(0) }], now)).toBe(0);
    // Full: wait for the next drain, timed from the last one, not from the last attempt.
    expect(waitFor([{ key: 'ip:x', failures: ADDRESS_BURST, lastFailedAt: ago(20_000) }], now)).toBe(40_000);
    // One drain since it was full: room for one more.
    expect(waitFor([{ key: 'ip:x', failures: ADDRESS_BURST, lastFailedAt: ago(60_000) }], now)).toBe(0);
    // The drains keep what is left over of the time: 2.5 drains leave half a minute to the next.
    expect(addressBucket({ key: 'ip:x', failures: 10, lastFailedAt: ago(150_000) }, now)).toEqual({
      level: 8,
      drainedAt: ago(30_000),
    });
    // Empty: it never goes below nothing, and starts afresh from now.
    expect(addressBucket({ key: 'ip:x', failures: 3, lastFailedAt: ago(10 * 60_000) }, now)).toEqual({
      level: 0,
      drainedAt: now,
    });
    // A clock behind the row's drains nothing.
    expect(addressBucket({ key: 'ip:x', failures: 3, lastFailedAt: new Date(now.getTime() + 5_000) }, now).level).toBe(
      3,
    );
  });

  it('keys by email (whatever its case) and by address when there is one', () => {
    expect(throttleKeys(' GP@Pathweave.test ', '203.0.113.7')).toEqual(['email:gp@pathweave.test', 'ip:203.0.113.7']);
    expect(throttleKeys('gp@pathweave.test', undefined)).toEqual(['email:gp@pathweave.test']);
  });
});
