import type { Metadata } from 'next';
import { Notice } from '@/components/shell/Notice';
import { notFound, redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { PATIENT_COPY } from '@/lib/care-plan/copy';
import { getCarePlanAudit } from '@/lib/server/get-care-plan-audit';
import { getCarePlanSharing } from '@/lib/server/get-care-plan-sharing';
import { cancelledInvitationEmail } from '@/lib/server/grant-care-plan-access';
import { AuditList } from '@/components/care-plan/AuditList';
import { SharingForms } from '@/components/care-plan/SharingForms';
import { currentTextSize, LargeTextStyle, TextSizeToggle } from '@/components/care-plan/TextSize';

export const metadata: Metadata = { title: 'Who can see my plan' };
export const dynamic = 'force-dynamic';

/** The person's own page: who can see their plan, and who has looked. Only the person can open it. */
export default async function SharingPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ notice?: string; invitation?: string; carer?: string; grant?: string }>;
}) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const { planId } = await params;
  const { notice, invitation, carer, grant } = await searchParams;
  const sharing = await getCarePlanSharing({ actor, planId });
  if (!sharing) notFound();
  // Just stopped sharing with someone, or shared again: the page says so, worded from what is stored
  // (someone who used to see the plan and does not now, or who can see it now).
  const stopped = notice === 'stopped' ? sharing.past.find((p) => p.carerId === carer) : undefined;
  const shared = notice === 'shared' ? sharing.live.find((g) => g.grantId === grant) : undefined;
  const [audit, textSize, cancelled] = await Promise.all([
    getCarePlanAudit({ actor, planId }),
    currentTextSize(),
    // Just took back an invitation: the page says so, worded from what is stored.
    notice === 'cancelled' && typeof invitation === 'string'
      ? cancelledInvitationEmail(actor, planId, invitation)
      : null,
  ]);
  return (
    <main id="main-content" className="mx-auto max-w-2xl px-4 py-6">
      <LargeTextStyle size={textSize} />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <a href={`/my-plan/${planId}`}>Back to your plan</a>
        <TextSizeToggle size={textSize} />
      </div>
      <h1 className="mb-2 text-3xl font-bold">{PATIENT_COPY.sharingHeading}</h1>
      {cancelled ? (
        <Notice>
          <p className="text-lg font-bold wrap-anywhere">{`You took back the invitation to ${cancelled}.`}</p>
        </Notice>
      ) : stopped ? (
        <Notice key={`stopped-${stopped.carerId}`}>
          <p className="text-lg font-bold">{`You stopped sharing your plan with ${stopped.name}.`}</p>
        </Notice>
      ) : shared ? (
        <Notice key={`shared-${shared.grantId}`}>
          <p className="text-lg font-bold">{`${shared.name} can see your plan again.`}</p>
        </Notice>
      ) : null}
      <p className="mb-6 text-lg">{PATIENT_COPY.sharingHelp}</p>
      <SharingForms sharing={sharing} />
      <section aria-labelledby="looked-heading" className="mt-8">
        <h2 id="looked-heading" className="mb-2 text-2xl font-bold">
          {PATIENT_COPY.lookedHeading}
        </h2>
        <p className="mb-3">{PATIENT_COPY.lookedHelp}</p>
        <div className="overflow-x-auto">
          <AuditList entries={audit?.entries ?? []} emptyText="Nobody else has opened your plan yet." />
        </div>
      </section>
    </main>
  );
}
