import Link from 'next/link';
import { scorecardQuery } from '@/lib/scorecard/filters';
import type { ScorecardFilters } from '@/lib/scorecard/types';

export function Pagination(props: { action: string; filters: ScorecardFilters; page: { number: number; pages: number; first: number; total: number; size: number } }) {
  const { page } = props;
  if (page.pages <= 1) return null;
  const href = (n: number) => `${props.action}${scorecardQuery({ ...props.filters, page: n })}`;
  const last = Math.min(page.total, page.first + page.size - 1);
  return (
    <nav aria-label="Pages of pathways" className="my-6 flex flex-wrap items-center gap-4 no-print">
      {page.number > 1 ? (
        <Link href={href(page.number - 1)} rel="prev">
          Previous<span className="sr-only"> page of pathways</span>
        </Link>
      ) : null}
      <span>
        Page {page.number} of {page.pages} (pathways {page.first} to {last})
      </span>
      {page.number < page.pages ? (
        <Link href={href(page.number + 1)} rel="next">
          Next<span className="sr-only"> page of pathways</span>
        </Link>
      ) : null}
    </nav>
  );
}
