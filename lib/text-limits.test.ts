import { describe, expect, it } from 'vitest';
import { ACTION_TEXT_HARD_CAP, cappedText, tooLongMessage } from './text-limits';

describe('text limits', () => {
  it('names the field, the length written and the limit, with thousands separators', () => {
    expect(tooLongMessage('Version note', 2140, 2000)).toBe(
      'Version note: 2,140 characters is too long; keep it to 2,000 or fewer.',
    );
    expect(tooLongMessage('Pathway title', 201, 200)).toBe(
      'Pathway title: 201 characters is too long; keep it to 200 or fewer.',
    );
  });

  it('lets text over the real limit through to the use case, which trims it first', () => {
    const note = cappedText('Version note', 2000);
    const padded = `${' '.repeat(500)}${'n'.repeat(1900)}${' '.repeat(500)}`;
    expect(note.safeParse(padded)).toEqual({ success: true, data: padded });
    expect(note.safeParse('n'.repeat(ACTION_TEXT_HARD_CAP)).success).toBe(true);
  });

  it('refuses text over the hard cap with the same sentence the use case would give', () => {
    const parsed = cappedText('Version note', 2000).safeParse('n'.repeat(ACTION_TEXT_HARD_CAP + 1));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([
      'Version note: 100,001 characters is too long; keep it to 2,000 or fewer.',
    ]);
  });

  it('still refuses what is not text', () => {
    expect(cappedText('Comment', 5000).safeParse(42).success).toBe(false);
  });
});
