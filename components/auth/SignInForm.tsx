'use client';
import { useRef, useState } from 'react';
import { signIn } from 'next-auth/react';

export function SignInForm(props: { callbackUrl: string; initialError?: string; oidc: { id: string; name: string } | null }) {
  const [error, setError] = useState<string | undefined>(props.initialError);
  const [pending, setPending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error && result.error !== 'CredentialsSignin' ? result.error : 'The email address or password is not right. Check them and try again.');
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    window.location.assign(props.callbackUrl);
  }

  return (
    <>
      {error && (
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
          <p className="text-nhs-red font-bold">{error}</p>
        </div>
      )}
      <form onSubmit={onSubmit} className="space-y-5" noValidate>
        <div>
          <label htmlFor="email" className="block font-bold mb-1">
            Email address
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
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
