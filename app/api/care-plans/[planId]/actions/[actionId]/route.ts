import { getActor } from '@/lib/auth/session';
import { setCarePlanActionDone } from '@/lib/server/set-care-plan-action-done';
import { carePlanNotFound, invalidInput, jsonRoute, NO_STORE, readJson, signInFirst } from '@/lib/server/care-plan-http';
import { jsonBodyLimit } from '@/lib/text-limits';

export const dynamic = 'force-dynamic';

/** The body is only { "done": true }: 1 KB, read before anything else is checked, not the 5 MB file limit. */
const MAX_BODY_BYTES = jsonBodyLimit();

/** Ticks off (or un-ticks) one of the person's own actions: { "done": true }. */
export const POST = jsonRoute('care plan action POST', async (request: Request, { params }: { params: Promise<{ planId: string; actionId: string }> }) => {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { planId, actionId } = await params;
  const json = await readJson(request, MAX_BODY_BYTES);
  if (!json.ok) return json.response;
  const done = (json.body as { done?: unknown } | null)?.done;
  const result = await setCarePlanActionDone({ actor, planId, input: { actionId, done } });
  if (result.ok) return Response.json({ status: result.status }, { headers: NO_STORE });
  if (result.reason === 'not_found') return carePlanNotFound();
  return invalidInput(result.message, result.errors);
});
