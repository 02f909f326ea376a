import { safeCallbackPath } from '@/lib/auth/callback';
import { getActor, type SignedInActor } from '@/lib/auth/session';
import { log } from '@/lib/log';

/**
 * The shared edges of the scorecard's export route handlers: sign-in, the one "not found" answer
 * (the same for a workspace that does not exist and one the person may not see), and errors that
 * never show a stack trace.
 */
export const NOT_FOUND_TEXT = 'Not found';

export function notFoundResponse(): Response {
  return new Response(NOT_FOUND_TEXT, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
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
    return new Response('Sorry, the report could not be made. Try again.', {
      status: 500,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
    });
  }
}

/** "2026-11-23" in file names. */
export function fileDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
