// Invitations to see someone's care plan, on /my-plan: who asked, what they would let you do, and
// a yes or a no. Nothing of the plan is shown until you say yes.
import { respondToInvitationAction } from '@/app/my-plan/actions';
import { formatMoment, possessive } from '@/lib/care-plan/plain';
import type { CarePlanInvitationSummary } from '@/lib/server/care-plan-invitations';
import { ButtonForm } from './forms';

export function Invitations({ invitations }: { invitations: readonly CarePlanInvitationSummary[] }) {
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="invitations-heading" className="mb-8">
      <h2 id="invitations-heading" className="mb-2 text-2xl font-bold">
        {invitations.length === 1
          ? 'Someone has asked you to see their care plan'
          : 'People have asked you to see their care plans'}
      </h2>
      <ul className="space-y-3">
        {invitations.map((i) => (
          <li key={i.invitationId} className="bg-white border border-nhs-grey-4 p-4">
            <h3 className="text-lg font-bold">{`${i.patientName} would like you to see their care plan`}</h3>
            <p className="text-sm text-nhs-grey-1">{`From ${i.workspaceName}`}</p>
            <p className="mt-2">
              {i.canContribute
                ? 'You will be able to read it, add notes and tick off jobs.'
                : 'You will be able to read it. You will not be able to change it.'}
            </p>
            <p>{`If you say yes, ${i.patientName} will see your name. If you say no, they will only see that you said no. ${i.patientName} can stop sharing at any time.`}</p>
            <p className="text-sm text-nhs-grey-1">Asked {formatMoment(i.invitedAt)}</p>
            <div className="mt-2 flex flex-wrap gap-3">
              <ButtonForm
                action={respondToInvitationAction}
                hidden={{ invitationId: i.invitationId, answer: 'yes', shown: i.canContribute ? 'yes' : 'no' }}
                className=""
                buttonClassName="rounded bg-nhs-green px-4 py-2 font-bold text-white hover:bg-[#00662f]"
              >
                Yes, show me {possessive(i.patientName)} plan
              </ButtonForm>
              <ButtonForm
                action={respondToInvitationAction}
                hidden={{ invitationId: i.invitationId, answer: 'no' }}
                className=""
                buttonClassName="rounded border-2 border-nhs-blue bg-white px-4 py-2 font-bold text-nhs-blue hover:bg-nhs-grey-5"
              >
                No, thank you <span className="sr-only">({possessive(i.patientName)} plan)</span>
              </ButtonForm>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
