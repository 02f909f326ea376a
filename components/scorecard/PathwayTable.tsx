import { FRAMEWORKS } from '@/lib/scoring/frameworks';
import { describeCounts, formatDate, formatPercent } from '@/lib/scorecard/format';
import type { PathwayScorecard, TrendPoint } from '@/lib/scorecard/model';
import { PATHWAY_STATUS_LABELS } from '@/lib/scorecard/types';
import { STATUS_ICON } from './status';
import { Sparkline } from './Sparkline';

/**
 * Criteria not met, then those partly met, each by label and title (never hidden behind the
 * percentage). Plain text: the heatmap below links every criterion of every pathway.
 */
function FailingList({ failing }: { failing: PathwayScorecard['failing'] }) {
  const notMet = failing.filter((f) => f.status === 'not_met');
  const partly = failing.filter((f) => f.status === 'partly');
  if (notMet.length === 0 && partly.length === 0) return <span>None</span>;
  const item = (f: PathwayScorecard['failing'][number], words: string) => (
    <li key={f.criterionId}>
      <span aria-hidden="true">{`${STATUS_ICON[f.status]} `}</span>
      {`${words}: ${f.label} ${f.title}`}
    </li>
  );
  return (
    <ul>
      {notMet.map((f) => item(f, 'Not met'))}
      {partly.map((f) => item(f, 'Partly met'))}
    </ul>
  );
}

/**
 * One row per pathway, failing first: both frameworks' results, the criteria it does not meet
 * (by name, not hidden behind the percentage), the workshop's ratings beside them, and the trend.
 */
export function PathwayTable(props: {
  slug: string;
  pathways: readonly PathwayScorecard[];
  trends: Map<string, Map<string, TrendPoint[]>>;
}) {
  const base = `/w/${props.slug}/scorecards`;
  return (
    <div role="region" aria-label="Pathways table, scrolls sideways" tabIndex={0} className="relative overflow-x-auto mb-8">
      <table className="w-full border-collapse bg-white text-sm">
        <caption className="sr-only">Pathways, those with the most criteria not met first</caption>
        <thead>
          <tr className="border-b-2 border-nhs-grey-1 text-left align-bottom">
            <th scope="col" className="p-2">Pathway</th>
            {FRAMEWORKS.map((f) => (
              <th key={f.id} scope="col" className="p-2">
                {f.shortTitle}
              </th>
            ))}
            <th scope="col" className="p-2">Criteria not met or partly met (computed)</th>
            <th scope="col" className="p-2">Ratings agreed at workshops</th>
            <th scope="col" className="p-2">Trend</th>
          </tr>
        </thead>
        <tbody>
          {props.pathways.map((p) => {
            const trend = props.trends.get(p.id);
            return (
              <tr key={p.id} className="border-b border-nhs-grey-4 align-top" data-pathway={p.id} data-not-met={p.scored ? p.notMet : undefined}>
                <th scope="row" className="p-2 text-left font-normal">
                  <a href={`${base}/${p.id}`} className="font-bold">
                    {p.title}
                  </a>
                  <span className="block text-xs text-nhs-grey-1">{`${p.conditions.join(', ')} · ${PATHWAY_STATUS_LABELS[p.status]}`}</span>
                  <span className="block text-xs text-nhs-grey-1">
                    {p.version ? `Version ${p.version.number}, saved ${formatDate(p.version.savedAt)}` : 'No saved version yet'}
                  </span>
                </th>
                {FRAMEWORKS.map((f) => {
                  const figures = p.frameworks.find((x) => x.frameworkId === f.id);
                  return (
                    <td key={f.id} className="p-2" data-framework={f.id}>
                      {figures ? (
                        <>
                          <span className="block text-lg font-bold">{formatPercent(figures.percent)}</span>
                          <span className={figures.notMet ? 'text-xs font-bold text-[#8d1c12]' : 'text-xs text-nhs-grey-1'}>
                            {describeCounts(figures.notMet, figures.needsJudgement)}
                          </span>
                        </>
                      ) : (
                        <span className="text-nhs-grey-1">Not scored</span>
                      )}
                    </td>
                  );
                })}
                <td className="p-2">
                  {!p.scored ? (
                    <span className="text-nhs-grey-1">Save a version to score it</span>
                  ) : (
                    <FailingList failing={p.failing} />
                  )}
                </td>
                <td className="p-2">
                  {p.scored ? (
                    p.consensus.rated === 0 ? (
                      <span className="text-nhs-grey-1">Not rated at a workshop</span>
                    ) : (
                      <>
                        <span className="block">
                          {p.consensus.rated} of {Object.keys(p.cells).length} rated
                        </span>
                        <span className="block text-xs">{p.consensus.notMet} rated not met</span>
                        <span className="block text-xs">{p.consensus.differs} differ from the computed result</span>
                        {p.consensus.judged > 0 ? (
                          <span className="block text-xs">{`${p.consensus.judged} give the judgement a criterion needs`}</span>
                        ) : null}
                      </>
                    )
                  ) : null}
                </td>
                <td className="p-2">
                  <Sparkline
                    series={FRAMEWORKS.map((f) => ({ frameworkId: f.id, title: f.shortTitle, points: trend?.get(f.id) ?? [] }))}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
