import { getWorkspaceScorecard } from '@/lib/server/get-workspace-scorecard';
import { fileDate, fileResponse, notFoundResponse, withActor } from '@/lib/server/scorecard-exports';
import { fileSlug } from '@/lib/scorecard/csv';
import { parseScorecardFilters } from '@/lib/scorecard/filters';
import { workspaceReportPdf } from '@/lib/scorecard/pdf';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The board report for the workspace (as filtered), as a PDF. */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string }> }) {
  return withActor('workspace-pdf', request, async (actor) => {
    const { workspace: slug } = await params;
    const filters = parseScorecardFilters(new URL(request.url).searchParams);
    const view = await getWorkspaceScorecard({ actor, workspaceSlug: slug, filters, page: 'all' });
    if (!view) return notFoundResponse();
    const now = new Date();
    const pdf = await workspaceReportPdf(view.scorecard, filters, { workspaceName: view.workspace.name, generatedAt: now, generatedBy: actor.name });
    return fileResponse(pdf, 'application/pdf', `scorecard-${fileSlug(view.workspace.name)}-${fileDate(now)}.pdf`);
  });
}
