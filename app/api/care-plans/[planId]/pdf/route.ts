import { safeCallbackPath } from '@/lib/auth/callback';
import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { renderCarePlanPdf } from '@/lib/care-plan/pdf';
import { presentPlan } from '@/lib/care-plan/present';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { NO_STORE } from '@/lib/server/care-plan-http';
import { htmlPage } from '@/lib/server/html-page';
import { todayIso } from '@/lib/server/results';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The PDF is opened from a link, so a fault answers with a page a person can read (in the NHS
// service manual's words, lib/server/html-page.ts): never JSON or a bare error page.

/** A fault: points to the printable plan. */
function problemPage(planId: string): Response {
  const print = `/my-plan/${encodeURIComponent(planId)}/print`;
  return htmlPage(
    500,
    'Sorry, there is a problem with the service',
    `<p>The PDF of the care plan could not be made just now. Nothing in the plan has changed.</p>
<p>Try again later, or <a href="${print}">open the printable plan</a>, which you can print or save from your browser.</p>`,
  );
}

/**
 * A plan that does not exist and one the person may not see (a carer whose sharing was stopped)
 * get the same page, naming no plan, so a guessed id learns nothing.
 */
function notFoundPage(): Response {
  return htmlPage(
    404,
    'Page not found',
    `<p>We could not find that care plan, or you no longer have access to it.</p>
<p>If someone shared their plan with you, they may have stopped sharing it.</p>
<p><a href="/my-plan">Go to your care plans</a></p>`,
  );
}

/** Signed out: sign in, then back to the plan's page (the PDF link is on it). */
function toSignIn(planId: string): Response {
  const back = safeCallbackPath(`/my-plan/${encodeURIComponent(planId)}`);
  return new Response(null, {
    status: 303,
    headers: { ...NO_STORE, Location: `/signin?callbackUrl=${encodeURIComponent(back)}` },
  });
}

/** The plan as a tagged PDF; `?size=large` for large print. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  const actor = await getActor();
  const { planId } = await params;
  if (!actor) return toSignIn(planId);
  const large = new URL(request.url).searchParams.get('size') === 'large';
  try {
    const read = await getCarePlan({ actor, planId, via: 'pdf' });
    if (!read) return notFoundPage();
    const today = todayIso();
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
    log.error({ err: error, route: 'care plan PDF GET' }, 'route failed');
    return problemPage(planId);
  }
}
