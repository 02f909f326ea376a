'use client';
// The person's way to say they agree with their plan (care planning is agreeing a plan with the
// person: RCGP, ../shared/seeds/004_80d6d8cd2e1c4591.txt §9.3; National Voices asks for a plan
// prepared jointly with them). Only on the person's own page: a carer and the care team read the
// sentence alone (agreementSentence). They agree what the page shows: the form carries the plan's
// agreement revision, and a plan changed meanwhile is refused with a sentence.
import { useEffect, useRef } from 'react';
import { agreePlanAction } from '@/app/my-plan/actions';
import { AGREEMENT_COPY, agreementSentence } from '@/lib/care-plan/copy';
import type { CarePlanAgreementView } from '@/lib/care-plan/types';
import { ButtonForm } from './forms';

const BUTTON = 'rounded bg-nhs-green px-4 py-2 text-lg font-bold text-white hover:bg-[#00662f]';

export function PlanAgreement(props: {
  planId: string;
  patientName: string;
  agreement: CarePlanAgreementView;
  /** False when the plan is archived: nothing to agree. */
  canAgree: boolean;
}) {
  const { agreement } = props;
  const agreed = agreement.agreedAt !== null;
  const askAgain = agreed && !agreement.stillAsAgreed;
  const asking = props.canAgree && (!agreed || askAgain);
  // Once they have agreed, the button goes: the focus goes to the sentence that says so, rather than
  // being dropped to the top of the page.
  const said = useRef<HTMLParagraphElement>(null);
  const wasAsking = useRef(asking);
  useEffect(() => {
    if (wasAsking.current && !asking && document.activeElement === document.body) said.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  return (
    <section
      id="agree"
      aria-labelledby="agree-heading"
      className="mb-8 scroll-mt-4 border-l-8 border-nhs-green bg-white p-4 no-print"
    >
      <h2 id="agree-heading" className="mb-2 text-2xl font-bold">
        {AGREEMENT_COPY.heading}
      </h2>
      {/* The focus comes here once they have agreed (the button they pressed is gone), so it is read out. */}
      <p ref={said} tabIndex={-1} className="mb-2 text-lg font-bold" data-testid="agreement-said">
        {agreementSentence('patient', props.patientName, agreement, { archived: !props.canAgree })}
      </p>
      {asking ? (
        <>
          <p className="mb-2">{askAgain ? AGREEMENT_COPY.changedSince : AGREEMENT_COPY.help}</p>
          <p className="mb-3">{AGREEMENT_COPY.somethingWrong}</p>
          <ButtonForm
            action={agreePlanAction}
            hidden={{ planId: props.planId, revision: agreement.revision }}
            buttonClassName={BUTTON}
          >
            {askAgain ? AGREEMENT_COPY.agreeAgain : AGREEMENT_COPY.agree}
          </ButtonForm>
        </>
      ) : null}
    </section>
  );
}
