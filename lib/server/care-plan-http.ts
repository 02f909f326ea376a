// Shared answers of the care plan route handlers, so a denial and a missing plan give exactly the
// same status and body (a guessed id learns nothing), and bad input names the field.
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

/** Reads a JSON body, or says why it cannot (415 for forms posted across sites, 400 for bad JSON). */
export async function readJson(
  request: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().includes('application/json')) {
    return {
      ok: false,
      response: Response.json(
        { error: 'Send the request as JSON (Content-Type: application/json).' },
        { status: 415, headers: NO_STORE },
      ),
    };
  }
  try {
    return { ok: true, body: await request.json() };
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
