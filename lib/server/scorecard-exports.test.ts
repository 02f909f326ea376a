import { describe, expect, it } from 'vitest';
import { fileDate } from './scorecard-exports';

describe('fileDate: the day in a download’s file name', () => {
  it('is the day in the UK, as on the scorecard, not the day in UTC', () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (summer time).
    expect(fileDate(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(fileDate(new Date('2026-07-01T22:59:00Z'))).toBe('2026-07-01');
    // In winter the two agree.
    expect(fileDate(new Date('2026-11-23T23:30:00Z'))).toBe('2026-11-23');
  });
});
