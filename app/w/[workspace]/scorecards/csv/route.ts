import { originOf } from '@/lib/server/care-plan-http';
import { getWorkspaceScorecard } from '@/lib/server/get-workspace-scorecard';
import { fileDate, fileResponse, notFoundResponse, withActor } from '@/lib/server/scorecard-exports';
import { fileSlug, scorecardCsvRows, toCsv } from '@/lib/scorecard/csv';
import { parseScorecardFilters } from '@/lib/scorecard/filters';

export const dynamic = 'force-dynamic';

/**
 * The scorecard as CSV: every pathway that passes the filters (not just one page). Its links use the
 * app's configured origin (NEXTAUTH_URL), as the FHIR export does, never a Host header the request chose.
 */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  return withActor('csv', request, async (actor) => {
    const { workspace: slug } = await params;
    const url = new URL(request.url);
    const filters = parseScorecardFilters(url.searchParams);
    const view = await getWorkspaceScorecard({ actor, workspaceSlug: slug, filters, page: 'all' });
    if (!view) return notFoundResponse();
    const csv = toCsv(scorecardCsvRows(view.scorecard, { baseUrl: originOf(request), workspaceSlug: view.workspace.slug }));
    return fileResponse(csv, 'text/csv; charset=utf-8', `scorecard-${fileSlug(view.workspace.name)}-${fileDate(new Date())}.csv`);
  });
}
