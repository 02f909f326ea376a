import { RATING_WORDS } from '@/lib/scorecard/format';
import type { RatingValue } from '@/lib/scorecard/types';

/**
 * The rating agreed at a workshop, drawn apart from the computed status (outlined, labelled
 * "Workshop") so the two are read side by side and never taken for one another.
 */
export function ConsensusLabel({ consensus }: { consensus: { value: RatingValue; reason: string } | null }) {
  if (!consensus) return <span className="text-sm text-nhs-grey-1">Not rated at a workshop</span>;
  return (
    <span className="inline-flex flex-wrap items-baseline gap-x-1 text-sm">
      <span className="rounded border border-dashed border-nhs-grey-1 px-1.5 py-0.5 font-bold">
        {`Workshop: ${RATING_WORDS[consensus.value]}`}
      </span>
      {consensus.reason ? <span className="text-nhs-grey-1">“{consensus.reason}”</span> : null}
    </span>
  );
}
