import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { PATIENT_COPY, planCopy, reviewSentence } from '@/lib/care-plan/copy';
import { formatDate, possessive } from '@/lib/care-plan/plain';
import { presentPlan } from '@/lib/care-plan/present';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { todayIso } from '@/lib/server/results';
import { coordinatorOf } from '@/lib/care-plan/types';
import { ArchivedPlanNotice } from '@/components/care-plan/ArchivePlan';
import { PlanView } from '@/components/care-plan/PlanView';
import { PrintButton } from '@/components/care-plan/PrintButton';
import { currentTextSize, LargeTextStyle, TextSizeToggle } from '@/components/care-plan/TextSize';

export const metadata: Metadata = { title: 'Printable care plan' };
export const dynamic = 'force-dynamic';

/**
 * The printable plan: everything the screen has, laid out for paper. Contact numbers are written
 * out, jobs have boxes to tick, and there is space to write. The large-text option prints large too.
 */
export default async function PrintPlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const { planId } = await params;
  const [read, textSize] = await Promise.all([getCarePlan({ actor, planId, via: 'print' }), currentTextSize()]);
  if (!read) notFound();
  const { plan } = read;
  // An archived plan prints with its notice, and with nothing to tick or write (it is read-only).
  const archived = plan.status === 'archived';
  const access = archived ? { ...read.access, canEdit: false, canPatientUpdate: false } : read.access;
  const today = todayIso();
  const isPatient = access.relation === 'patient';
  const audience = isPatient ? 'patient' : access.relation === 'carer' ? 'carer' : 'clinician';
  const presentation = presentPlan(plan, today, audience);
  const copy = planCopy(audience, plan.patient.name, { canUpdate: access.canPatientUpdate });
  return (
    <main id="main-content" className="mx-auto max-w-3xl px-4 py-6 print:max-w-none print:p-0 print:text-[12pt]">
      <LargeTextStyle size={textSize} />
      <div className="mb-6 flex flex-wrap items-center gap-3 no-print">
        <PrintButton />
        <a href={`/api/care-plans/${plan.id}/pdf${textSize === 'large' ? '?size=large' : ''}`} className="font-bold">
          Download as a PDF{textSize === 'large' ? ' (large print)' : ''}
        </a>
        <TextSizeToggle size={textSize} />
        <a href={`/my-plan/${plan.id}`}>
          Back to the plan
        </a>
      </div>
      <header className="mb-6 border-b-4 border-nhs-blue pb-3">
        <h1 className="text-3xl font-bold">
          {isPatient ? `Care plan for ${plan.patient.name}` : `${possessive(plan.patient.name)} care plan`}
        </h1>
        <p className="text-lg">
          {plan.title}. Printed on {formatDate(today)}.
        </p>
        {presentation.review && <p className="text-lg font-bold">{reviewSentence(copy, presentation.review)}</p>}
        <p>
          {copy.lastChanged} {presentation.lastChanged}.
        </p>
        {presentation.agreement ? <p>{presentation.agreement}</p> : null}
        <p className="mt-2">{access.relation === 'carer' ? PATIENT_COPY.carerIntro : PATIENT_COPY.intro}</p>
      </header>
      {archived && (
        <ArchivedPlanNotice
          audience={audience === 'carer' ? 'carer' : 'patient'}
          patientName={plan.patient.name}
          archivedAt={plan.archivedAt}
          coordinator={coordinatorOf(plan)}
        />
      )}
      <PlanView
        planId={plan.id}
        plan={presentation}
        members={plan.members}
        mode="print"
        audience={audience}
        access={access}
        viewerId={actor.userId}
      />
    </main>
  );
}
