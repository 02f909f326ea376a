// Shared answers of the care plan route handlers, so a denial and a missing plan give exactly the
// same status and body (a guessed id learns nothing), and bad input names the field.
import { PATHWAY_FILE_MAX_BYTES, megabytes } from '@/lib/pathway/file-limits';
import { log } from '@/lib/log';
import { CARE_PLAN_NOT_FOUND } from './care-plan-access';

export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

export function carePlanNotFound(): Response {
  return Response.json({ error: CARE_PLAN_NOT_FOUND }, { status: 404, headers: NO_STORE });
}

export function signInFirst(): Response {
  return Response.json({ error: 'Sign in to continue.' }, { status: 401, headers: NO_STORE });
}

export function invalidInput(message: string, errors: { path: string; message: string }[]): Response {
  return Response.json({ error: message, errors }, { status: 422, headers: NO_STORE });
}

/** "5.1 MB" or, under a megabyte, "19.6 KB": a small limit in megabytes would read as "0.1 MB". Rounded up. */
function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${megabytes(bytes)} MB`;
  return `${(Math.ceil((bytes / 1024) * 10) / 10).toLocaleString('en-GB')} KB`;
}

function tooLarge(bytes: number | null, max: number): Response {
  const found = bytes === null ? 'larger than' : `${size(bytes)}, larger than`;
  return Response.json(
    { error: `The request body is ${found} the ${size(max)} limit, so nothing was read or changed.` },
    { status: 413, headers: NO_STORE },
  );
}

/** The body as text, or null once it passes `max` bytes (read no further than that). */
async function readTextWithin(request: Request, max: number): Promise<string | null> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * True when a browser says the request comes from another site, a sibling subdomain included:
 * Sec-Fetch-Site, which pages cannot set, or, from a browser that does not send it, an Origin
 * whose host is not the one the request was sent to. Requests with neither (not from a
 * browser's page, e.g. a script with the person's own session) are not refused here.
 */
export function fromAnotherSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return origin === 'null' || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Reads a JSON body, or says why it cannot: 403 for a request another website's page sent, 415 for forms posted across sites, 413 for a body over
 * `maxBytes` (the pathway file limit unless given), 400 for bad JSON.
 */
export async function readJson(
  request: Request,
  maxBytes: number = PATHWAY_FILE_MAX_BYTES,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (fromAnotherSite(request)) {
    return {
      ok: false,
      response: Response.json(
        { error: 'This request came from another website, so Pathweave did not act on it.' },
        { status: 403, headers: NO_STORE },
      ),
    };
  }
  // Exactly application/json: a browser sends "text/plain; x=application/json" across sites
  // without asking first, so a type that merely mentions JSON is not enough.
  const mediaType = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    return {
      ok: false,
      response: Response.json(
        { error: 'Send the request as JSON (Content-Type: application/json).' },
        { status: 415, headers: NO_STORE },
      ),
    };
  }
  const declared = Number(request.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, response: tooLarge(declared, maxBytes) };
  const text = await readTextWithin(request, maxBytes);
  if (text === null) return { ok: false, response: tooLarge(null, maxBytes) };
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      response: Response.json({ error: 'The request body is not valid JSON.' }, { status: 400, headers: NO_STORE }),
    };
  }
}

/** The app's own origin as the browser reached it, for FHIR references. */
export function originOf(request: Request): string {
  return process.env.NEXTAUTH_URL?.replace(/\/$/, '') ?? new URL(request.url).origin;
}

/** What a route that changes things says when it fails. */
export const SOMETHING_WENT_WRONG = 'Something went wrong on our side, so nothing was changed. Try again in a moment.';

/** What a route that only reads says when it fails. */
export const COULD_NOT_READ = 'Sorry, there is a problem with the service, so this could not be shown. Try again later.';

/**
 * A route handler that never lets a fault reach the person as a bare error page: the fault is
 * logged with the route's name, and the answer is a sentence in JSON. A change and its audit row
 * commit together, so a fault part-way through has changed nothing. A route that only reads passes
 * COULD_NOT_READ as its message.
 */
export function jsonRoute<C>(
  name: string,
  handler: (request: Request, context: C) => Promise<Response>,
  message: string = SOMETHING_WENT_WRONG,
) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      log.error({ err: error, route: name }, 'route failed');
      return Response.json({ error: message }, { status: 500, headers: NO_STORE });
    }
  };
}

