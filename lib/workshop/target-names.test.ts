import { describe, expect, it } from 'vitest';
import { storableLabel, TARGET_LABEL_MAX } from './target-names';

describe('storableLabel: the name kept with a comment thread or a dot', () => {
  it('is trimmed, and null when blank', () => {
    expect(storableLabel('  Falls review ')).toBe('Falls review');
    expect(storableLabel('   ')).toBeNull();
    expect(storableLabel(null)).toBeNull();
  });

  it('is cut to the limit, ending with an ellipsis, without splitting a character', () => {
    const long = `${'a'.repeat(TARGET_LABEL_MAX - 2)}😀😀😀 more`;
    const kept = storableLabel(long)!;
    expect([...kept]).toHaveLength(TARGET_LABEL_MAX);
    expect(kept.endsWith('😀…')).toBe(true);
    expect(storableLabel('b'.repeat(TARGET_LABEL_MAX))).toBe('b'.repeat(TARGET_LABEL_MAX));
  });
});
