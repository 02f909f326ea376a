// How a too-long piece of text is explained, everywhere a person types one: the field, the length
// written and the limit. "Version note: 2,140 characters is too long; keep it to 2,000 or fewer."
// Text that the database cannot store (NUL, half an emoji) is refused in the same way, naming the field.
// Pure (zod only), so the server actions, the use cases and the care plan forms share the same sentence.
import { z } from 'zod';

/** Server actions refuse text longer than this outright; the real, smaller limits are the use cases'. */
export const ACTION_TEXT_HARD_CAP = 100_000;

const count = (n: number) => n.toLocaleString('en-GB');

/**
 * The largest JSON request body a route needs for text fields of these lengths (in characters), in
 * whole kilobytes: 6 bytes a character, since "\uXXXX" is the longest a JSON writer escapes one to
 * (an emoji is two characters, "\ud83d\ude00"), plus 1 KB for the field names, punctuation and
 * small fields. So a request with the longest text allowed always fits, however it is written, and
 * a route never reads more than it could use.
 */
export function jsonBodyLimit(...fieldLengths: number[]): number {
  const bytes = fieldLengths.reduce((sum, n) => sum + n * 6, 0) + 1024;
  return Math.ceil(bytes / 1024) * 1024;
}

export function tooLongMessage(label: string, length: number, limit: number): string {
  return `${label}: ${count(length)} characters is too long; keep it to ${count(limit)} or fewer.`;
}

/**
 * A string for a server action's input. Only a generous cap against abuse: the use case trims the
 * text and checks the real `limit` itself, so spaces around the text never make it too long. Both
 * refusals use the same sentence, which names the real limit. Text that cannot be stored is refused
 * here too (see isStorableText).
 */
export function cappedText(label: string, limit: number) {
  return z
    .string()
    .max(ACTION_TEXT_HARD_CAP, {
      error: (issue) => tooLongMessage(label, typeof issue.input === 'string' ? issue.input.length : 0, limit),
    })
    .check(storableText(label));
}

// ---------------------------------------------------------------------------------------------
// Characters that cannot be stored
// ---------------------------------------------------------------------------------------------

// PostgreSQL refuses U+0000 (NUL) in `text` and `\u0000` in `jsonb`, and `jsonb` refuses half of a
// surrogate pair (JSON.stringify writes a lone one as "\ud83d"). Text holding either passes every
// other check and then fails at the database, where it becomes "try again", which never works. So
// every string that is stored is checked here first. One regex test per string: pathway documents
// are validated on every save and every score, so the check must stay this cheap.
// Not global, so `test` keeps no state between calls; the global twin is only for replacing.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** How long a stretch of the text before the character is quoted, so the person can find it. */
const CONTEXT = 20;

/** What is allowed, after every refusal. */
export const STORABLE_TEXT_RULE =
  'Delete it, or type the text again rather than pasting it. Text in any language, with punctuation and emoji, is fine.';

/** True when PostgreSQL can store the text: no NUL and no half of a surrogate pair. */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** The text as it can be shown: each character that cannot be stored becomes �, as a browser would show it. */
export function visibleText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, '\uFFFD');
}

/**
 * The text as it can be stored: NUL removed, half a surrogate pair replaced by �. For text that can
 * only be repaired, not refused (the live workshop's shared document). A lone surrogate becomes �
 * because that is what every other copy of a shared document already holds: Yjs sends text as
 * UTF-8, and encoding a lone surrogate as UTF-8 gives �.
 */
export function toStorableText(text: string): string {
  return isStorableText(text) ? text : text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

/**
 * Which character cannot be stored and where, without repeating it:
 * "has a character that cannot be stored (U+0000) after “Take two”".
 */
export function unstorableProblem(text: string): string {
  const found = UNSTORABLE.exec(text);
  if (!found) return 'has a character that cannot be stored';
  const code = `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  if (found.index === 0) return `has a character that cannot be stored (${code}) at the start`;
  let from = Math.max(0, found.index - CONTEXT);
  // Never start the quote on the second half of a pair: it would show as a broken character.
  if (from > 0 && /[\uDC00-\uDFFF]/.test(text[from] ?? '')) from++;
  const before = text.slice(from, found.index);
  return `has a character that cannot be stored (${code}) after “${from > 0 ? '…' : ''}${before}”`;
}

/** "Your note: the text has a character that cannot be stored (U+0000) after “Take two”. Delete it, …" */
export function unstorableMessage(label: string, text: string): string {
  return `${label}: the text ${unstorableProblem(text)}. ${STORABLE_TEXT_RULE}`;
}

/** The check for a string a person typed: refuses what cannot be stored, naming the field. */
export function storableText(label: string) {
  return z.refine<string>((v) => isStorableText(v), {
    error: (issue) => unstorableMessage(label, typeof issue.input === 'string' ? issue.input : ''),
  });
}
