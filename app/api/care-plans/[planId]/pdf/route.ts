import { getActor } from '@/lib/auth/session';
import { log } from '@/lib/log';
import { renderCarePlanPdf } from '@/lib/care-plan/pdf';
import { presentPlan } from '@/lib/care-plan/present';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { NO_STORE, carePlanNotFound, signInFirst } from '@/lib/server/care-plan-http';
import { todayIso } from '@/lib/server/results';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * The PDF is opened from a link, so a fault answers with a page a person can read (in the NHS
 * service manual's words), pointing to the printable plan: never JSON or a bare error page.
 */
function problemPage(planId: string): Response {
  const print = `/my-plan/${encodeURIComponent(planId)}/print`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, there is a problem with the service – Pathweave</title>
<style>body{font-family:Arial,sans-serif;font-size:1.1875rem;line-height:1.5;color:#212b32;max-width:40rem;margin:2rem auto;padding:0 1rem}a{color:#005eb8;font-weight:bold}a:focus{background:#ffeb3b;color:#212b32;outline:none;box-shadow:0 -2px #ffeb3b,0 4px #212b32;text-decoration:none}</style>
</head>
<body>
<main>
<h1>Sorry, there is a problem with the service</h1>
<p>The PDF of the care plan could not be made just now. Nothing in the plan has changed.</p>
<p>Try again later, or <a href="${print}">open the printable plan</a>, which you can print or save from your browser.</p>
</main>
</body>
</html>`;
  return new Response(html, { status: 500, headers: { ...NO_STORE, 'Content-Type': 'text/html; charset=utf-8' } });
}

/** The plan as a tagged PDF; `?size=large` for large print. */
export async function GET(request: Request, { params }: { params: Promise<{ planId: string }> }) {
  const actor = await getActor();
  if (!actor) return signInFirst();
  const { planId } = await params;
  const large = new URL(request.url).searchParams.get('size') === 'large';
  try {
    const read = await getCarePlan({ actor, planId, via: 'pdf' });
    if (!read) return carePlanNotFound();
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
