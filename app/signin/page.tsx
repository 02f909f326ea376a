import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { oidcProvider, SIGN_IN_ERRORS } from '@/lib/auth/options';
import { SignInForm } from '@/components/auth/SignInForm';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getActor()) redirect('/');
  const { error, callbackUrl } = await searchParams;
  const oidc = oidcProvider();
  const message =
    error === 'notRegistered' || error === 'emailNotVerified' ? SIGN_IN_ERRORS[error] : error ? SIGN_IN_ERRORS.invalid : undefined;
  const safeCallback = callbackUrl && callbackUrl.startsWith('/') && !callbackUrl.startsWith('//') ? callbackUrl : '/';
  return (
    <main id="main-content" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-3xl font-bold mb-6">Sign in to Pathweave</h1>
      <SignInForm
        callbackUrl={safeCallback}
        initialError={message}
        oidc={oidc ? { id: 'oidc', name: process.env.OIDC_NAME ?? 'Single sign-on' } : null}
      />
    </main>
  );
}
