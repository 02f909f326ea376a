import { encode, type JWT } from 'next-auth/jwt';
import { authOptions, SESSION_MAX_AGE_SECONDS } from './options';

export type SessionCookie = {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge: number };
};

/**
 * The session cookie next-auth would set on a password sign-in, for the sign-in form's server
 * action (app/signin/actions.ts), which signs in without JavaScript. The token is made as next-auth
 * makes it: its default token for the person, through our own `jwt` callback (so it carries the
 * session id that signing out ends), sealed by next-auth's own `encode` with the same secret and
 * lifetime. The name and flags are next-auth v4's defaults: the `__Secure-` prefix and the secure
 * flag exactly when NEXTAUTH_URL is https (as next-auth decides it, and as lib/collab/access.ts
 * reads it back).
 */
export async function passwordSessionCookie(
  user: { id: string; name: string | null; email: string | null },
  env: NodeJS.ProcessEnv = process.env,
): Promise<SessionCookie> {
  const secret = authOptions.secret ?? env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set, so no session can be made.');
  const jwt = authOptions.callbacks?.jwt;
  const start: JWT = { name: user.name, email: user.email, picture: undefined, sub: user.id };
  const token = jwt
    ? await jwt({
        token: start,
        user: { ...user },
        account: null,
        profile: undefined,
        isNewUser: false,
        trigger: 'signIn',
      })
    : start;
  const secure = (env.NEXTAUTH_URL ?? '').startsWith('https://');
  return {
    name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
    value: await encode({ token, secret, maxAge: SESSION_MAX_AGE_SECONDS }),
    options: { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: SESSION_MAX_AGE_SECONDS },
  };
}
