import { StatusLabel } from '@/components/scores/StatusLabel';
import { describeCounts, formatPercent } from '@/lib/scorecard/format';
import type { FrameworkDetail } from '@/lib/scorecard/findings';
import { ConsensusLabel } from './ConsensusLabel';
import { RadarChart } from './RadarChart';

/** One framework: its radar chart and, beside it, the same results as a table with the workshop's ratings. */
export function FrameworkRadar({ framework, pathwayTitle }: { framework: FrameworkDetail; pathwayTitle: string }) {
  const headingId = `radar-${framework.id}-heading`;
  return (
    <section aria-labelledby={headingId} className="mb-6 bg-white border border-nhs-grey-4 p-4">
      <h3 id={headingId} className="text-xl font-bold">
        {framework.title}: {formatPercent(framework.percent)}
      </h3>
      <p className="mb-3 text-sm text-nhs-grey-1">
        Framework version {framework.version} · {describeCounts(framework.notMet, framework.needsJudgement)} · {framework.scored} of{' '}
        {framework.criteria.length} criteria scored
      </p>
      <div className="grid gap-4 lg:grid-cols-[20rem_1fr] items-start">
        <RadarChart
          id={`radar-${framework.id}`}
          title={`${framework.title} for ${pathwayTitle}: computed score of each criterion, further out is better; a question mark means it needs judgement`}
          axes={framework.criteria.map((c) => ({ id: c.id, label: c.label, title: c.title, status: c.status, score: c.score }))}
        />
        <div role="region" aria-label={`${framework.shortTitle}: results as a table`} tabIndex={0} className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{framework.title}: computed result and the rating agreed at the workshop for each criterion</caption>
            <thead>
              <tr className="border-b border-nhs-grey-4 text-left">
                <th scope="col" className="p-1">Criterion</th>
                <th scope="col" className="p-1">Computed</th>
                <th scope="col" className="p-1 text-right">Score</th>
                <th scope="col" className="p-1">Rating agreed at the workshop</th>
              </tr>
            </thead>
            <tbody>
              {framework.criteria.map((c) => (
                <tr key={c.id} className="border-b border-nhs-grey-4 align-top">
                  <th scope="row" className="p-1 text-left font-normal">
                    <a href={`#criterion-${c.id}`}>
                      <span className="font-bold">{c.label}</span> {c.title}
                    </a>
                  </th>
                  <td className="p-1">
                    <StatusLabel status={c.status} />
                  </td>
                  <td className="p-1 text-right">{c.score === null || c.status === 'needs_judgement' ? '–' : `${Math.round(c.score * 100)}%`}</td>
                  <td className="p-1">
                    <ConsensusLabel consensus={c.consensus ? { value: c.consensus.value, reason: '' } : null} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
