// What the sign-in page may say. Plain data with no imports, so the sign-in form in the browser can
// tell these sentences from anything else (which it never shows: see components/auth/SignInForm).

export const SIGN_IN_ERRORS = {
  invalid: 'The email address or password is not right. Check them and try again.',
  throttled: 'Too many attempts to sign in. Wait a minute, then try again.',
  notRegistered: 'Your account is not registered with Pathweave. Ask your workspace facilitator to add you.',
  emailNotVerified:
    'Your sign-in service has not confirmed your email address, so Pathweave cannot match it to your account. Confirm your email address with that service, then try again.',
  unavailable: 'Sign-in is not working just now. Try again in a few minutes.',
  noEmail: 'Enter your email address.',
  noPassword: 'Enter your password.',
} as const;

const MESSAGES: ReadonlySet<string> = new Set(Object.values(SIGN_IN_ERRORS));

/** True for one of the sentences above, and for nothing else. */
export function isSignInMessage(text: unknown): text is (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS] {
  return typeof text === 'string' && MESSAGES.has(text);
}
