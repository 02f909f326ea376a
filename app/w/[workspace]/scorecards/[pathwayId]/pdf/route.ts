import { getPathwayScorecard, parseVersionChoice } from '@/lib/server/get-pathway-scorecard';
import { fileDate, fileResponse, notFoundResponse, withActor } from '@/lib/server/scorecard-exports';
import { fileSlug } from '@/lib/scorecard/csv';
import { pathwayReportPdf } from '@/lib/scorecard/pdf';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One pathway's report (a saved version, or ?version=working for the working copy), as a PDF. */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string; pathwayId: string }> }) {
  return withActor('pathway-pdf', async (actor) => {
    const { workspace: slug, pathwayId } = await params;
    const choice = parseVersionChoice(new URL(request.url).searchParams.get('version'));
    const now = new Date();
    const view = await getPathwayScorecard({ actor, workspaceSlug: slug, pathwayId, choice, now });
    if (!view) return notFoundResponse();
    if (!view.findings || view.shown.kind === 'none') {
      return new Response(view.problem ?? 'There are no scores to report.', { status: 409, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    const pdf = await pathwayReportPdf(
      {
        title: view.pathway.title,
        conditions: view.pathway.conditions,
        status: view.pathway.status,
        version: view.shown.kind === 'working' ? 'working' : { number: view.shown.version.number, savedAt: view.shown.version.savedAt, note: view.shown.version.note },
        findings: view.findings,
        trend: view.trend,
      },
      { workspaceName: view.workspace.name, generatedAt: now, generatedBy: actor.name },
    );
    const which = view.shown.kind === 'working' ? 'working-copy' : `v${view.shown.version.number}`;
    return fileResponse(pdf, 'application/pdf', `scorecard-${fileSlug(view.pathway.title)}-${which}-${fileDate(now)}.pdf`);
  });
}
