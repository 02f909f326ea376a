// What the sign-in page may say. Plain data with no imports, so the sign-in form in the browser can
// tell these sentences from anything else (which it never shows: see components/auth/SignInForm).

export const SIGN_IN_ERRORS = {
  invalid: 'The email address or password is not right. Check them and try again.',
  notRegistered: 'Your account is not registered with Pathweave. Ask your workspace facilitator to add you.',
  emailNotVerified:
    'Your sign-in service has not confirmed your email address, so Pathweave cannot match it to your account. Confirm your email address with that service, then try again.',
  unavailable: 'Sign-in is not working just now. Try again in a few minutes.',
  singleSignOnFailed:
    'Your sign-in service did not let Pathweave sign you in just now. Try again in a few minutes, or ask your workspace facilitator.',
  noEmail: 'Enter your email address.',
  noPassword: 'Enter your password.',
} as const;

/** The longest a sign-in is ever held back for too many attempts (lib/auth/throttle.ts). */
export const LONGEST_THROTTLE_MINUTES = 15;

export type ThrottledMessage = `Too many attempts to sign in. Try again in ${number} minute${'' | 's'}. ${string}`;

/**
 * What is said when sign-in is held back for too many attempts: how long for, in whole minutes
 * rounded up (so never too soon). The same for an email that is registered and one that is not.
 */
export function throttledMessage(waitMs: number): ThrottledMessage {
  const minutes = Math.min(Math.max(1, Math.ceil(waitMs / 60_000)), LONGEST_THROTTLE_MINUTES);
  return `Too many attempts to sign in. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}. If you still cannot sign in then, ask your workspace facilitator for help.`;
}

const MESSAGES: ReadonlySet<string> = new Set([
  ...Object.values(SIGN_IN_ERRORS),
  ...Array.from({ length: LONGEST_THROTTLE_MINUTES }, (_, i) => throttledMessage((i + 1) * 60_000)),
]);

/** True for one of the sentences above, and for nothing else. */
export function isSignInMessage(
  text: unknown,
): text is (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS] | ThrottledMessage {
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
