// What the sign-in page may say. Plain data with no imports, so the sign-in form in the browser can
// tell these sentences from anything else (which it never shows: see components/auth/SignInForm).

export const SIGN_IN_ERRORS = {
  invalid: 'The email address or password is not right. Check them and try again.',
  throttled: 'Too many attempts to sign in. Wait a minute, then try again.',
  notRegistered: 'Your account is not registered with Pathweave. Ask your workspace facilitator to add you.',
  emailNotVerified:
    'Your sign-in service has not confirmed your email address, so Pathweave cannot match it to your account. Confirm your email address with that service, then try again.',
  unavailable: 'Sign-in is not working just now. Try again in a few minutes.',
  singleSignOnFailed:
    'Your sign-in service did not let Pathweave sign you in just now. Try again in a few minutes, or ask your workspace facilitator.',
  noEmail: 'Enter your email address.',
  noPassword: 'Enter your password.',
} as const;

const MESSAGES: ReadonlySet<string> = new Set(Object.values(SIGN_IN_ERRORS));

/** True for one of the sentences above, and for nothing else. */
export function isSignInMessage(text: unknown): text is (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS] {
  return typeof text === 'string' && MESSAGES.has(text);
}

/** The error codes NextAuth gives when single sign-on (OIDC) goes wrong, rather than a password. */
const SINGLE_SIGN_ON_CODES: ReadonlySet<string> = new Set([
  'OAuthSignin',
  'OAuthCallback',
  'OAuthCreateAccount',
  'OAuthAccountNotLinked',
  'Callback',
  'AccessDenied',
  'Configuration',
]);

/**
 * What the sign-in page says for the `error` in its address: one of the sentences above as it is;
 * a single sign-on failure as that, never as a wrong password; anything else (a password refused,
 * or text someone put in the address) as "not right".
 */
export function signInErrorFor(code: string | undefined): string | undefined {
  if (!code) return undefined;
  if (code === 'notRegistered' || code === 'emailNotVerified') return SIGN_IN_ERRORS[code];
  if (isSignInMessage(code)) return code;
  if (SINGLE_SIGN_ON_CODES.has(code)) return SIGN_IN_ERRORS.singleSignOnFailed;
  return SIGN_IN_ERRORS.invalid;
}
