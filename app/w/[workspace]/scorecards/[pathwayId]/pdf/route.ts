import { getPathwayScorecard, parseVersionChoice } from '@/lib/server/get-pathway-scorecard';
import { escapeHtml, htmlPage } from '@/lib/server/html-page';
import { fileDate, fileResponse, notFoundResponse, withActor } from '@/lib/server/scorecard-exports';
import { fileSlug } from '@/lib/scorecard/csv';
import { pathwayReportPdf } from '@/lib/scorecard/pdf';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One pathway's report (a saved version, or ?version=working for the working copy), as a PDF. */
export async function GET(request: Request, { params }: { params: Promise<{ workspace: string; pathwayId: string }> }) {
  return withActor('pathway-pdf', request, async (actor) => {
    const { workspace: slug, pathwayId } = await params;
    const choice = parseVersionChoice(new URL(request.url).searchParams.get('version'));
    const now = new Date();
    const view = await getPathwayScorecard({ actor, workspaceSlug: slug, pathwayId, choice, now });
    if (!view) return notFoundResponse();
    // A version the pathway does not have, or nothing to report: the link was opened in the browser,
    // so a page a person can read (never JSON), with the sentence the scorecard page shows and a way back.
    const page = `/w/${encodeURIComponent(view.workspace.slug)}/scorecards/${encodeURIComponent(view.pathway.id)}`;
    const backLink = (href: string) =>
      `<p><a href="${href}">Go back to the scorecard for ${escapeHtml(view.pathway.title)}</a></p>`;
    if (view.missingVersion !== null) {
      return htmlPage(
        404,
        'Page not found',
        `<p>${escapeHtml(view.problem ?? 'There is no such version of this pathway.')}</p>\n${backLink(page)}`,
      );
    }
    if (!view.findings || view.shown.kind === 'none') {
      const version =
        view.shown.kind === 'working'
          ? 'working'
          : view.shown.kind === 'version'
            ? String(view.shown.version.number)
            : '';
      return htmlPage(
        404,
        'There is nothing to report for this version',
        `<p>${escapeHtml(view.problem ?? 'There are no scores to report.')}</p>\n${backLink(version ? `${page}?version=${version}` : page)}`,
      );
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
