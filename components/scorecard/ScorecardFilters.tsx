import Link from 'next/link';
import { SECTORS } from '@/lib/pathway/schema';
import { SECTOR_LABELS } from '@/lib/pathway/labels';
import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import { criterionLabel } from '@/lib/scorecard/model';
import { PATHWAY_STATUSES, PATHWAY_STATUS_LABELS, type ScorecardFilters as Filters } from '@/lib/scorecard/types';

const selectClass = 'block w-full min-w-48 max-w-full border-2 border-nhs-black bg-white px-2 py-1.5';

/** A plain GET form: the filtered view is a link, and it works without JavaScript. */
export function ScorecardFilters({ action, filters, conditions }: { action: string; filters: Filters; conditions: readonly string[] }) {
  const conditionOptions = filters.condition && !conditions.includes(filters.condition) ? [...conditions, filters.condition] : conditions;
  return (
    // Keyed by the filters: a client-side navigation (Clear filters, a page link) remounts the
    // selects, so they never keep a value the address no longer has.
    <form
      key={`${filters.condition ?? ''}|${filters.status ?? ''}|${filters.sector ?? ''}|${filters.failing ?? ''}`}
      method="get"
      action={action}
      aria-labelledby="filters-heading"
      className="mb-6 bg-white border border-nhs-grey-4 p-4 no-print"
    >
      <h2 id="filters-heading" className="text-lg font-bold mb-2">
        Filter pathways
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="filter-condition" className="block font-bold mb-1">
            Condition
          </label>
          <select id="filter-condition" name="condition" defaultValue={filters.condition ?? ''} className={selectClass}>
            <option value="">All conditions</option>
            {conditionOptions.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className="block font-bold mb-1">
            Status
          </label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ''} className={selectClass}>
            <option value="">All statuses</option>
            {PATHWAY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {PATHWAY_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-sector" className="block font-bold mb-1">
            Has a step in
          </label>
          <select id="filter-sector" name="sector" defaultValue={filters.sector ?? ''} className={selectClass}>
            <option value="">Any sector</option>
            {SECTORS.map((s) => (
              <option key={s} value={s}>
                {SECTOR_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-failing" className="block font-bold mb-1">
            Does not meet
          </label>
          <select id="filter-failing" name="failing" defaultValue={filters.failing ?? ''} className={selectClass}>
            <option value="">Any criterion</option>
            {FRAMEWORKS.map((f) => (
              <optgroup key={f.id} label={f.shortTitle}>
                {f.criteria.map((c) => (
                  <option key={c.id} value={c.id}>
                    {`${criterionLabel(c.id)}: ${c.title}`}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="flex items-center gap-4">
          <button type="submit" className="rounded bg-nhs-blue px-4 py-2 font-bold text-white hover:bg-nhs-dark-blue">
            Apply filters
          </button>
          <Link href={action}>Clear filters</Link>
        </div>
      </div>
    </form>
  );
}
