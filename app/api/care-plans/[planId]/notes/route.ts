import { getActor } from '@/lib/auth/session';
import { addCarePlanNote } from '@/lib/server/add-care-plan-note';
import { carePlanNotFound, invalidInput, jsonRoute, NO_STORE, readJson, signInFirst } from '@/lib/server/care-plan-http';
import { NOTE_BODY_MAX_LENGTH } from '@/lib/care-plan/input';
import { jsonBodyLimit } from '@/lib/text-limits';

export const dynamic = 'force-dynamic';

/**
 * Enough for the longest note however it is written (13 KB), and no more: the body is read before
 * anything else is checked, so the pathway file limit (5 MB) would let anyone signed in make the
 * server hold 5 MB per request.
 */
const MAX_BODY_BYTES = jsonBodyLimit(NOTE_BODY_MAX_LENGTH);

/** Adds the person's (or a contributing carer's) note: { "body": "…" }. */
export const POST = jsonRoute('care plan note POST', async (request: Request, { params }: { params: Promise<{ planId: string }> }) => {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { planId } = await params;
  const json = await readJson(request, MAX_BODY_BYTES);
  if (!json.ok) return json.response;
  const result = await addCarePlanNote({ actor, planId, input: json.body });
  if (result.ok) return Response.json({ noteId: result.noteId }, { status: 201, headers: NO_STORE });
  if (result.reason === 'not_found') return carePlanNotFound();
  return invalidInput(result.message, result.errors);
});
