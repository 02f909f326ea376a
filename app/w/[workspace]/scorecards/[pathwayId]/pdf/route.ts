import { NO_STORE } from '@/lib/server/care-plan-http';
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
    // A version the pathway does not have, or nothing to report: a sentence in JSON, as the app's
    // other routes answer, naming the version asked for and those that exist.
    if (view.missingVersion !== null) {
      return Response.json({ error: view.problem, versions: view.versions.map((v) => v.number) }, { status: 404, headers: NO_STORE });
    }
    if (!view.findings || view.shown.kind === 'none') {
      return Response.json({ error: view.problem ?? 'There are no scores to report.' }, { status: 409, headers: NO_STORE });
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
