import type { Pathway } from '@/lib/pathway/schema';
import { scorePathway } from '@/lib/scoring';
import { todayIso } from '@/lib/server/results';
import { StatusLabel } from './StatusLabel';

/**
 * The live scores of a pathway's working copy, failing criteria first within each framework.
 * Server-rendered here; the editor shows the same engine's results live in the browser.
 */
export function ScoreSummary({ pathway, versionCount }: { pathway: Pathway; versionCount: number }) {
  // The UK day, as saved versions and scorecards score against (lib/server/results.ts).
  const today = todayIso();
  const result = scorePathway(pathway, { versionCount }, { today });
  const order = { not_met: 0, partly: 1, needs_judgement: 2, met: 3 } as const;
  return (
    <section aria-labelledby="scores-heading" className="bg-white border border-nhs-grey-4 p-4">
      <h2 id="scores-heading" className="text-xl font-bold mb-3">
        Scores
      </h2>
      {result.frameworks.map((framework) => (
        <div key={framework.id} className="mb-4">
          <h3 className="font-bold">
            {framework.title}: {framework.percent === null ? 'not scored' : `${framework.percent}%`}
          </h3>
          <p className="text-sm text-nhs-grey-1 mb-2">
            {framework.notMet} not met · {framework.needsJudgement} need judgement
          </p>
          <ul className="space-y-2">
            {[...framework.criteria]
              .sort((a, b) => order[a.status] - order[b.status])
              .map((c) => (
                <li key={c.id} className="grid grid-cols-[8.5rem_1fr] gap-x-2 items-start">
                  <StatusLabel status={c.status} />
                  <span>{c.title}</span>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
