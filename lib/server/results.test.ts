import { describe, expect, it } from 'vitest';
import { todayIso } from './results';

// The server runs in UTC; the people reading their plans are in the UK.
describe('todayIso: today in the UK', () => {
  it('is already tomorrow just after midnight in British Summer Time', () => {
    // 11:30pm UTC on 1 July is 12:30am on 2 July in London.
    expect(todayIso(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(todayIso(new Date('2026-07-01T22:59:59Z'))).toBe('2026-07-01');
    expect(todayIso(new Date('2026-07-01T23:00:00Z'))).toBe('2026-07-02');
  });

  it('is the UTC day in winter, when the UK is on GMT', () => {
    expect(todayIso(new Date('2026-01-01T23:30:00Z'))).toBe('2026-01-01');
    expect(todayIso(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
  });

  it('follows the clocks changing', () => {
    // The clocks go forward at 1am GMT on 29 March 2026 and back at 1am GMT on 25 October 2026.
    expect(todayIso(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-28');
    expect(todayIso(new Date('2026-03-29T23:30:00Z'))).toBe('2026-03-30');
    expect(todayIso(new Date('2026-10-24T23:30:00Z'))).toBe('2026-10-25');
    expect(todayIso(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25');
  });
});
