import { describe, expect, it } from 'vitest';
import {
  ACTION_TEXT_HARD_CAP,
  cappedText,
  isStorableText,
  toStorableText,
  tooLongMessage,
  unstorableMessage,
  visibleText,
} from './text-limits';

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

  it('refuses NUL (U+0000) and half an emoji, which the database cannot store, naming the field and the character', () => {
    const comment = cappedText('Comment', 5000);
    expect(comment.safeParse('Looks good\u0000 to me').error?.issues.map((i) => i.message)).toEqual([
      'Comment: the text has a character that cannot be stored (U+0000) after “Looks good”. Delete it, or type the text again rather than pasting it. Text in any language, with punctuation and emoji, is fine.',
    ]);
    expect(comment.safeParse('\uD83D').error?.issues[0]?.message).toContain('(U+D83D) at the start');
    expect(comment.safeParse('end \uDE00').error?.issues[0]?.message).toContain('(U+DE00) after “end ”');
  });

  it('accepts emoji (surrogate pairs) and text in any language', () => {
    for (const ok of ['😀 👋🏽 🫁', 'Diolch yn fawr, ŵ ŷ', 'شكرا جزيلا', '谢谢', 'tab\tand line\nbreak']) {
      expect(cappedText('Comment', 5000).safeParse(ok).success, ok).toBe(true);
      expect(isStorableText(ok)).toBe(true);
    }
  });

  it('quotes at most the 20 characters before the character, never half a pair', () => {
    // 20 UTF-16 units before the NUL start with the second half of 😀: the quote starts after it.
    const split = unstorableMessage('Your note', `${'x'.repeat(30)}😀${'y'.repeat(19)}\u0000`);
    expect(split).toContain(`(U+0000) after “…${'y'.repeat(19)}”`);
    expect(isStorableText(split)).toBe(true);
    const whole = unstorableMessage('Your note', `${'x'.repeat(30)}😀${'y'.repeat(18)}\u0000`);
    expect(whole).toContain(`(U+0000) after “…😀${'y'.repeat(18)}”`);
  });

  it('shows and repairs such text: NUL removed, half a pair as �', () => {
    expect(visibleText('a\u0000b\uD83Dc😀')).toBe('a\uFFFDb\uFFFDc😀');
    expect(toStorableText('a\u0000b\uD83Dc😀')).toBe('ab\uFFFDc😀');
    const same = 'nothing to do';
    expect(toStorableText(same)).toBe(same);
  });
});
