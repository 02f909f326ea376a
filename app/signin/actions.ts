'use server';
// Signing in without JavaScript (scripts off, or a press before the page's script has loaded): the
// sign-in form's own action. With JavaScript the form signs in through next-auth's client instead
// (components/auth/SignInForm.tsx) and this never runs. Both check the password in one place
// (signInWithPassword: throttled and audited) and give the same session cookie. Server actions
// accept only same-origin posts, so no other site can sign someone in here.
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { safeCallbackPath } from '@/lib/auth/callback';
import { isSignInMessage, SIGN_IN_ERRORS } from '@/lib/auth/messages';
import { signInWithPassword } from '@/lib/auth/options';
import { passwordSessionCookie } from '@/lib/auth/password-session';
import { log } from '@/lib/log';

export type SignInState = { error?: string; email?: string };

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export async function signInWithoutScriptAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const email = text(form, 'email').trim();
  const password = text(form, 'password');
  // The email is given back so the person need not type it again; the password never is.
  if (!email) return { error: SIGN_IN_ERRORS.noEmail };
  if (!password) return { error: SIGN_IN_ERRORS.noPassword, email };
  let cookie: Awaited<ReturnType<typeof passwordSessionCookie>>;
  try {
    const user = await signInWithPassword(
      { email, password },
      { headers: Object.fromEntries((await headers()).entries()) },
    );
    cookie = await passwordSessionCookie(user);
  } catch (error) {
    const said = error instanceof Error ? error.message : '';
    if (!isSignInMessage(said)) log.error({ err: error, event: 'signin.failed' }, 'sign-in without JavaScript failed');
    return { error: isSignInMessage(said) ? said : SIGN_IN_ERRORS.unavailable, email };
  }
  (await cookies()).set(cookie.name, cookie.value, cookie.options);
  redirect(safeCallbackPath(text(form, 'callbackUrl')));
}
