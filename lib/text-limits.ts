// How a too-long piece of text is explained, everywhere a person types one: the field, the length
// written and the limit. "Version note: 2,140 characters is too long; keep it to 2,000 or fewer."
// Pure (zod only), so the server actions, the use cases and the care plan forms share the same sentence.
import { z } from 'zod';

/** Server actions refuse text longer than this outright; the real, smaller limits are the use cases'. */
export const ACTION_TEXT_HARD_CAP = 100_000;

const count = (n: number) => n.toLocaleString('en-GB');

export function tooLongMessage(label: string, length: number, limit: number): string {
  return `${label}: ${count(length)} characters is too long; keep it to ${count(limit)} or fewer.`;
}

/**
 * A string for a server action's input. Only a generous cap against abuse: the use case trims the
 * text and checks the real `limit` itself, so spaces around the text never make it too long. Both
 * refusals use the same sentence, which names the real limit.
 */
export function cappedText(label: string, limit: number) {
  return z.string().max(ACTION_TEXT_HARD_CAP, {
    error: (issue) => tooLongMessage(label, typeof issue.input === 'string' ? issue.input.length : 0, limit),
  });
}
