import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Your care plan' };

/** Where patients and carers land. Plans themselves arrive with shared care plans. */
export default async function MyPlanPage() {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  return (
    <main id="main-content" className="mx-auto max-w-2xl px-4 py-8">
      <h1 className="text-3xl font-bold mb-4">Your care plan</h1>
      <p className="text-lg">Hello {actor.name}. Your care team has not shared a care plan with you here yet.</p>
    </main>
  );
}
