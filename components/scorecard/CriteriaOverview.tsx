import type { CriterionOverview } from '@/lib/scorecard/model';

/** Every criterion with how many pathways fail it, most often failed first. */
export function CriteriaOverview({ criteria, pathways }: { criteria: readonly CriterionOverview[]; pathways: number }) {
  return (
    <section aria-labelledby="criteria-heading" className="mb-8">
      <h2 id="criteria-heading" className="text-2xl font-bold mb-2">
        Criteria across pathways
      </h2>
      <p className="mb-2 text-nhs-grey-1">
        How many of the {pathways} {pathways === 1 ? 'pathway meets' : 'pathways meet'} each criterion, the most often failed first.
        The room&apos;s consensus ratings are counted separately.
      </p>
      <div role="region" aria-labelledby="criteria-heading" tabIndex={0} className="relative overflow-x-auto">
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
                Rated by the room
              </th>
              <th scope="col" className="p-2 text-right">
                Room differs
              </th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.id} className="border-b border-nhs-grey-4" data-criterion={c.id}>
                <th scope="row" className="p-2 text-left font-normal">
                  <span className="font-bold">{c.label}</span> {c.title}
                </th>
                <td className={`p-2 text-right ${c.counts.not_met ? 'font-bold text-[#8d1c12]' : ''}`}>{c.counts.not_met}</td>
                <td className="p-2 text-right">{c.counts.partly}</td>
                <td className="p-2 text-right">{c.counts.needs_judgement}</td>
                <td className="p-2 text-right">{c.counts.met}</td>
                <td className="p-2 text-right">{c.rated}</td>
                <td className="p-2 text-right">{c.differs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
