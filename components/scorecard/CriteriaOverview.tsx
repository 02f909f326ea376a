import { scorecardQuery } from '@/lib/scorecard/filters';
import { criterionLabel, type CriterionOverview } from '@/lib/scorecard/model';
import type { ScorecardFilters } from '@/lib/scorecard/types';

/**
 * Every criterion with how many pathways fail it, most often failed first. A count of pathways
 * not meeting a criterion links to the scorecard filtered to just those pathways. The filters take
 * one criterion not met: while one is set, only its own count is a link, since a link to another
 * criterion would drop it and list more pathways than the count.
 */
export function CriteriaOverview({
  criteria,
  pathways,
  action,
  filters,
}: {
  criteria: readonly CriterionOverview[];
  pathways: number;
  /** The scorecard page's address, and the filters it is showing now (kept in the links). */
  action: string;
  filters: ScorecardFilters;
}) {
  return (
    <section aria-labelledby="criteria-heading" className="mb-8">
      <h2 id="criteria-heading" className="text-2xl font-bold mb-2">
        Criteria across pathways
      </h2>
      <p className="mb-2 text-nhs-grey-1">
        How many of the {pathways} {pathways === 1 ? 'pathway meets' : 'pathways meet'} each criterion, the most often failed first.
        Ratings agreed at workshops are counted separately. A workshop rating of a criterion that needs judgement gives that
        judgement, so it is counted as judged, not as differing.
      </p>
      {filters.failing ? (
        <p className="mb-2" data-testid="criteria-failing-filter">
          {`Only pathways that do not meet ${criterionLabel(filters.failing)} are counted here, so the other counts are not links. `}
          <a href={`${action}${scorecardQuery({ ...filters, failing: null, page: 1 })}`}>
            Count every criterion without the &ldquo;Does not meet&rdquo; filter
          </a>
          .
        </p>
      ) : null}
      <div role="region" aria-label="Criteria across pathways table, scrolls sideways" tabIndex={0} className="relative overflow-x-auto">
        <table className="w-full border-collapse bg-white text-sm">
          <caption className="sr-only">Computed results by criterion, failing first</caption>
          <thead>
            <tr className="border-b border-nhs-grey-4">
              <th scope="col" className="p-2 text-left">
                Criterion
              </th>
              <th scope="col" className="p-2 text-right">
                <span aria-hidden="true">✗ </span>Not met
              </th>
              <th scope="col" className="p-2 text-right">
                <span aria-hidden="true">◐ </span>Partly met
              </th>
              <th scope="col" className="p-2 text-right">
                <span aria-hidden="true">? </span>Needs judgement
              </th>
              <th scope="col" className="p-2 text-right">
                <span aria-hidden="true">✓ </span>Met
              </th>
              <th scope="col" className="p-2 text-right">
                Rated at a workshop
              </th>
              <th scope="col" className="p-2 text-right">
                Workshop rating differs
              </th>
              <th scope="col" className="p-2 text-right">
                Workshop gave the judgement needed
              </th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id} className="border-b border-nhs-grey-4" data-criterion={c.id}>
                <th scope="row" className="p-2 text-left font-normal">
                  <span className="font-bold">{c.label}</span> {c.title}
                </th>
                <td className={`p-2 text-right ${c.counts.not_met ? 'font-bold text-[#8d1c12]' : ''}`}>
                  {c.counts.not_met && (!filters.failing || filters.failing === c.id) ? (
                    <a href={`${action}${scorecardQuery({ ...filters, failing: c.id, page: 1 })}`} className="text-[#8d1c12]">
                      {c.counts.not_met}
                      <span className="sr-only">{`: show the ${c.counts.not_met === 1 ? 'pathway that does' : 'pathways that do'} not meet ${c.label}`}</span>
                    </a>
                  ) : (
                    c.counts.not_met
                  )}
                </td>
                <td className="p-2 text-right">{c.counts.partly}</td>
                <td className="p-2 text-right">{c.counts.needs_judgement}</td>
                <td className="p-2 text-right">{c.counts.met}</td>
                <td className="p-2 text-right">{c.rated}</td>
                <td className="p-2 text-right">{c.differs}</td>
                <td className="p-2 text-right">{c.judged}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
