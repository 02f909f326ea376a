import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { signOutAction } from '@/components/shell/sign-out-action';
import { SignOutForm } from '@/components/shell/SignOutForm';

export const metadata: Metadata = { title: 'Sign out' };
export const dynamic = 'force-dynamic';

/**
 * Where next-auth's own sign-out address (/api/auth/signout) leads (authOptions.pages.signOut). It
 * signs out as the header's button does: it asks first when edits made offline would be deleted,
 * and removes what this person kept on this device.
 */
export default async function SignOutPage() {
  const actor = await getActor();
  if (!actor) redirect('/signin');
  return (
    <main id="main-content" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-3xl font-bold mb-4">Sign out</h1>
      <p className="mb-6">
        You are signed in as {actor.name} ({actor.email}). Signing out also removes the pathways
        you kept on this device to work on offline.
      </p>
      <SignOutForm
        userId={actor.userId}
        action={signOutAction}
        buttonClassName="rounded bg-nhs-green px-5 py-2 font-bold text-white shadow-[0_4px_0_#00401e] hover:bg-[#00662f]"
      />
    </main>
  );
}
