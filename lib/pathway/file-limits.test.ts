import { describe, expect, it } from 'vitest';
import { PATHWAY_FILE_MAX_BYTES, fileTooLargeMessage, megabytes } from './file-limits';

describe('pathway file limit', () => {
  it('is 5 MB', () => {
    expect(PATHWAY_FILE_MAX_BYTES).toBe(5_242_880);
  });

  it('rounds sizes up, so a file one byte over the limit does not read as the limit', () => {
    expect(megabytes(PATHWAY_FILE_MAX_BYTES)).toBe('5');
    expect(megabytes(PATHWAY_FILE_MAX_BYTES + 1)).toBe('5.1');
    expect(megabytes(12 * 1024 * 1024)).toBe('12');
  });

  it('names the file, its size, the limit and what was expected', () => {
    const message = fileTooLargeMessage('export.json', 7.25 * 1024 * 1024, 'a Pathweave pathway file');
    expect(message).toContain('“export.json”');
    expect(message).toContain('7.3 MB');
    expect(message).toContain('5 MB limit');
    expect(message).toContain('nothing was imported');
    expect(message).toMatch(/Check that it is a Pathweave pathway file\.$/);
  });
});
