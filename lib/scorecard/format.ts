// Words and numbers for the scorecard, shared by the page, the CSV and the PDF so all three say
// the same thing in the same plain English.
import type { Status } from '@/lib/scoring/types';
import type { FrameworkFigures, RatingValue } from './types';

export const STATUS_WORDS: Readonly<Record<Status, string>> = {
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
  needs_judgement: 'Needs judgement',
};

export const RATING_WORDS: Readonly<Record<RatingValue, string>> = {
  met: 'Met',
  partly: 'Partly met',
  not_met: 'Not met',
};

/** "23 November 2026", in UTC so every server and test prints the same date. */
export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = typeof iso === 'string' ? new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "2026-11-23" */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function formatPercent(percent: number | null | undefined): string {
  return percent === null || percent === undefined ? 'Not scored' : `${percent}%`;
}

/** "2 not met, 1 needs judgement" */
export function describeCounts(notMet: number, needsJudgement: number): string {
  return `${notMet} not met, ${needsJudgement} ${needsJudgement === 1 ? 'needs' : 'need'} judgement`;
}

/** "RCGP five tests: 45% (2 not met, 0 need judgement)" */
export function describeFramework(shortTitle: string, f: FrameworkFigures | undefined): string {
  if (!f) return `${shortTitle}: not scored`;
  return `${shortTitle}: ${formatPercent(f.percent)} (${describeCounts(f.notMet, f.needsJudgement)})`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1", "1 and 2", "1, 2 and 3" */
export function listInWords(items: readonly (string | number)[]): string {
  const words = items.map(String);
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** What to say when a link asks for a version a pathway does not have, naming the ones it has. */
export function describeMissingVersion(asked: number, numbers: readonly number[]): string {
  if (numbers.length === 0) return `There is no version ${asked} of this pathway: it has no saved versions yet.`;
  const which = numbers.length === 1 ? 'Its only saved version is' : 'Its saved versions are';
  return `There is no version ${asked} of this pathway. ${which} ${listInWords(numbers)}.`;
}
