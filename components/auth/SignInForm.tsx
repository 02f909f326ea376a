'use client';
import { useActionState, useRef, useState } from 'react';
import { signIn } from 'next-auth/react';
import { signInWithoutScriptAction, type SignInState } from '@/app/signin/actions';
import { isSignInMessage, SIGN_IN_ERRORS } from '@/lib/auth/messages';

const NOTHING_YET: SignInState = {};

export function SignInForm(props: { callbackUrl: string; initialError?: string; oidc: { id: string; name: string } | null }) {
  const [error, setError] = useState<string | undefined>(props.initialError);
  const [pending, setPending] = useState(false);
  // Without JavaScript (or pressed before the script has loaded) the form posts to its server
  // action, and the page comes back with what that said. Once the script signs in, that is old news.
  const [withoutScript, signInWithoutScript] = useActionState(signInWithoutScriptAction, NOTHING_YET);
  const [scripted, setScripted] = useState(false);
  const shown = scripted ? error : (withoutScript.error ?? error);
  const summary = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    // Signed in here, through next-auth's client: the form's server action is not run.
    event.preventDefault();
    setScripted(true);
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const fail = (message: string) => {
      setError(message);
      requestAnimationFrame(() => summary.current?.focus());
    };
    if (!email) return fail(SIGN_IN_ERRORS.noEmail);
    if (!password) return fail(SIGN_IN_ERRORS.noPassword);
    setPending(true);
    setError(undefined);
    let result: Awaited<ReturnType<typeof signIn>>;
    try {
      result = await signIn('credentials', { email, password, redirect: false });
    } catch {
      result = undefined;
    }
    setPending(false);
    if (!result || result.error) {
      // Only our own sentences are shown; anything else (a server fault) gets a plain one.
      const said = result?.error;
      return fail(
        said === 'CredentialsSignin' ? SIGN_IN_ERRORS.invalid : isSignInMessage(said) ? said : SIGN_IN_ERRORS.unavailable,
      );
    }
    window.location.assign(props.callbackUrl);
  }

  return (
    <>
      {shown && (
        <div
          ref={summary}
          tabIndex={-1}
          role="alert"
          className="mb-6 border-4 border-nhs-red bg-white p-4"
          aria-labelledby="signin-error-title"
        >
          <h2 id="signin-error-title" className="font-bold text-lg">
            There is a problem
          </h2>
          <p className="text-nhs-red font-bold">{shown}</p>
        </div>
      )}
      {/* A server action, so signing in works without JavaScript too, and the email and password are
          posted, never put in the address, the history or a log. */}
      <form action={signInWithoutScript} onSubmit={onSubmit} className="space-y-5" noValidate>
        <input type="hidden" name="callbackUrl" value={props.callbackUrl} />
        <div>
          <label htmlFor="email" className="block font-bold mb-1">
            Email address
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            defaultValue={withoutScript.email}
            required
            className="w-full border-2 border-nhs-black bg-white px-2 py-2"
          />
        </div>
        <div>
          <label htmlFor="password" className="block font-bold mb-1">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="w-full border-2 border-nhs-black bg-white px-2 py-2"
          />
        </div>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-nhs-green px-5 py-2 font-bold text-white shadow-[0_4px_0_#00401e] disabled:opacity-70"
        >
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {props.oidc && (
        <div className="mt-8 border-t border-nhs-grey-4 pt-6">
          <button
            type="button"
            onClick={() => void signIn(props.oidc!.id, { callbackUrl: props.callbackUrl })}
            className="rounded border-2 border-nhs-blue bg-white px-5 py-2 font-bold text-nhs-blue"
          >
            Sign in with {props.oidc.name}
          </button>
        </div>
      )}
    </>
  );
}
