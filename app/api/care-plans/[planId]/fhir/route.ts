import { getActor } from '@/lib/auth/session';
import { exportCarePlanFhir } from '@/lib/server/export-care-plan-fhir';
import { COULD_NOT_READ, carePlanNotFound, jsonRoute, NO_STORE, originOf, signInFirst } from '@/lib/server/care-plan-http';

export const dynamic = 'force-dynamic';

/** The plan as a FHIR R4 Bundle of CarePlan, Goal and CareTeam (with the people they refer to). */
export const GET = jsonRoute('care plan FHIR GET', async (request: Request, { params }: { params: Promise<{ planId: string }> }) => {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { planId } = await params;
  const bundle = await exportCarePlanFhir({ actor, planId, baseUrl: originOf(request) });
  if (!bundle) return carePlanNotFound();
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      ...NO_STORE,
      'Content-Type': 'application/fhir+json; charset=utf-8',
      'Content-Disposition': `attachment; filename="care-plan-${planId.replace(/[^a-z0-9-]/gi, '')}.fhir.json"`,
    },
  });
}, COULD_NOT_READ);
