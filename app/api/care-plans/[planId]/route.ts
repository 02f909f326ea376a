import { getActor } from '@/lib/auth/session';
import { carePlanForReader, getCarePlan } from '@/lib/server/get-care-plan';
import { COULD_NOT_READ, carePlanNotFound, jsonRoute, NO_STORE, signInFirst } from '@/lib/server/care-plan-http';

export const dynamic = 'force-dynamic';

/** The plan as JSON, for the person, a carer they chose or the care team, each given their part. Unknown and forbidden look the same. */
export const GET = jsonRoute('care plan GET', async (_request: Request, { params }: { params: Promise<{ planId: string }> }) => {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { planId } = await params;
  const read = await getCarePlan({ actor, planId, via: 'api' });
  if (!read) return carePlanNotFound();
  return Response.json(carePlanForReader(read), { headers: NO_STORE });
}, COULD_NOT_READ);
