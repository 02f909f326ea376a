import { describe, expect, it } from 'vitest';
import { describeMissingVersion, listInWords } from './format';

describe('describeMissingVersion', () => {
  it('names the version asked for and the versions the pathway has', () => {
    expect(describeMissingVersion(7, [1, 2, 3])).toBe(
      'There is no version 7 of this pathway. Its saved versions are 1, 2 and 3.',
    );
    expect(describeMissingVersion(2, [1])).toBe('There is no version 2 of this pathway. Its only saved version is 1.');
    expect(describeMissingVersion(1, [])).toBe('There is no version 1 of this pathway: it has no saved versions yet.');
  });

  it('lists items in words', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
  });
});
