import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireWorkspace } from '@/lib/server/guard';
import { readWorkspaceScorecard } from '@/lib/server/scorecard-pages';
import { describeFilters, hasFilters, parseScorecardFilters, scorecardQuery } from '@/lib/scorecard/filters';
import { plural } from '@/lib/scorecard/format';
import { workspaceScorecardTitle } from '@/lib/scorecard/titles';

import { CriteriaOverview } from '@/components/scorecard/CriteriaOverview';
import { Heatmap } from '@/components/scorecard/Heatmap';
import { JourneyComparison } from '@/components/scorecard/JourneyComparison';
import { Pagination } from '@/components/scorecard/Pagination';
import { PathwayTable } from '@/components/scorecard/PathwayTable';
import { ScorecardFilters } from '@/components/scorecard/ScorecardFilters';

interface PageProps {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Says whether the list is filtered and which page it is on, from the page's own authorised read. */
export async function generateMetadata({ params, searchParams }: PageProps): Promise<Metadata> {
  const { workspace: slug } = await params;
  const filters = parseScorecardFilters(await searchParams);
  const view = await readWorkspaceScorecard(slug, scorecardQuery(filters));
  return { title: workspaceScorecardTitle(filters, view ? view.page : null) };
}

export default async function ScorecardsPage({ params, searchParams }: PageProps) {
  const { workspace: slug } = await params;
  await requireWorkspace(slug, 'workspace:viewScorecard');
  const filters = parseScorecardFilters(await searchParams);
  const view = await readWorkspaceScorecard(slug, scorecardQuery(filters));
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
        from each pathway&apos;s latest saved version. Ratings agreed at workshops are shown beside them and never mixed in.
      </p>
      <p className="mb-1 max-w-3xl" data-testid="score-explained">
        Each framework score is the average of its criteria&apos;s scores. Criteria that need a human judgement are left out of
        the average. A high score can still include criteria that are not met, so check the count below it.
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
              : <strong>{plural(t.withNotMet, 'has', 'have')}</strong> at least one criterion not met. Added up over these pathways,{' '}
              {plural(t.notMet, 'criterion result is', 'criterion results are')} not met and{' '}
              {plural(t.needsJudgement, 'needs', 'need')} a human judgement.
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
          <Heatmap
            slug={view.workspace.slug}
            pathways={page.items}
            columns={scorecard.columns}
            frameworks={scorecard.frameworks}
            skipTo={{ id: 'criteria-heading', name: 'criteria across pathways' }}
          />
          <CriteriaOverview criteria={scorecard.criteria} pathways={t.scored} action={action} filters={{ ...filters, page: 1 }} />
          <JourneyComparison slug={view.workspace.slug} pathways={page.items.filter((p) => p.scored)} />
          <Pagination action={action} filters={filters} page={page} />
        </>
      )}
    </>
  );
}
