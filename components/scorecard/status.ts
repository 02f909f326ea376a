// Status styles for the scorecard's compact cells: the same colours as StatusLabel, always with an
// icon and words, so no status is told by colour alone (WCAG 1.4.1).
import type { Status } from '@/lib/scoring/types';
import type { RatingValue } from '@/lib/scorecard/types';

export const STATUS_ICON: Readonly<Record<Status, string>> = { met: '✓', partly: '◐', not_met: '✗', needs_judgement: '?' };

export const STATUS_CELL_CLASS: Readonly<Record<Status, string>> = {
  met: 'bg-[#e6f2ea] text-[#00401e]',
  partly: 'bg-[#fff4d6] text-[#6b4a00]',
  not_met: 'bg-[#fbe9e7] text-[#8d1c12]',
  needs_judgement: 'bg-nhs-grey-5 text-nhs-black',
};

/** Short words for tight cells; screen readers get the full words. */
export const STATUS_SHORT: Readonly<Record<Status, string>> = {
  met: 'Met',
  partly: 'Partly',
  not_met: 'Not met',
  needs_judgement: 'Needs judgement',
};

export const RATING_SHORT: Readonly<Record<RatingValue, string>> = { met: 'Met', partly: 'Partly', not_met: 'Not met' };
