import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { renderCarePlanPdf } from '@/lib/care-plan/pdf';
import { presentPlan } from '@/lib/care-plan/present';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { COULD_NOT_READ, NO_STORE, carePlanNotFound, jsonRoute, signInFirst } from '@/lib/server/care-plan-http';
import { todayIso } from '@/lib/server/results';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The plan as a tagged PDF; `?size=large` for large print. */
export const GET = jsonRoute(
  'care plan PDF GET',
  async (request: Request, { params }: { params: Promise<{ planId: string }> }) => {
    const actor = await getActor();
    if (!actor) return signInFirst();
    const { planId } = await params;
    const large = new URL(request.url).searchParams.get('size') === 'large';
    const read = await getCarePlan({ actor, planId, via: 'pdf' });
    if (!read) return carePlanNotFound();
    const today = todayIso();
    try {
      const audience = read.access.relation;
      const bytes = await renderCarePlanPdf(presentPlan(read.plan, today, audience), {
        today,
        large,
        audience,
        canUpdate: read.access.canPatientUpdate,
      });
      const name = `care-plan-${read.plan.patient.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}${large ? '-large-print' : ''}.pdf`;
      return new Response(new Uint8Array(bytes), {
        headers: {
          ...NO_STORE,
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="${name}"`,
          'Content-Length': String(bytes.length),
        },
      });
    } catch (error) {
      log.error({ err: error, planId }, 'care plan PDF failed');
      return Response.json(
        { error: 'The PDF could not be made just now. Try the printable plan instead.' },
        { status: 500, headers: NO_STORE },
      );
    }
  },
  COULD_NOT_READ,
);
