// The person's (or their carer's) plan page: mobile first, plain English, a large-text option, what
// happens next at the top, buttons to contact the team, and the way to print it or share it.
import { AGREEMENT_COPY, PATIENT_COPY, planCopy, reviewSentence, type PlanCopy } from '@/lib/care-plan/copy';
import { firstName, possessive } from '@/lib/care-plan/plain';
import { presentPlan } from '@/lib/care-plan/present';
import { coordinatorOf, type CarePlanAccessView, type CarePlanView } from '@/lib/care-plan/types';
import type { TextSize } from '@/lib/care-plan/text-size';
import { ArchivedPlanNotice } from './ArchivePlan';
import { PlanAgreement } from './Agreement';
import { ContactLinks, PlanView } from './PlanView';
import { LargeTextStyle, TextSizeToggle } from './TextSize';

/** Every part of the plan, in page order, named exactly as its heading (PlanView's sections). */
function jumps(copy: PlanCopy, isPatient: boolean): [string, string][] {
  return [
    ['where', copy.youAreHereHeading],
    ['next', copy.nextHeading],
    ['contact', copy.contactHeading],
    ['worse', copy.escalationHeading],
    ['matters', copy.whatMattersHeading],
    ['goals', copy.goalsHeading],
    ['actions', copy.actionsHeading],
    ['medicines', copy.medicinesHeading],
    ['team', copy.teamHeading],
    ['review', copy.reviewHeading],
    ['notes', copy.notesHeading],
    // The person's own: whether they agree with the plan (Agreement.tsx).
    ...(isPatient ? [['agree', AGREEMENT_COPY.heading] as [string, string]] : []),
  ];
}

export function PersonPlanPage(props: {
  plan: CarePlanView;
  access: CarePlanAccessView;
  viewer: { id: string; name: string };
  today: string;
  textSize: TextSize;
  /** The note just deleted (from the link): the notes say so. */
  deletedNote?: string;
}) {
  const { plan } = props;
  // An archived plan is read-only for everyone (the use cases refuse changes): no forms to tick off
  // jobs or add notes.
  const archived = plan.status === 'archived';
  const access: CarePlanAccessView = archived
    ? { ...props.access, canEdit: false, canPatientUpdate: false }
    : props.access;
  const isPatient = access.relation === 'patient';
  const audience = isPatient ? 'patient' : access.relation === 'carer' ? 'carer' : 'clinician';
  const presentation = presentPlan(plan, props.today, audience);
  const copy = planCopy(audience, plan.patient.name, { canUpdate: access.canPatientUpdate });
  const base = `/my-plan/${plan.id}`;
  return (
    <main id="main-content" className="mx-auto max-w-2xl px-4 py-6">
      <LargeTextStyle size={props.textSize} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-nhs-grey-1">{plan.workspace.name}</p>
        <TextSizeToggle size={props.textSize} />
      </div>
      <h1 className="mb-2 text-3xl font-bold">
        {isPatient ? 'Your care plan' : `${possessive(plan.patient.name)} care plan`}
      </h1>
      {archived && (
        <ArchivedPlanNotice
          audience={audience === 'carer' ? 'carer' : 'patient'}
          patientName={plan.patient.name}
          archivedAt={plan.archivedAt}
          coordinator={coordinatorOf(plan)}
        />
      )}
      <p className="mb-2 text-lg">
        {isPatient ? `Hello ${firstName(props.viewer.name)}. ` : ''}
        {audience === 'carer' ? PATIENT_COPY.carerIntro : PATIENT_COPY.intro}
      </p>
      <div className="mb-4">
        {presentation.review && (
          <p className={presentation.review.passed ? 'font-bold' : ''}>{reviewSentence(copy, presentation.review)}</p>
        )}
        <p>
          {copy.lastChanged} {presentation.lastChanged}.
        </p>
        {plan.agreement && presentation.agreement ? (
          <p>
            {presentation.agreement}
            {isPatient && !archived && (!plan.agreement.agreedAt || !plan.agreement.stillAsAgreed) ? (
              <>
                {' '}
                <a href="#agree">Say if you agree with it</a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {presentation.coordinator && (
        <div className="mb-6 border-l-8 border-nhs-blue bg-white p-4 no-print">
          <p className="text-lg font-bold">{copy.talkAboutCare}</p>
          <p>
            {presentation.coordinatorLabel} is {presentation.coordinator.name}.
          </p>
          <ContactLinks contact={presentation.coordinator} mode="screen" />
          <p className="mt-2">
            {presentation.crisis
              ? `${copy.crisisHeading}, call ${presentation.crisis.name}${presentation.crisis.phone && presentation.crisis.phone !== presentation.crisis.name.replace(/\D/g, '') ? ` on ${presentation.crisis.phone}` : ''}. `
              : ''}
            {copy.emergency}
          </p>
          {!presentation.crisis && <p className="mt-1">{copy.urgentHelp}</p>}
        </div>
      )}

      <nav aria-label="Parts of this plan" className="mb-6 no-print">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {jumps(copy, isPatient).map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      <PlanView
        planId={plan.id}
        plan={presentation}
        members={plan.members}
        mode="screen"
        audience={audience}
        access={access}
        viewerId={props.viewer.id}
        deletedNote={props.deletedNote}
      />

      {isPatient && plan.agreement ? (
        <PlanAgreement
          planId={plan.id}
          patientName={plan.patient.name}
          agreement={plan.agreement}
          canAgree={!archived}
        />
      ) : null}

      <section
        id="print"
        aria-labelledby="print-heading"
        className="mb-8 bg-white border border-nhs-grey-4 p-4 no-print"
      >
        <h2 id="print-heading" className="mb-2 text-2xl font-bold">
          {isPatient ? 'Print or save your plan' : 'Print or save this plan'}
        </h2>
        <p className="mb-3">{copy.printHelp}</p>
        <ul className="space-y-2">
          <li>
            <a href={`${base}/print`} className="font-bold">
              Printable plan
            </a>
          </li>
          <li>
            <a href={`/api/care-plans/${plan.id}/pdf`} className="font-bold">
              Download the plan as a PDF
            </a>
          </li>
          <li>
            <a href={`/api/care-plans/${plan.id}/pdf?size=large`} className="font-bold">
              Download a large print PDF
            </a>
          </li>
        </ul>
      </section>

      {isPatient && (
        <section
          id="sharing"
          aria-labelledby="sharing-heading"
          className="mb-8 bg-white border border-nhs-grey-4 p-4 no-print"
        >
          <h2 id="sharing-heading" className="mb-2 text-2xl font-bold">
            {PATIENT_COPY.sharingHeading}
          </h2>
          <p className="mb-2">{PATIENT_COPY.sharingHelp}</p>
          <p className="mb-3">
            {plan.carers.length === 0
              ? PATIENT_COPY.sharedWithNobody
              : `Also: ${plan.carers.map((c) => c.name).join(', ')}.`}
          </p>
          <p>
            <a href={`${base}/sharing`} className="font-bold">
              Choose who can see my plan, and see who has looked at it
            </a>
          </p>
        </section>
      )}
    </main>
  );
}
