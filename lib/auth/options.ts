import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { Provider } from 'next-auth/providers/index';
import { getPrisma } from '@/lib/db/client';
import { log } from '@/lib/log';
import { clientAddress, trustedProxyHops } from './client-address';
import { SIGN_IN_ERRORS, isSignInMessage, throttledMessage } from './messages';
import { linkOidcSignIn, type OidcSignIn } from './oidc-link';
import { dummyHash, verifyPassword } from './password';
import { recordSessionEnd } from './session-end';
import { sessionEndsAt } from './session-life';
import { clearFailures, countAttempt, throttleKeys } from './throttle';

/** How long a session lasts without activity before the person must sign in again. */
export const SESSION_MAX_AGE_SECONDS = Number(process.env.PATHWEAVE_SESSION_MAX_AGE ?? 8 * 60 * 60);

export { SIGN_IN_ERRORS } from './messages';

/**
 * A generic OpenID Connect provider, switched on when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are set: the way NHS CIS2 (staff) or NHS login (patients) is configured.
 * Only people already registered in Pathweave may sign in through it: matched by email the first
 * time, and only when the provider has verified that email (see ./oidc-link).
 */
export function oidcProvider(env: NodeJS.ProcessEnv = process.env): Provider | null {
  const issuer = env.OIDC_ISSUER;
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: 'oidc',
    name: env.OIDC_NAME ?? 'Single sign-on',
    type: 'oauth',
    wellKnown: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    authorization: { params: { scope: env.OIDC_SCOPE ?? 'openid profile email' } },
    idToken: true,
    checks: ['pkce', 'state', 'nonce'],
    clientId,
    clientSecret,
    profile(profile: { sub: string; name?: string; email?: string }) {
      return { id: profile.sub, name: profile.name ?? profile.email ?? profile.sub, email: profile.email ?? null };
    },
  } as Provider;
}

type Credentials = Record<'email' | 'password', string> | undefined;

/**
 * The password sign-in: throttled, checked against the stored hash, and audited either way. The
 * attempt is counted before the password is checked, and refused unchecked when too many came first.
 */
async function checkPassword(credentials: Credentials, req: { headers?: unknown } | undefined) {
  const email = String(credentials?.email ?? '').trim().toLowerCase();
  const password = String(credentials?.password ?? '');
  if (!email || !password) throw new Error(SIGN_IN_ERRORS.invalid);
  const prisma = getPrisma();
  const address = clientAddress(req?.headers as Record<string, unknown> | undefined, trustedProxyHops());
  const keys = throttleKeys(email, address);
  const attempt = await countAttempt(prisma, keys);
  if (!attempt.allowed) {
    log.warn({ event: 'signin.throttled', retryAfterMs: attempt.retryAfterMs }, 'sign-in throttled');
    throw new Error(throttledMessage(attempt.retryAfterMs));
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !user.passwordHash || !ok) {
    await prisma.auditEvent.create({
      data: { action: 'signin', resourceType: 'session', outcome: 'denied', actorId: user?.id ?? null },
    });
    throw new Error(SIGN_IN_ERRORS.invalid);
  }
  await clearFailures(prisma, keys);
  await prisma.auditEvent.create({
    data: { action: 'signin', resourceType: 'session', outcome: 'allowed', actorId: user.id },
  });
  return { id: user.id, name: user.name, email: user.email };
}

/**
 * The password sign-in as both ways of signing in use it: next-auth's credentials provider (the
 * sign-in form with JavaScript) and the form's server action without it (app/signin/actions.ts).
 * Throws an Error whose message is one of SIGN_IN_ERRORS, and nothing else.
 */
export async function signInWithPassword(credentials: Credentials, req: { headers?: unknown } | undefined) {
  try {
    return await checkPassword(credentials, req);
  } catch (error) {
    // Only our own sentences reach the sign-in page: next-auth shows whatever authorize throws,
    // and a database error's text is not for the person signing in.
    if (error instanceof Error && isSignInMessage(error.message)) throw error;
    log.error({ err: error, event: 'signin.failed' }, 'sign-in failed');
    throw new Error(SIGN_IN_ERRORS.unavailable);
  }
}

/** A session that has ended, met when its token is read; not an error in the app (see the logger below). */
class SessionEndedError extends Error {
  constructor(why: string) {
    super(`session ended: ${why}`);
    this.name = 'SessionEndedError';
  }
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 15 * 60 },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  // next-auth's own sign-out page (GET /api/auth/signout) is the app's: it asks first when signing
  // out would delete edits made offline, and removes what this person kept on the device.
  pages: { signIn: '/signin', signOut: '/signout', error: '/signin' },
  logger: {
    // next-auth's own messages go to the app's log. A session met after it ended (the jwt
    // callback below) is an everyday event, not an error with a stack trace.
    error(code, metadata) {
      const m = metadata as { name?: unknown; message?: unknown } | undefined;
      if (code === 'JWT_SESSION_ERROR' && m?.name === 'SessionEndedError') {
        log.info({ event: 'session.ended', why: m.message }, 'an ended session was refused');
        return;
      }
      log.error({ event: 'next-auth.error', code, err: metadata }, 'next-auth error');
    },
    warn(code) {
      log.warn({ event: 'next-auth.warning', code }, 'next-auth warning');
    },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials, req) => signInWithPassword(credentials, req),
    }),
    ...(oidcProvider() ? [oidcProvider() as Provider] : []),
  ],
  events: {
    // next-auth's own sign-out (POST /api/auth/signout) ends the session everywhere, as the
    // app's sign-out form does (lib/auth/sign-out.ts), not only by removing this browser's cookie.
    async signOut({ token }) {
      await recordSessionEnd(token?.sub, token?.sid);
    },
  },
  callbacks: {
    async signIn({ user, account, profile }) {
      if (account?.provider !== 'oidc') return true;
      const outcome = await linkOidcSignIn(getPrisma(), { user, account, profile: profile as OidcSignIn['profile'] });
      return outcome === true ? true : `/signin?error=${encodeURIComponent(outcome)}`;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        // The session's id: kept through the token's renewals, so signing out can end the session
        // everywhere a copy of its cookie is (lib/auth/actor.ts).
        token.sid = crypto.randomUUID();
        // When the person signed in, also kept through renewals: a session ends at the latest
        // this long after it, however often it is used (lib/auth/session-life.ts).
        token.signedInAt = Date.now();
        return token;
      }
      // A token being read or renewed. One past its longest life, or signed out, is not renewed:
      // next-auth answers a throw here with no session and a cleared cookie, so a kept copy of
      // the cookie cannot be kept alive by renewing it. (Everything it could reach is refused
      // anyway: lib/auth/actor.ts checks the same record.)
      if (sessionEndsAt(token.signedInAt) <= Date.now()) throw new SessionEndedError('past its longest life');
      if (typeof token.sid === 'string') {
        const ended = await getPrisma().revokedSession.findUnique({ where: { sid: token.sid }, select: { sid: true } });
        if (ended) throw new SessionEndedError('signed out');
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      if (typeof token.sid === 'string') (session as { sid?: string }).sid = token.sid;
      return session;
    },
  },
};
