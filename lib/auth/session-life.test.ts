import { describe, expect, it } from 'vitest';
import { longestSessionMs, sessionEndsAt } from './session-life';

describe('the longest a session may last', () => {
  it('is twelve hours from sign-in unless set otherwise', () => {
    expect(longestSessionMs({})).toBe(12 * 60 * 60_000);
    expect(longestSessionMs({ PATHWEAVE_SESSION_LONGEST: '60' })).toBe(60_000);
    // A setting that is not a positive number of seconds is not a way to switch the limit off.
    for (const bad of ['0', '-5', 'forever', ''])
      expect(longestSessionMs({ PATHWEAVE_SESSION_LONGEST: bad })).toBe(12 * 60 * 60_000);
  });

  it('ends a session that does not say when it was signed in at once', () => {
    const signedInAt = Date.UTC(2026, 10, 24, 9);
    expect(sessionEndsAt(signedInAt, {})).toBe(signedInAt + 12 * 60 * 60_000);
    for (const missing of [undefined, null, '1795000000000', Number.NaN, Infinity])
      expect(sessionEndsAt(missing, {})).toBe(0);
  });
});
