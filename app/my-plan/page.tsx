import type { Metadata } from 'next';
import { Notice } from '@/components/shell/Notice';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { PATIENT_COPY } from '@/lib/care-plan/copy';
import { ARCHIVE_COPY, archivedOn } from '@/lib/care-plan/archive';
import { possessive } from '@/lib/care-plan/plain';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { declinedInvitation, listMyCarePlanInvitations } from '@/lib/server/care-plan-invitations';
import { listMyCarePlans } from '@/lib/server/list-my-care-plans';
import { todayIso } from '@/lib/server/results';
import { Invitations } from '@/components/care-plan/Invitations';
import { PersonPlanPage } from '@/components/care-plan/PersonPlanPage';
import { currentTextSize, LargeTextStyle, TextSizeToggle } from '@/components/care-plan/TextSize';

export const metadata: Metadata = { title: 'Your care plan' };
export const dynamic = 'force-dynamic';

/**
 * Where patients and carers land. With one plan (the usual case) the plan itself is shown here, with
 * no extra click; with several (a carer who is also a patient) a list of them. Invitations to see
 * someone's plan come first, so the single-plan shortcut is skipped while one waits for an answer.
 */
export default async function MyPlanPage({
  searchParams,
}: {
  searchParams: Promise<{ notice?: string; invitation?: string }>;
}) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const { notice, invitation } = await searchParams;
  const [plans, invitations, textSize, declined] = await Promise.all([
    listMyCarePlans({ actor }),
    listMyCarePlanInvitations({ actor }),
    currentTextSize(),
    // Just said no to an invitation: the page says so, worded from what is stored.
    notice === 'declined' && typeof invitation === 'string' ? declinedInvitation(actor, invitation) : null,
  ]);
  if (plans.length === 1 && plans[0] && invitations.length === 0 && !declined) {
    const read = await getCarePlan({ actor, planId: plans[0].id, via: 'page' });
    if (read) {
      return (
        <PersonPlanPage
          plan={read.plan}
          access={read.access}
          viewer={{ id: actor.userId, name: actor.name }}
          today={todayIso()}
          textSize={textSize}
        />
      );
    }
  }
  return (
    <main id="main-content" className="mx-auto max-w-2xl px-4 py-8">
      <LargeTextStyle size={textSize} />
      <div className="mb-4 flex justify-end">
        <TextSizeToggle size={textSize} />
      </div>
      <h1 className="mb-4 text-3xl font-bold">
        {invitations.length > 0 ? 'Care plans' : plans.length > 1 ? 'Your care plans' : 'Your care plan'}
      </h1>
      {declined ? (
        <Notice>
          <p className="text-lg font-bold">{`You said no to seeing ${possessive(declined.patientName)} care plan.`}</p>
          <p>{`${declined.patientName} will see that the person they asked said no. They will not see your name.`}</p>
        </Notice>
      ) : null}
      <Invitations invitations={invitations} />
      {plans.length === 0 && invitations.length > 0 ? null : plans.length === 0 ? (
        <p className="text-lg">
          Hello {actor.name}. {PATIENT_COPY.noPlan}
        </p>
      ) : (
        <ul className="space-y-3">
          {plans.map((p) => (
            <li key={p.id} className="bg-white border border-nhs-grey-4 p-4">
              <a href={`/my-plan/${p.id}`} className="text-xl font-bold">
                {p.relation === 'patient' ? 'Your care plan' : `${possessive(p.patientName)} care plan`}
              </a>
              <p>
                {p.relation === 'patient'
                  ? 'Made with you by your care team.'
                  : `${p.patientName} chose to share it with you.`}
              </p>
              {p.status === 'archived' && (
                <p className="mt-1 font-bold">
                  {ARCHIVE_COPY.heading}
                  {archivedOn(p.archivedAt) ? ` (since ${archivedOn(p.archivedAt)})` : ''}. You can still read it.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
