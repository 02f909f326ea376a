import { describe, expect, it } from 'vitest';
import { LatestRead } from './latest-read';

describe('LatestRead', () => {
  it('shows a read that lands while newer than the screen, and never an older one over it', () => {
    const reads = new LatestRead();
    const older = reads.begin();
    const newer = reads.begin();
    expect(newer.isNewerThanShown()).toBe(true);
    newer.shown();
    // The older read lands afterwards: what is shown does not go back.
    expect(older.isNewerThanShown()).toBe(false);
  });

  it('shows an overtaken read that lands first (it is still newer than the screen)', () => {
    const reads = new LatestRead();
    const first = reads.begin();
    const second = reads.begin();
    expect(first.isLatest()).toBe(false);
    expect(first.isNewerThanShown()).toBe(true);
    first.shown();
    expect(second.isNewerThanShown()).toBe(true);
    second.shown();
    expect(first.isNewerThanShown()).toBe(false);
  });

  it('keeps the screen moving while reads are started faster than they land', () => {
    const reads = new LatestRead();
    const inFlight = [reads.begin(), reads.begin()];
    for (let i = 0; i < 5; i++) {
      const landing = inFlight.shift()!;
      inFlight.push(reads.begin());
      // Never the newest started, yet newer than the screen: shown.
      expect(landing.isLatest()).toBe(false);
      expect(landing.isNewerThanShown()).toBe(true);
      landing.shown();
    }
  });

  it('says only the newest read failed', () => {
    const reads = new LatestRead();
    const a = reads.begin();
    const b = reads.begin();
    expect(a.isLatest()).toBe(false);
    expect(b.isLatest()).toBe(true);
  });
});
