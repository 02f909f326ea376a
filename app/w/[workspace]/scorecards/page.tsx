import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireWorkspace } from '@/lib/server/guard';
import { getWorkspaceScorecard } from '@/lib/server/get-workspace-scorecard';
import { describeFilters, hasFilters, parseScorecardFilters, scorecardQuery } from '@/lib/scorecard/filters';
import { plural } from '@/lib/scorecard/format';

import { CriteriaOverview } from '@/components/scorecard/CriteriaOverview';
import { Heatmap } from '@/components/scorecard/Heatmap';
import { JourneyComparison } from '@/components/scorecard/JourneyComparison';
import { Pagination } from '@/components/scorecard/Pagination';
import { PathwayTable } from '@/components/scorecard/PathwayTable';
import { ScorecardFilters } from '@/components/scorecard/ScorecardFilters';

export const metadata: Metadata = { title: 'Scorecards' };

export default async function ScorecardsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { workspace: slug } = await params;
  const { actor } = await requireWorkspace(slug, 'workspace:viewScorecard');
  const filters = parseScorecardFilters(await searchParams);
  const view = await getWorkspaceScorecard({ actor, workspaceSlug: slug, filters });
  if (!view) notFound();
  const { scorecard, page } = view;
  const action = `/w/${view.workspace.slug}/scorecards`;
  const query = scorecardQuery(filters, { page: false });
  const t = scorecard.totals;

  return (
    <>
      <h1 className="text-3xl font-bold mb-2">Scorecards</h1>
      <p className="mb-1 max-w-3xl">
        Every pathway in {view.workspace.name}, scored against the RCGP five tests and the National Voices principles. Results come
        from each pathway&apos;s latest saved version. The room&apos;s consensus ratings are shown beside them and never mixed in.
      </p>
      <p className="mb-4 max-w-3xl text-nhs-grey-1">
        Pathways with the most criteria not met come first. Open a pathway to see its findings, its working copy and how its
        scores changed.
      </p>

      <ScorecardFilters action={action} filters={filters} conditions={view.conditions} />

      <div className="mb-6 flex flex-wrap gap-4 no-print">
        <a href={`${action}/csv${query}`} download className="font-bold">
          Download the scorecard as CSV
        </a>
        <a href={`${action}/pdf${query}`} className="font-bold">
          Download the board report (PDF)
        </a>
      </div>

      <section aria-labelledby="summary-heading" className="mb-6">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <p className="text-lg" role="status">
          {hasFilters(filters) ? `${describeFilters(filters)} ` : ''}
          <strong>{plural(t.pathways, 'pathway', 'pathways')}</strong>
          {t.pathways > 0 ? (
            <>
              : <strong>{plural(t.withNotMet, 'has', 'have')}</strong> at least one criterion not met ({plural(t.notMet, 'criterion', 'criteria')} in
              all); {plural(t.needsJudgement, 'criterion needs', 'criteria need')} a human judgement.
              {t.pathways - t.scored > 0 ? ` ${plural(t.pathways - t.scored, 'pathway has', 'pathways have')} no saved scores yet.` : ''}
            </>
          ) : (
            '.'
          )}
        </p>
      </section>

      {t.pathways === 0 ? (
        <p className="mb-8">
          No pathways match these filters. <a href={action}>Show every pathway</a>.
        </p>
      ) : (
        <>
          <section aria-labelledby="pathways-heading">
            <h2 id="pathways-heading" className="text-2xl font-bold mb-2">
              Pathways
            </h2>
            <Pagination action={action} filters={filters} page={page} />
            <PathwayTable slug={view.workspace.slug} pathways={page.items} trends={view.trends} />
          </section>
          <Heatmap slug={view.workspace.slug} pathways={page.items} columns={scorecard.columns} frameworks={scorecard.frameworks} />
          <CriteriaOverview criteria={scorecard.criteria} pathways={t.scored} />
          <JourneyComparison slug={view.workspace.slug} pathways={page.items.filter((p) => p.scored)} />
          <Pagination action={action} filters={filters} page={page} />
        </>
      )}
    </>
  );
}
