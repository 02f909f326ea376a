import type { Metadata } from 'next';
import { safeCallbackPath } from '@/lib/auth/callback';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { oidcProvider } from '@/lib/auth/options';
import { signInErrorFor } from '@/lib/auth/messages';
import { SignInForm } from '@/components/auth/SignInForm';
import { ForgetLocalCopies } from '@/components/shell/ForgetLocalCopies';
import { FORGET_LOCAL_COPIES_COOKIE } from '@/lib/collab/local-copy-names';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getActor()) redirect('/');
  const { error, callbackUrl } = await searchParams;
  const oidc = oidcProvider();
  const message = signInErrorFor(error);
  // Just signed out: this person's live pathways kept on this device go (components/shell/sign-out-action.ts).
  const forget = (await cookies()).get(FORGET_LOCAL_COPIES_COOKIE)?.value;
  const safeCallback = safeCallbackPath(callbackUrl);
  return (
    <main id="main-content" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-3xl font-bold mb-6">Sign in to Pathweave</h1>
      {forget ? <ForgetLocalCopies userId={forget} /> : null}
      <SignInForm
        callbackUrl={safeCallback}
        initialError={message}
        oidc={oidc ? { id: 'oidc', name: process.env.OIDC_NAME ?? 'Single sign-on' } : null}
      />
    </main>
  );
}
