import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { getCarePlan } from '@/lib/server/get-care-plan';
import { todayIso } from '@/lib/server/results';
import { PersonPlanPage } from '@/components/care-plan/PersonPlanPage';
import { currentTextSize } from '@/components/care-plan/TextSize';

export const metadata: Metadata = { title: 'Care plan' };
export const dynamic = 'force-dynamic';

/** One plan, for the person, a carer they chose, or a clinician of the care team. Anyone else: "not found". */
export default async function PlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ planId: string }>;
  searchParams: Promise<{ notice?: string; note?: string }>;
}) {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  const { planId } = await params;
  const { notice, note } = await searchParams;
  const [read, textSize] = await Promise.all([getCarePlan({ actor, planId, via: 'page' }), currentTextSize()]);
  if (!read) notFound();
  return (
    <PersonPlanPage
      plan={read.plan}
      access={read.access}
      viewer={{ id: actor.userId, name: actor.name }}
      today={todayIso()}
      textSize={textSize}
      deletedNote={notice === 'note-deleted' && typeof note === 'string' ? note : undefined}
    />
  );
}
