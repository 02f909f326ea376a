import { describe, expect, it } from 'vitest';
import { COMMENT_MAX_LENGTH, commentBodyProblem } from './comments';

describe('comment length', () => {
  it('refuses a comment over the limit with that reason, not "needs some words"', () => {
    for (const length of [COMMENT_MAX_LENGTH + 1, 6200, 10_000, 10_001]) {
      const problem = commentBodyProblem('x'.repeat(length));
      const message = `Comment: ${length.toLocaleString('en-GB')} characters is too long; keep it to 5,000 or fewer.`;
      expect(problem).toEqual({ ok: false, reason: 'invalid', message, errors: [{ path: 'body', message }] });
    }
  });

  it('asks for words when the comment is empty, and accepts one at the limit', () => {
    expect(commentBodyProblem('')).toMatchObject({
      ok: false,
      reason: 'invalid',
      errors: [{ path: 'body', message: 'Comment: write your comment.' }],
    });
    expect(commentBodyProblem('x'.repeat(COMMENT_MAX_LENGTH))).toBeNull();
    expect(commentBodyProblem('Is the leaflet in easy read?')).toBeNull();
  });
});
