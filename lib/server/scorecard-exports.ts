import { safeCallbackPath } from '@/lib/auth/callback';
import { getActor, type SignedInActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { htmlPage } from './html-page';
import { todayIso } from './results';

/**
 * The shared edges of the scorecard's export route handlers: sign-in, the one "not found" answer
 * (the same for a workspace that does not exist and one the person may not see), and errors that
 * never show a stack trace.
 */

/**
 * A download link is opened in the browser, so "not found" is a page a person can read (the same
 * kind of page as the care plan PDF's). It names no workspace or pathway and is the same for an
 * address that does not exist and one the person may not see, so a guessed address learns nothing.
 */
export function notFoundResponse(): Response {
  return htmlPage(
    404,
    'Page not found',
    `<p>We could not find that scorecard, or you do not have access to it.</p>
<p>If you typed the web address, check it is correct.</p>
<p><a href="/">Go to the Pathweave home page</a></p>`,
  );
}

/**
 * The scorecard page a download link is on: the export's address without its last part ("/csv" or
 * "/pdf"), with the same query (the filters, or the version), as a path on this site.
 */
export function scorecardPageOf(request: Request): string {
  const url = new URL(request.url);
  return safeCallbackPath(`${url.pathname.replace(/\/[^/]*$/, '')}${url.search}`);
}

/** Signed out: sign in, then back to the scorecard page the link is on. */
export function signInResponse(back: string): Response {
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/signin?callbackUrl=${encodeURIComponent(safeCallbackPath(back))}`,
      'Cache-Control': 'no-store',
    },
  });
}

export function fileResponse(body: Uint8Array | string, contentType: string, fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): Response {
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `${disposition}; filename="${fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  });
}

/** Runs an export for the signed-in person; any unexpected failure is logged and answered in plain words. */
export async function withActor(
  name: string,
  request: Request,
  run: (actor: SignedInActor) => Promise<Response>,
): Promise<Response> {
  const actor = await getActor();
  if (!actor) return signInResponse(scorecardPageOf(request));
  try {
    return await run(actor);
  } catch (error) {
    log.error({ err: error, export: name }, 'scorecard export failed');
    return htmlPage(500, 'Sorry, there is a problem', '<p>Sorry, the report could not be made. Try again in a moment.</p>');
  }
}

/** "2026-11-23" in file names: the day in the UK, as on the scorecard itself. */
export function fileDate(d: Date): string {
  return todayIso(d);
}
